// Node (webview tier): a selection lights its path by classes only (read back honestly), the caption follows, counts show as badges.
import { after, before, test } from 'node:test';
import * as assert from 'node:assert/strict';
import type { DiagramSelection, HighlightedMessage } from '../../core/protocol/messages';
import { TCP_STATES } from '../../core/tcp/types';
import { selectionFor } from './selections';
import { startHarness, type Harness, type WebviewPage } from './webviewHarness';

let harness: Harness;
let w: WebviewPage;
before(async () => {
  harness = await startHarness();
  w = await harness.open();
  await w.waitForPosted('ready');
  await w.send({ type: 'init', lang: 'en', strings: {}, compact: false });
  await w.waitForPosted('rendered');
});
after(async () => {
  await harness.close();
});

async function select(selection: DiagramSelection | null): Promise<HighlightedMessage> {
  const n = (await w.posted()).length;
  await w.send({ type: 'selection', selection });
  return w.waitForPosted('highlighted', n);
}

function expected(sel: DiagramSelection): Omit<HighlightedMessage, 'ms' | 'type' | 'compact' | 'lang'> {
  const main = new Set(sel.steps.map((s) => s.transitionId));
  const onPath = new Set([sel.state, ...sel.steps.flatMap((s) => [s.from, s.to])]);
  return {
    caption: sel.caption,
    current: sel.state,
    states: TCP_STATES.filter((s) => onPath.has(s)),
    observedEdges: sel.steps.filter((s) => s.observed).map((s) => s.transitionId),
    inferredEdges: sel.steps.filter((s) => !s.observed).map((s) => s.transitionId),
    alternativeEdges: [...new Set(sel.alternatives.flat().map((s) => s.transitionId))].filter(
      (id) => !main.has(id),
    ),
    labelledEdges: sel.steps.map((s) => s.transitionId),
  };
}

const sortIds = (ids: readonly string[]): string[] => [...ids].sort();

const CASES: readonly [string, DiagramSelection][] = [
  [
    'observed client close',
    selectionFor('TIME_WAIT', ['SYN_SENT', 'ESTABLISHED', 'FIN_WAIT_1', 'TIME_WAIT']),
  ],
  ['inferred TIME_WAIT with alternative pasts', selectionFor('TIME_WAIT')],
  ['server CLOSE_WAIT', selectionFor('CLOSE_WAIT', [], { local: '10.0.0.5:8080', remote: '10.0.0.9:41000' })],
  ['LISTEN', selectionFor('LISTEN')],
];

for (const [name, sel] of CASES) {
  void test(`highlight read back from the DOM: ${name}`, async () => {
    const got = await select(sel);
    const want = expected(sel);
    assert.equal(got.current, want.current);
    assert.deepEqual(got.states, want.states);
    assert.deepEqual(sortIds(got.observedEdges), sortIds(want.observedEdges));
    assert.deepEqual(sortIds(got.inferredEdges), sortIds(want.inferredEdges));
    assert.deepEqual(sortIds(got.alternativeEdges), sortIds(want.alternativeEdges));
    assert.deepEqual(
      sortIds(got.labelledEdges),
      sortIds(want.labelledEdges),
      'the path edges have their labels on screen',
    );
    assert.equal(got.caption, sel.caption);
    assert.equal(got.lang, 'en', 'the page reports the language it draws in');
    assert.equal(got.compact, (await w.page.locator('.canvas.compact').count()) > 0);
    const caption = w.page.locator('.caption');
    assert.equal(await caption.textContent(), sel.caption);
    assert.equal(await caption.getAttribute('aria-live'), 'polite');
    // Off-path states fade; the current state does not.
    const opacity = (state: string): Promise<string> =>
      w.page.locator(`g.node[data-state="${state}"]`).evaluate((g) => getComputedStyle(g).opacity);
    assert.equal(await opacity(sel.state), '1');
    const offPath = TCP_STATES.find(
      (s) => !want.states.includes(s) && !sel.alternatives.flat().some((x) => x.to === s || x.from === s),
    );
    if (offPath) assert.ok(Number(await opacity(offPath)) < 0.5, `${offPath} is dimmed`);
  });
}

void test('observed edges are solid, inferred dashed, alternatives dotted', async () => {
  await select(selectionFor('TIME_WAIT', ['ESTABLISHED', 'FIN_WAIT_1', 'TIME_WAIT']));
  const dash = (id: string): Promise<string> =>
    w.page
      .locator(`path.tcp-edge[data-transition="${id}"]`)
      .evaluate((p) => getComputedStyle(p).strokeDasharray);
  assert.equal(await dash('t12'), 'none', 'observed ESTABLISHED → FIN_WAIT_1');
  assert.notEqual(await dash('t8'), 'none', 'inferred SYN_SENT → ESTABLISHED');
  const sel = selectionFor('TIME_WAIT');
  const got = await select(sel);
  assert.ok(got.alternativeEdges.length > 0);
  const alt = got.alternativeEdges[0] ?? '';
  assert.notEqual(
    await dash(alt),
    await dash(got.inferredEdges[0] ?? ''),
    'alternatives look unlike inferred edges',
  );
});

void test('null selection returns the plain reference', async () => {
  await select(selectionFor('TIME_WAIT'));
  const got = await select(null);
  assert.deepEqual(
    [got.current, got.states, got.observedEdges, got.inferredEdges, got.alternativeEdges],
    [null, [], [], [], []],
  );
  assert.equal(
    await w.page.locator('.caption').textContent(),
    'Put the cursor on a connection line to see its path.',
  );
  assert.equal(await w.page.locator('svg.has-selection').count(), 0);
});

void test('a selection change toggles classes without re-running layout, well under a frame', async () => {
  await w.page.evaluate(
    () => ((document.querySelector('svg.tcp-diagram') as SVGSVGElement & { __mark?: boolean }).__mark = true),
  );
  const before = (await w.posted()).filter((m) => m.type === 'rendered').length;
  const times: number[] = [];
  const pool = [
    selectionFor('TIME_WAIT'),
    selectionFor('CLOSE_WAIT'),
    selectionFor('SYN_SENT'),
    null,
    selectionFor('LAST_ACK'),
  ];
  for (let i = 0; i < 40; i++) times.push((await select(pool[i % pool.length] ?? null)).ms);
  const sorted = [...times].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)] ?? 0;
  const max = sorted[sorted.length - 1] ?? 0;
  console.log(
    `# highlight: median ${median.toFixed(3)} ms, max ${max.toFixed(3)} ms over ${times.length} selections`,
  );
  assert.ok(max < 50, `highlight took ${max} ms`);
  assert.equal((await w.posted()).filter((m) => m.type === 'rendered').length, before, 'no re-render');
  assert.equal(
    await w.page.evaluate(
      () => (document.querySelector('svg.tcp-diagram') as SVGSVGElement & { __mark?: boolean }).__mark,
    ),
    true,
  );
});

void test('counts show as badges shaded by volume, and hide on null', async () => {
  await w.send({
    type: 'counts',
    counts: { ESTABLISHED: 1200, TIME_WAIT: 300, LISTEN: 3, CLOSE_WAIT: 0 },
    source: 'ss-prod.txt',
  });
  const badge = (s: string): Promise<string | null> =>
    w.page.locator(`g.node[data-state="${s}"] .count-badge text`).textContent();
  assert.equal(await badge('ESTABLISHED'), '1.2k');
  assert.equal(await badge('TIME_WAIT'), '300');
  assert.equal(await badge('LISTEN'), '3');
  assert.equal(await w.page.locator('g.node[data-state="CLOSE_WAIT"] .count-badge').count(), 0);
  const heat = (s: string): Promise<number> =>
    w.page
      .locator(`g.node[data-state="${s}"]`)
      .evaluate((g) => Number((g as SVGGElement).style.getPropertyValue('--heat')));
  assert.equal(await heat('ESTABLISHED'), 1);
  assert.ok((await heat('TIME_WAIT')) < 1 && (await heat('TIME_WAIT')) > (await heat('LISTEN')));
  assert.equal(await w.page.locator('.counts-source').textContent(), 'Counts from ss-prod.txt');
  await w.send({ type: 'counts', counts: null, source: null });
  assert.equal(await w.page.locator('.count-badge').count(), 0);
  assert.equal(await w.page.locator('.counts-source').isHidden(), true);
  assert.deepEqual(await w.problems(), []);
});
