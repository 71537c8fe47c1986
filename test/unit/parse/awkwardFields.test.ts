// Node (unit tier): fields cut off or out of bounds (issue 11 items 9 and 10) on real capture rows, mutated; the
// general parser (parseLine) and the byte-level fast path (parseRange) must agree on each.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { LogParser } from '../../../core/parse/logParser';
import type { ConnectionRecord } from '../../../core/parse/types';
import { summarize } from '../../../core/analysis/summary';
import { formatSummaryText } from '../../../core/analysis/summaryText';
import { parseLog } from '../../../core/parse/logParser';
import { readFixture } from '../support/helpers';

/** The fixture's line that contains `needle` (a real row to mutate). */
function row(file: string, needle: string): string {
  const hit = readFixture(file)
    .split('\n')
    .find((l) => l.includes(needle));
  assert.ok(hit, `${needle} in ${file}`);
  return hit.trimEnd();
}

/** The record of one line through both parse paths, which must be identical. */
function both(line: string): ConnectionRecord | undefined {
  const general = new LogParser().parseLine(line, 1);
  const bytes = Buffer.from(line, 'latin1');
  const ranged = new LogParser().parseRange(line, bytes, 0, line.length, 1);
  assert.deepStrictEqual(ranged, general, line);
  assert.equal(JSON.stringify(ranged), JSON.stringify(general), line);
  return general;
}

const SS_TW = row('linux/ss-tanpo.txt', 'TIME-WAIT  0      0               127.0.0.1:51276');
const NETSTAT_TW = row(
  'linux/netstat-tanpo.txt',
  '127.0.0.1:51276         127.0.0.1:5008          TIME_WAIT',
);

test('a cut-off ss timer (timer:(timewait, …) gives no timer, not 0 s; the row is still recognised', () => {
  assert.equal(both(SS_TW)?.timer?.seconds, 57);
  for (const cut of [
    'timer:(timewait,',
    'timer:(timewait',
    'timer:(timewait,57',
    'timer:(timewait,57sec,0',
  ]) {
    const r = both(SS_TW.replace('timer:(timewait,57sec,0)', cut));
    assert.equal(r?.state, 'TIME_WAIT', cut);
    assert.equal(r?.timer, undefined, cut);
  }
});

test('a cut-off netstat timer (timewait ( …) gives no timer; the row is still recognised', () => {
  assert.equal(both(NETSTAT_TW)?.timer?.seconds, 57.42);
  for (const cut of ['timewait (', 'timewait (57.42', 'timewait (57.42/0/0']) {
    const r = both(NETSTAT_TW.replace('timewait (57.42/0/0)', cut));
    assert.equal(r?.state, 'TIME_WAIT', cut);
    assert.equal(r?.timer, undefined, cut);
  }
});

const NETSTAT_PID = row('linux/netstat-tanp.txt', '15758/python3');
const SS_USERS = row('linux/ss-tanp.txt', 'CLOSE-WAIT');

test('an empty process name (netstat 1/, ss users:(("",pid=1,fd=3))) is pid 1, shown as "pid 1", never a blank', () => {
  const n = both(NETSTAT_PID.replace('15758/python3', '1/'));
  assert.deepStrictEqual(n?.processes, [{ name: '', pid: 1 }]);
  const s = both(SS_USERS.replace(/users:\(\(.*\)\)/, 'users:(("",pid=1,fd=3))'));
  assert.deepStrictEqual(s?.processes, [{ name: '', pid: 1, fd: 3 }]);
  const text = [NETSTAT_PID.replace('15758/python3', '1/'), NETSTAT_PID].join('\n');
  const summary = summarize(parseLog(text));
  assert.deepStrictEqual(summary.processes.map((p) => p.key).sort(), ['pid 1', 'python3']);
  const report = formatSummaryText(summary, [], 'en');
  assert.match(report, /^ +pid 1 /m, report);
});

const SS_ESTAB = row('linux/ss-tan.txt', 'ESTAB      0      0               127.0.0.1:46830');

test('a host longer than 255 characters leaves the row unrecognised on both paths; 255 still parses', () => {
  assert.ok(both(SS_ESTAB));
  const host = (n: number): string => 'a'.repeat(n);
  assert.ok(both(SS_ESTAB.replace('127.0.0.1:46830', `${host(255)}:46830`)));
  assert.equal(both(SS_ESTAB.replace('127.0.0.1:46830', `${host(256)}:46830`)), undefined);
  assert.equal(both(SS_ESTAB.replace('127.0.0.1:5003', `${host(300)}:5003`)), undefined);
  assert.equal(both(SS_ESTAB.replace('127.0.0.1:46830', `[fe80::1%${host(300)}]:46830`)), undefined);
  assert.equal(both(NETSTAT_PID.replace('127.0.0.1:5001', `${host(300)}:5001`)), undefined);
});
