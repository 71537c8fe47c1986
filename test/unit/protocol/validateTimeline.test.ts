// Node (unit tier): the protocol's newer messages by example — the webview's read-back of a trace's two ends, the
// counts-over-time timeline (bounded, bad points dropped) and revealSnapshot.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { LIMITS } from '../../../core/protocol/guards';
import type { WebviewToHost } from '../../../core/protocol/messages';
import { parseHostToWebview, parseWebviewToHost } from '../../../core/protocol/validate';

void test('a highlighted trace read-back round-trips; a bad one is dropped and the message kept', () => {
  const base: WebviewToHost = {
    type: 'highlighted',
    caption: 'Packet 2 of 9',
    current: null,
    states: [],
    observedEdges: [],
    inferredEdges: [],
    alternativeEdges: [],
    labelledEdges: [],
    compact: false,
    lang: 'en',
    ms: 0.4,
  };
  const trace = {
    clientStates: ['CLOSED', 'SYN_SENT', 'ESTABLISHED'],
    serverStates: ['LISTEN', 'SYN_RECEIVED'],
    clientEdges: ['t1', 't8'],
    serverEdges: ['t2', 't6'],
    clientCurrent: 'ESTABLISHED',
    serverCurrent: 'SYN_RECEIVED',
    packet: 2,
    packetCount: 9,
    canPrev: true,
    canNext: true,
  };
  assert.deepEqual(parseWebviewToHost({ ...base, trace }), { ...base, trace });
  for (const bad of [
    { ...trace, clientCurrent: 'NOPE' },
    { ...trace, serverStates: 'all' },
    { ...trace, packet: '2' },
    { ...trace, canNext: 1 },
    7,
  ])
    assert.deepEqual(parseWebviewToHost({ ...base, trace: bad }), base, JSON.stringify(bad));
});

void test('timeline: points bounded to LIMITS.timelinePoints, a bad point dropped; revealSnapshot needs a line ≥ 1', () => {
  const point = { label: 'Mon Nov 23 20:24:53 UTC 2026', line: 1, counts: { LISTEN: 1, CLOSE_WAIT: 3 } };
  const many = Array.from({ length: LIMITS.timelinePoints + 50 }, (_, i) => ({ ...point, line: i + 1 }));
  const got = parseHostToWebview({ type: 'timeline', timeline: { source: 'a.log', snapshots: many } });
  assert.ok(got?.type === 'timeline' && got.timeline);
  assert.equal(got.timeline.snapshots.length, LIMITS.timelinePoints);
  const bad = [
    { ...point, line: 0 },
    { ...point, counts: { CLOSE_WAIT: -1 } },
    { ...point, counts: { CLOSE_WAITING: 1 } },
    { ...point, line: 'one' },
    { ...point, label: 'x'.repeat(LIMITS.timelineLabel + 10), line: 9 },
  ];
  const kept = parseHostToWebview({
    type: 'timeline',
    timeline: { source: 'a.log', snapshots: [point, ...bad] },
  });
  assert.ok(kept?.type === 'timeline' && kept.timeline);
  assert.deepEqual(
    kept.timeline.snapshots.map((p) => p.line),
    [1, 9],
  );
  assert.equal(kept.timeline.snapshots[1]?.label.length, LIMITS.timelineLabel);
  assert.equal(parseHostToWebview({ type: 'timeline', timeline: { snapshots: 'all' } }), undefined);
  assert.equal(parseHostToWebview({ type: 'timeline' }), undefined);
  assert.deepEqual(parseHostToWebview({ type: 'timeline', timeline: null }), {
    type: 'timeline',
    timeline: null,
  });
  assert.deepEqual(parseWebviewToHost({ type: 'revealSnapshot', line: 12 }), {
    type: 'revealSnapshot',
    line: 12,
  });
  for (const line of [0, -1, 1.5, '12', null, Number.POSITIVE_INFINITY])
    assert.equal(parseWebviewToHost({ type: 'revealSnapshot', line }), undefined, String(line));
});

void test('timelineShown: a count ≥ 0, known states, a hot series or null', () => {
  const ok = { type: 'timelineShown', points: 28, series: ['LISTEN', 'CLOSE_WAIT'], hot: 'CLOSE_WAIT' };
  assert.deepEqual(parseWebviewToHost(ok), ok);
  assert.deepEqual(parseWebviewToHost({ ...ok, series: ['LISTEN', 'NOPE'] }), { ...ok, series: ['LISTEN'] });
  for (const bad of [{ points: -1 }, { points: '28' }, { hot: 'NOPE' }, { series: 'all' }])
    assert.equal(parseWebviewToHost({ ...ok, ...bad }), undefined, JSON.stringify(bad));
});
