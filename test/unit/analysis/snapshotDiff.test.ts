// Node (unit tier): successive snapshots → change events, and a snapshot written as a table the parsers read back.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SnapshotDiffer } from '../../../core/analysis/snapshotDiff';
import { snapshotText } from '../../../core/analysis/snapshotTable';
import { buildHistories } from '../../../core/analysis/history';
import { formatEndpoint } from '../../../core/parse/address';
import { parseLog } from '../../../core/parse/logParser';
import type { ConnectionRecord } from '../../../core/parse/types';

const HEAD = 'State      Recv-Q Send-Q Local Address:Port   Peer Address:Port Process';
const LISTEN =
  'LISTEN     0      128    127.0.0.1:80         0.0.0.0:*         users:(("webd",pid=123,fd=3))';
const EST_SRV =
  'ESTAB      0      0      127.0.0.1:80         127.0.0.1:41234   users:(("webd",pid=123,fd=4))';
const EST_CLI = 'ESTAB      0      0      127.0.0.1:41234      127.0.0.1:80      users:(("curl",pid=9,fd=5))';
const CW_SRV =
  'CLOSE-WAIT 1      0      127.0.0.1:80         127.0.0.1:41234   users:(("webd",pid=123,fd=4))';
const FW2_CLI = 'FIN-WAIT-2 0      0      127.0.0.1:41234      127.0.0.1:80      users:(("curl",pid=9,fd=5))';
const TW_CLI = 'TIME-WAIT  0      0      127.0.0.1:41234      127.0.0.1:80      timer:(timewait,59sec,0)';
const OTHER = 'ESTAB      0      0      10.0.0.5:22          10.0.0.77:50712   users:(("sshd",pid=700,fd=4))';

const table = (...rows: string[]): ConnectionRecord[] => [...parseLog([HEAD, ...rows].join('\n')).records];

void test('the first snapshot is the baseline; then new, changed and gone connections, keyed by 4-tuple', () => {
  const d = new SnapshotDiffer();
  assert.deepEqual(d.update(1000, table(LISTEN, OTHER)).events, []);
  assert.equal(d.size, 2);
  assert.deepEqual(d.update(2000, table(LISTEN, EST_SRV, EST_CLI, OTHER)).events, [
    {
      t: 2000,
      local: '127.0.0.1:80',
      remote: '127.0.0.1:41234',
      from: null,
      to: 'ESTABLISHED',
      process: 'webd',
      pid: 123,
    },
    {
      t: 2000,
      local: '127.0.0.1:41234',
      remote: '127.0.0.1:80',
      from: null,
      to: 'ESTABLISHED',
      process: 'curl',
      pid: 9,
    },
  ]);
  assert.deepEqual(d.update(3000, table(LISTEN, CW_SRV, FW2_CLI, OTHER)).events, [
    {
      t: 3000,
      local: '127.0.0.1:80',
      remote: '127.0.0.1:41234',
      from: 'ESTABLISHED',
      to: 'CLOSE_WAIT',
      process: 'webd',
      pid: 123,
    },
    {
      t: 3000,
      local: '127.0.0.1:41234',
      remote: '127.0.0.1:80',
      from: 'ESTABLISHED',
      to: 'FIN_WAIT_2',
      process: 'curl',
      pid: 9,
    },
  ]);
  // The server side goes; the client's TIME_WAIT has no owner any more but keeps the one it had.
  assert.deepEqual(d.update(4000, table(LISTEN, TW_CLI)).events, [
    {
      t: 4000,
      local: '127.0.0.1:41234',
      remote: '127.0.0.1:80',
      from: 'FIN_WAIT_2',
      to: 'TIME_WAIT',
      process: 'curl',
      pid: 9,
    },
    {
      t: 4000,
      local: '127.0.0.1:80',
      remote: '127.0.0.1:41234',
      from: 'CLOSE_WAIT',
      to: null,
      process: 'webd',
      pid: 123,
    },
    {
      t: 4000,
      local: '10.0.0.5:22',
      remote: '10.0.0.77:50712',
      from: 'ESTABLISHED',
      to: null,
      process: 'sshd',
      pid: 700,
    },
  ]);
  assert.deepEqual(d.update(5000, table(LISTEN, TW_CLI)).events, [], 'no change, no event');
});

void test('filters apply after parsing: port (either side), process (an owner carried into TIME_WAIT), remote host', () => {
  const byPort = new SnapshotDiffer({ port: '80' });
  byPort.update(0, table(OTHER));
  assert.equal(byPort.size, 0);
  const ev = byPort.update(1, table(LISTEN, EST_SRV, EST_CLI, OTHER)).events;
  assert.deepEqual(
    ev.map((e) => `${e.local} ${e.remote}`),
    ['127.0.0.1:80 *:*', '127.0.0.1:80 127.0.0.1:41234', '127.0.0.1:41234 127.0.0.1:80'],
  );
  const byProcess = new SnapshotDiffer({ process: 'curl' });
  byProcess.update(0, table(LISTEN, EST_SRV, EST_CLI));
  assert.deepEqual(
    byProcess.update(1, table(LISTEN, FW2_CLI)).events.map((e) => [e.from, e.to]),
    [['ESTABLISHED', 'FIN_WAIT_2']],
  );
  const kept = byProcess.update(2, table(LISTEN, TW_CLI));
  assert.deepEqual(
    kept.events.map((e) => [e.from, e.to, e.process]),
    [['FIN_WAIT_2', 'TIME_WAIT', 'curl']],
  );
  assert.equal(kept.kept.length, 1, 'the kept records are the filtered ones');
  const byHost = new SnapshotDiffer({ remoteHost: '10.0.0.77' });
  assert.deepEqual(
    byHost.update(0, table(LISTEN, EST_SRV, OTHER)).kept.map((r) => formatEndpoint(r.local)),
    ['10.0.0.5:22'],
  );
});

void test('a recorded snapshot reads back as the same connections, and a recording gives history the observed paths', () => {
  const real = parseLog(
    readFileSync(join(__dirname, '..', '..', 'fixtures', 'linux', 'ss-tanpo.txt'), 'utf8'),
  ).records;
  const text = snapshotText(Date.UTC(2026, 11, 4, 12, 0, 1, 234), real);
  assert.ok(text.startsWith('2026-12-04T12:00:01.234Z\n'));
  const back = parseLog(text);
  assert.equal(back.snapshots.length, 1);
  assert.equal(back.snapshots[0].time, '2026-12-04T12:00:01.234Z');
  const view = (r: ConnectionRecord): unknown => [
    r.state,
    formatEndpoint(r.local),
    formatEndpoint(r.remote),
    r.recvQ,
    r.sendQ,
    r.processes.map((p) => [p.name, p.pid, p.fd]),
  ];
  assert.equal(back.records.length, real.length);
  assert.deepEqual(back.records.map(view), real.map(view));

  const steps = [table(LISTEN, EST_CLI), table(LISTEN, FW2_CLI), table(LISTEN, TW_CLI)];
  const series = steps.map((records, i) => snapshotText(1000 * i, records)).join('');
  const client = buildHistories(parseLog(series).records).find((h) => h.local === '127.0.0.1:41234');
  assert.deepEqual(client?.states, ['ESTABLISHED', 'FIN_WAIT_2', 'TIME_WAIT']);
});
