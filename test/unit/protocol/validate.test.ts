// Node (unit tier): the two validators of the webview protocol, by property (fast-check) and on selections built from
// real captures the way the host builds them.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { connectionAtLine, toDiagramSelection } from '../../../core/document/connectionAtLine';
import { arraySource, buildLineIndexSync, splitLines } from '../../../core/document/lineIndexBuilder';
import { LIMITS } from '../../../core/protocol/guards';
import type {
  CardTarget,
  DiagramSelection,
  DiagramStep,
  HostToWebview,
  WebviewToHost,
} from '../../../core/protocol/messages';
import { ENGLISH_STRINGS, type WebviewStringKey } from '../../../core/protocol/strings';
import { parseHostToWebview, parseWebviewToHost } from '../../../core/protocol/validate';
import { TRANSITIONS } from '../../../core/tcp/transitions';
import { TCP_STATES } from '../../../core/tcp/types';
import { readFixture } from '../support/helpers';

/** Every connection line of real captures, as the sidebar would be sent it. */
const realSelections: DiagramSelection[] = [
  'linux/ss-tanpo.txt',
  'linux/timeseries-ss-tanpo.log',
  'linux/netstat-tanpo.txt',
].flatMap((name) => {
  const lines = splitLines(readFixture(name));
  const index = buildLineIndexSync(arraySource(lines));
  const out: DiagramSelection[] = [];
  for (let line = 1; line <= lines.length; line++) {
    const view = connectionAtLine(index, line, line % 2 ? 'en' : 'zh');
    if (view) out.push(toDiagramSelection(view, view.entry.state));
  }
  return out;
});

const state = fc.constantFrom(...TCP_STATES);
const transitionId = fc.constantFrom(...TRANSITIONS.map((t) => t.id));
const step: fc.Arbitrary<DiagramStep> = fc.record({
  from: state,
  to: state,
  transitionId,
  observed: fc.boolean(),
});
const steps = fc.array(step, { maxLength: 8 });
const text = (max: number): fc.Arbitrary<string> => fc.string({ maxLength: max });
const selection: fc.Arbitrary<DiagramSelection> = fc.oneof(
  fc.constantFrom(...realSelections),
  fc.record({
    state,
    rawState: text(LIMITS.rawState),
    local: text(LIMITS.endpoint),
    remote: text(LIMITS.endpoint),
    line: fc.nat(),
    steps,
    alternatives: fc.array(steps, { maxLength: 3 }),
    observedStates: fc.array(state, { maxLength: 8 }),
    caption: text(200),
  }),
);
const card: fc.Arbitrary<CardTarget> = fc.oneof(
  state.map((s): CardTarget => ({ kind: 'state', state: s })),
  transitionId.map((id): CardTarget => ({ kind: 'transition', transitionId: id })),
);
const stringKey = fc.constantFrom(...(Object.keys(ENGLISH_STRINGS) as WebviewStringKey[]));
const hostMessage: fc.Arbitrary<HostToWebview> = fc.oneof(
  fc.record({
    type: fc.constant('init' as const),
    lang: fc.constantFrom('en' as const, 'zh' as const),
    strings: fc.dictionary(stringKey, fc.string({ minLength: 1, maxLength: 40 })),
    compact: fc.boolean(),
  }),
  fc.record({ type: fc.constant('selection' as const), selection: fc.option(selection, { nil: null }) }),
  fc.record({
    type: fc.constant('counts' as const),
    counts: fc.option(fc.dictionary(state, fc.nat()), { nil: null }),
    source: fc.option(text(80), { nil: null }),
  }),
  fc.record({ type: fc.constant('showCard' as const), target: card }),
  fc.record({ type: fc.constant('setCompact' as const), compact: fc.boolean() }),
  fc.record({
    type: fc.constant('zoom' as const),
    action: fc.constantFrom('in' as const, 'out' as const, 'fit' as const),
  }),
  fc.record({
    type: fc.constant('timeline' as const),
    timeline: fc.option(
      fc.record({
        source: text(80),
        snapshots: fc.array(
          fc.record({
            label: text(LIMITS.timelineLabel),
            line: fc.integer({ min: 1, max: 1e7 }),
            counts: fc.dictionary(state, fc.nat()),
          }),
          { maxLength: 30 },
        ),
      }),
      { nil: null },
    ),
  }),
);
const edges = fc.array(transitionId, { maxLength: 8 });
const webviewMessage: fc.Arbitrary<WebviewToHost> = fc.oneof(
  fc.constant({ type: 'ready' as const }),
  fc.record(
    {
      type: fc.constant('rendered' as const),
      ok: fc.boolean(),
      theme: fc.constantFrom('light' as const, 'dark' as const, 'high-contrast' as const),
      nodeCount: fc.nat(),
      edgeCount: fc.nat(),
      ms: fc.double({ min: 0, max: 1e5, noNaN: true }),
      error: text(LIMITS.error),
    },
    { requiredKeys: ['type', 'ok', 'theme', 'nodeCount', 'edgeCount', 'ms'] },
  ),
  fc.record({
    type: fc.constant('highlighted' as const),
    caption: text(200),
    current: fc.option(state, { nil: null }),
    states: fc.array(state, { maxLength: 11 }),
    observedEdges: edges,
    inferredEdges: edges,
    alternativeEdges: edges,
    labelledEdges: edges,
    compact: fc.boolean(),
    lang: fc.constantFrom('en' as const, 'zh' as const),
    ms: fc.double({ min: 0, max: 1e5, noNaN: true }),
  }),
  fc.record({
    type: fc.constant('highlighted' as const),
    caption: text(200),
    current: fc.constant(null),
    states: fc.constant([]),
    observedEdges: fc.constant([]),
    inferredEdges: fc.constant([]),
    alternativeEdges: fc.constant([]),
    labelledEdges: fc.constant([]),
    compact: fc.boolean(),
    lang: fc.constantFrom('en' as const, 'zh' as const),
    ms: fc.double({ min: 0, max: 1e5, noNaN: true }),
    trace: fc.record({
      clientStates: fc.array(state, { maxLength: 11 }),
      serverStates: fc.array(state, { maxLength: 11 }),
      clientEdges: edges,
      serverEdges: edges,
      clientCurrent: fc.option(state, { nil: null }),
      serverCurrent: fc.option(state, { nil: null }),
      packet: fc.nat(),
      packetCount: fc.nat(),
      canPrev: fc.boolean(),
      canNext: fc.boolean(),
    }),
  }),
  fc.record({ type: fc.constant('findInLog' as const), state }),
  fc.record({ type: fc.constant('traceStep' as const), delta: fc.constantFrom(-1 as const, 1 as const) }),
  fc.record({ type: fc.constant('revealSnapshot' as const), line: fc.integer({ min: 1, max: 1e7 }) }),
  fc.record({
    type: fc.constant('timelineShown' as const),
    points: fc.nat(),
    series: fc.array(state, { maxLength: 11 }),
    hot: fc.option(state, { nil: null }),
  }),
  fc.record({ type: fc.constant('cardOpened' as const), target: card }),
);

/** Any JSON-ish value, and well-formed messages with one field replaced by anything. */
function mangled<T extends object>(good: fc.Arbitrary<T>): fc.Arbitrary<unknown> {
  return fc.oneof(
    fc.anything(),
    fc.tuple(good, fc.string(), fc.anything()).map(([m, k, v]) => ({ ...m, [k]: v })),
    fc.tuple(good, fc.anything()).map(([m, v]) => {
      const keys = Object.keys(m).filter((k) => k !== 'type');
      const key = keys[Math.abs(JSON.stringify(v)?.length ?? 0) % Math.max(1, keys.length)];
      return key === undefined ? m : { ...m, [key]: v };
    }),
  );
}

/** The message as it arrives after postMessage's structured clone (plain objects, fast-check's have no prototype). */
function plain<T>(m: T): T {
  return JSON.parse(JSON.stringify(m)) as T;
}

/** Every string in a parsed message, with the path to it. */
function strings(v: unknown, at = ''): [string, string][] {
  if (typeof v === 'string') return [[at, v]];
  if (Array.isArray(v)) return v.flatMap((x, i) => strings(x, `${at}[${i}]`));
  if (typeof v === 'object' && v !== null)
    return Object.entries(v).flatMap(([k, x]) => strings(x, `${at}.${k}`));
  return [];
}

void test('real selections from three captures are many, and all of them pass unchanged', () => {
  assert.ok(realSelections.length > 100, `${realSelections.length} selections`);
  for (const s of realSelections)
    assert.deepEqual(parseHostToWebview({ type: 'selection', selection: s }), {
      type: 'selection',
      selection: s,
    });
});

void test('host → webview: a well-formed message passes unchanged, also through JSON', () => {
  fc.assert(
    fc.property(hostMessage, (m) => {
      assert.deepEqual(parseHostToWebview(m), plain(m));
      assert.deepEqual(parseHostToWebview(plain(m)), plain(m));
    }),
  );
});

void test('webview → host: a well-formed message passes unchanged, also through JSON', () => {
  fc.assert(
    fc.property(webviewMessage, (m) => {
      assert.deepEqual(parseWebviewToHost(m), plain(m));
      assert.deepEqual(parseWebviewToHost(plain(m)), plain(m));
    }),
  );
});

void test('both validators: any input is refused or rebuilt — never thrown on, bounded, and stable when re-checked', () => {
  const check = (parse: (v: unknown) => object | undefined) => (v: unknown) => {
    const once = parse(v);
    if (once === undefined) return;
    assert.deepEqual(parse(once), once, 'a validated message validates to itself');
    for (const [at, s] of strings(once)) assert.ok(s.length <= LIMITS.text, `${at}: ${s.length} characters`);
  };
  fc.assert(fc.property(mangled(hostMessage), check(parseHostToWebview)), { numRuns: 500 });
  fc.assert(fc.property(mangled(webviewMessage), check(parseWebviewToHost)), { numRuns: 500 });
});

void test('an over-long endpoint, raw state or caption is clamped; the rest of the selection is kept', () => {
  fc.assert(
    fc.property(
      fc.constantFrom(...realSelections),
      fc.constantFrom('local', 'remote', 'rawState', 'caption'),
      fc.integer({ min: 1, max: 5000 }),
      (s, field, extra) => {
        const limit = {
          local: LIMITS.endpoint,
          remote: LIMITS.endpoint,
          rawState: LIMITS.rawState,
          caption: LIMITS.text,
        }[field];
        const long = { ...s, [field]: 'x'.repeat(limit + extra) };
        const parsed = parseHostToWebview({ type: 'selection', selection: long });
        assert.ok(parsed?.type === 'selection' && parsed.selection, 'the selection survives');
        const kept = parsed.selection;
        assert.equal(kept[field].length, limit);
        assert.ok(kept[field].endsWith('…'));
        assert.deepEqual({ ...kept, [field]: s[field] }, s, 'every other field as sent');
      },
    ),
  );
});

void test('identifiers are bounded the same way in both directions (≤ 64 characters)', () => {
  const target = (n: number): CardTarget => ({ kind: 'transition', transitionId: 'x'.repeat(n) });
  for (const n of [LIMITS.transitionId, LIMITS.transitionId + 1]) {
    const ok = n <= 64;
    assert.equal(
      parseHostToWebview({ type: 'showCard', target: target(n) }) !== undefined,
      ok,
      `showCard ${n}`,
    );
    assert.equal(
      parseWebviewToHost({ type: 'cardOpened', target: target(n) }) !== undefined,
      ok,
      `cardOpened ${n}`,
    );
  }
  // A step whose id is not an id is dropped from the path; the selection and its other steps stay.
  const s = realSelections.find((x) => x.steps.length >= 2);
  assert.ok(s);
  const bad = { ...s, steps: [{ ...s.steps[0], transitionId: 'x'.repeat(65) }, ...s.steps.slice(1)] };
  const parsed = parseHostToWebview({ type: 'selection', selection: bad });
  assert.ok(parsed?.type === 'selection' && parsed.selection);
  assert.deepEqual(parsed.selection.steps, s.steps.slice(1));
});

void test('refused: unknown types, wrong tags, and fields a message cannot do without', () => {
  const refusedByHost: unknown[] = [
    null,
    'ready',
    [],
    { type: 'nope' },
    { type: 'init', lang: 'fr', strings: {}, compact: false },
    { type: 'init', lang: 'en', strings: [], compact: false },
    { type: 'selection', selection: { ...realSelections[0], state: 'ESTAB' } },
    { type: 'selection', selection: { ...realSelections[0], steps: 'all' } },
    { type: 'counts', counts: { ESTABLISHED: -1 }, source: null },
    { type: 'counts', counts: { ESTAB: 1 }, source: null },
    { type: 'zoom', action: 'sideways' },
    { type: 'showCard', target: { kind: 'state', state: 'OPEN' } },
  ];
  for (const m of refusedByHost) assert.equal(parseHostToWebview(m), undefined, JSON.stringify(m));
  const refusedByWebview: unknown[] = [
    { type: 'init' },
    { type: 'rendered', ok: 'yes', theme: 'dark', nodeCount: 1, edgeCount: 1, ms: 1 },
    { type: 'rendered', ok: true, theme: 'sepia', nodeCount: 1, edgeCount: 1, ms: 1 },
    { type: 'rendered', ok: true, theme: 'dark', nodeCount: Number.NaN, edgeCount: 1, ms: 1 },
    {
      type: 'highlighted',
      caption: '',
      current: 'NOPE',
      states: [],
      observedEdges: [],
      inferredEdges: [],
      alternativeEdges: [],
      labelledEdges: [],
      ms: 0,
    },
    { type: 'findInLog', state: 'ESTAB' },
  ];
  for (const m of refusedByWebview) assert.equal(parseWebviewToHost(m), undefined, JSON.stringify(m));
});

void test('init keeps only known, non-empty, bounded strings', () => {
  const parsed = parseHostToWebview({
    type: 'init',
    lang: 'zh',
    compact: true,
    strings: { fit: '适应', zoomIn: '', nope: 'x', close: 7, findInLog: 'y'.repeat(LIMITS.uiString + 1) },
  });
  assert.deepEqual(parsed, { type: 'init', lang: 'zh', compact: true, strings: { fit: '适应' } });
});

test('a trace selection round-trips; a bad trace is dropped and the selection kept', () => {
  const base = realSelections[0];
  assert.ok(base);
  const syn: DiagramStep = {
    from: 'CLOSED',
    to: 'SYN_SENT',
    transitionId: TRANSITIONS[0]?.id ?? '',
    observed: true,
  };
  const trace = {
    client: { endpoint: '127.0.0.1:56552', state: 'SYN_SENT' as const, steps: [syn] },
    server: { endpoint: '127.0.0.1:7100', state: 'LISTEN' as const, steps: [] },
    packet: 1,
    packetCount: 10,
    role: 'handshake step 1 of 3',
  };
  const ok = parseHostToWebview({ type: 'selection', selection: { ...base, trace } });
  assert.deepEqual(ok, { type: 'selection', selection: { ...base, trace } });
  for (const bad of [
    { ...trace, packet: 0 },
    { ...trace, packet: 11 },
    { ...trace, client: { ...trace.client, state: 'NOPE' } },
    { ...trace, server: null },
    'trace',
  ]) {
    const got = parseHostToWebview({ type: 'selection', selection: { ...base, trace: bad } });
    assert.deepEqual(got, { type: 'selection', selection: base }, JSON.stringify(bad));
  }
});

test('traceStep accepts only -1 and +1', () => {
  assert.deepEqual(parseWebviewToHost({ type: 'traceStep', delta: 1 }), { type: 'traceStep', delta: 1 });
  assert.deepEqual(parseWebviewToHost({ type: 'traceStep', delta: -1 }), { type: 'traceStep', delta: -1 });
  for (const delta of [0, 2, '1', null, Number.NaN])
    assert.equal(parseWebviewToHost({ type: 'traceStep', delta }), undefined);
});
