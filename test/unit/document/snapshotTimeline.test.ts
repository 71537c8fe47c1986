// Node (unit tier): the counts-over-time chart's series on the real ss loop capture — one point per snapshot with the
// counts a plain reading of the file gives, at each snapshot's timestamp line; downsampled within the protocol's bound.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { arraySource, buildLineIndexSync, splitLines } from '../../../core/document/lineIndexBuilder';
import { snapshotTimeline } from '../../../core/document/snapshotTimeline';
import { parseHostToWebview } from '../../../core/protocol/validate';
import { readFixture } from '../support/helpers';

const NAME = 'linux/timeseries-ss-tanpo.log';
const SS_STATE: Record<string, string> = {
  ESTAB: 'ESTABLISHED',
  'SYN-SENT': 'SYN_SENT',
  'FIN-WAIT-1': 'FIN_WAIT_1',
  'FIN-WAIT-2': 'FIN_WAIT_2',
  'CLOSE-WAIT': 'CLOSE_WAIT',
  'LAST-ACK': 'LAST_ACK',
  'TIME-WAIT': 'TIME_WAIT',
  LISTEN: 'LISTEN',
};

/** The file read the simplest way: a `date` line opens a snapshot, each ss row counts for its state. */
function plainReading(text: string): { line: number; time: string; counts: Record<string, number> }[] {
  const out: { line: number; time: string; counts: Record<string, number> }[] = [];
  text.split('\n').forEach((l, i) => {
    if (/^\w{3} \w{3} +\d+ \d\d:\d\d:\d\d UTC \d{4}$/.test(l)) {
      out.push({ line: i + 1, time: l, counts: {} });
      return;
    }
    const state = SS_STATE[l.split(/\s+/)[0] ?? ''];
    const snap = out[out.length - 1];
    if (state && snap) snap.counts[state] = (snap.counts[state] ?? 0) + 1;
  });
  return out;
}

void test('timeseries-ss-tanpo.log: one point per snapshot, its time, its timestamp line and its counts', () => {
  const text = readFixture(NAME);
  const index = buildLineIndexSync(arraySource(splitLines(text)));
  const timeline = snapshotTimeline(index, 'timeseries-ss-tanpo.log');
  assert.ok(timeline);
  const want = plainReading(text);
  assert.equal(want.length, 28);
  assert.equal(timeline.source, 'timeseries-ss-tanpo.log');
  assert.deepEqual(
    timeline.snapshots.map((p) => ({ line: p.line, time: p.label, counts: p.counts })),
    want,
  );
  // The capture's story: a CLOSE_WAIT appears and stays while the peer has closed.
  const closeWait = timeline.snapshots.map((p) => p.counts.CLOSE_WAIT ?? 0);
  assert.ok(closeWait.some((n) => n > 0));
  assert.deepEqual(parseHostToWebview({ type: 'timeline', timeline }), { type: 'timeline', timeline });
});

void test('downsampled past the bound: first and last kept, in order, within the limit', () => {
  const index = buildLineIndexSync(arraySource(splitLines(readFixture(NAME))));
  const full = snapshotTimeline(index, 'x');
  const small = snapshotTimeline(index, 'x', 5);
  assert.ok(full && small);
  assert.equal(small.snapshots.length, 5);
  assert.deepEqual(small.snapshots[0], full.snapshots[0]);
  assert.deepEqual(small.snapshots[4], full.snapshots[full.snapshots.length - 1]);
  const lines = small.snapshots.map((p) => p.line);
  assert.deepEqual(
    lines,
    [...lines].sort((a, b) => a - b),
  );
});

void test('a single table is not a time series', () => {
  const index = buildLineIndexSync(arraySource(splitLines(readFixture('linux/ss-tanpo.txt'))));
  assert.equal(snapshotTimeline(index, 'ss-tanpo.txt'), null);
});
