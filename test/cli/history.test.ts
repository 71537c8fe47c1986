// Node (cli tier): `tcp-states history` on a real multi-snapshot capture, and the running-state API it streams through.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildHistories, HistoryBuilder } from '../../core/analysis/history';
import { parseLog } from '../../core/parse/logParser';
import type { ConnectionRecord } from '../../core/parse/types';

const root = join(__dirname, '..', '..');
const linux = join(root, 'test', 'fixtures', 'linux');

function history(args: string[]): string {
  const r = spawnSync(
    process.execPath,
    ['--import', 'tsx', join(root, 'cli', 'cli.ts'), 'history', ...args],
    {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
    },
  );
  assert.equal(r.status, 0, r.stderr);
  return r.stdout;
}

void test('history of the real ss loop capture: a client and a server socket through a whole close', () => {
  const out = history(['--json', join(linux, 'timeseries-ss-tanpo.log')]);
  assert.deepEqual(
    out
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as unknown),
    [
      { local: '127.0.0.1:5100', remote: '*:*', states: ['LISTEN'], lines: [3] },
      {
        local: '127.0.0.1:52350',
        remote: '127.0.0.1:5100',
        states: ['SYN_SENT', 'ESTABLISHED', 'FIN_WAIT_1', 'FIN_WAIT_2', 'TIME_WAIT'],
        lines: [10, 26, 46, 81, 96],
      },
      {
        local: '127.0.0.1:5100',
        remote: '127.0.0.1:52350',
        states: ['ESTABLISHED', 'CLOSE_WAIT', 'LAST_ACK'],
        lines: [27, 47, 97],
      },
    ],
  );
  assert.match(
    history([join(linux, 'timeseries-ss-tanpo.log')]),
    /^127\.0\.0\.1:52350 → 127\.0\.0\.1:5100: SYN_SENT → ESTABLISHED → FIN_WAIT_1 → FIN_WAIT_2 → TIME_WAIT \(lines 10, 26, 46, 81, 96\)$/m,
  );
});

void test('HistoryBuilder: state grows with connections, not records, and records are consumed one by one', () => {
  const snapshot = parseLog(readFileSync(join(linux, 'ss-tanpo.txt'), 'utf8')).records;
  const rounds = 2000;
  let pulled = 0;
  // The same 57 connections, snapshot after snapshot: lines advance as they would in a real loop.
  function* snapshots(): Generator<ConnectionRecord> {
    for (let i = 0; i < rounds; i++)
      for (const r of snapshot) {
        pulled++;
        yield { ...r, line: r.line + i * 100 };
      }
  }
  const b = new HistoryBuilder(false);
  const distinct = buildHistories(snapshot).length;
  for (const r of snapshots()) {
    b.add(r);
    // A streaming consumer: the history is up to date after every record, not only at the end.
    if (pulled === snapshot.length) assert.equal(b.size, distinct);
  }
  assert.equal(pulled, rounds * snapshot.length);
  assert.equal(b.size, distinct);
  for (const h of b.histories()) {
    assert.deepEqual(h.allLines, [], 'no per-record list is kept');
    assert.equal(h.lines.length, h.states.length);
  }
  // The same answer as the whole-array API, which also accepts a one-shot iterator.
  const whole = buildHistories(snapshots());
  assert.deepEqual(
    b.histories().map((h) => [h.key, h.states, h.lines]),
    whole.map((h) => [h.key, h.states, h.lines]),
  );
  assert.equal(whole[0].allLines.length, rounds);
});
