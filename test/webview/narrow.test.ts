// Node (webview tier): in a narrow sidebar the view picks the compact layout, fits it to the width with readable state
// names, lists the path's transitions in words, and remembers an explicit choice of layout.
import { after, before, test } from 'node:test';
import * as assert from 'node:assert/strict';
import type { HighlightedMessage } from '../../core/protocol/messages';
import { selectionFor } from './selections';
import { startHarness, type Harness, type WebviewPage } from './webviewHarness';

let harness: Harness;
before(async () => {
  harness = await startHarness();
});
after(async () => {
  await harness.close();
});

/** The host's setting `tcpStates.diagram.compact` left at its default (false): the width decides. */
const INIT = { type: 'init', lang: 'en', strings: {}, compact: false } as const;
const CLIENT_CLOSE = selectionFor(
  'TIME_WAIT',
  ['SYN_SENT', 'ESTABLISHED', 'FIN_WAIT_1', 'FIN_WAIT_2', 'TIME_WAIT'],
  {
    local: '127.0.0.1:52350',
    remote: '127.0.0.1:5100',
  },
);

async function open(width: number, height = 760): Promise<WebviewPage> {
  const w = await harness.open({ theme: 'dark', width, height });
  await w.waitForPosted('ready');
  await w.send(INIT);
  await w.waitForPosted('rendered');
  return w;
}

async function select(w: WebviewPage): Promise<HighlightedMessage> {
  const n = (await w.posted()).length;
  await w.send({ type: 'selection', selection: CLIENT_CLOSE });
  return w.waitForPosted('highlighted', n);
}

/** The layout on screen: compact canvas class, and how many edge labels the SVG draws. */
function layout(w: WebviewPage): Promise<{ compact: boolean; edgeLabels: number; pressed: string | null }> {
  return w.page.evaluate(() => ({
    compact: document.querySelector('.canvas')?.classList.contains('compact') ?? false,
    edgeLabels: document.querySelectorAll('svg.tcp-diagram g.edgeLabel[data-transition]').length,
    pressed: document.querySelector('button.compact')?.getAttribute('aria-pressed') ?? null,
  }));
}

/** On-screen size (px) of a state name: its computed font size times the transform's scale, plus its box. */
function stateLabelSize(
  w: WebviewPage,
  state: string,
): Promise<{ font: number; height: number; right: number; viewportRight: number }> {
  return w.page.evaluate((s) => {
    const label = document.querySelector<HTMLElement>(`g.node[data-state="${s}"] .nodeLabel p`);
    const viewport = document.querySelector('.viewport');
    const svg = document.querySelector('svg.tcp-diagram');
    if (!label || !viewport || !svg) throw new Error('no label');
    const box = label.getBoundingClientRect();
    const scale = box.width / label.offsetWidth;
    return {
      font: parseFloat(getComputedStyle(label).fontSize) * scale,
      height: box.height,
      right: svg.getBoundingClientRect().right,
      viewportRight: viewport.getBoundingClientRect().right,
    };
  }, state);
}

void test('at 300 px the default layout is compact, fitted to the width, with state names of at least 11 px on screen', async () => {
  const w = await open(300);
  assert.deepEqual(await layout(w), { compact: true, edgeLabels: 0, pressed: 'true' });
  const sizes = await Promise.all(
    ['ESTABLISHED', 'SYN_RECEIVED', 'TIME_WAIT'].map((s) => stateLabelSize(w, s)),
  );
  for (const size of sizes) assert.ok(size.font >= 11, `state name ${size.font.toFixed(2)} px on screen`);
  assert.ok(
    (sizes[0]?.right ?? Infinity) <= (sizes[0]?.viewportRight ?? 0) + 0.5,
    'the diagram fits the width',
  );
  console.log(
    `# state names at 300 px: ${sizes.map((s) => `${s.font.toFixed(1)} px (box ${s.height.toFixed(1)} px)`).join(', ')}`,
  );
  assert.deepEqual(await w.problems(), []);
  await w.page.context().close();
});

void test('in compact mode the highlighted path lists its transitions with their event / action labels', async () => {
  const w = await open(300);
  const got = await select(w);
  const ids = CLIENT_CLOSE.steps.map((s) => s.transitionId);
  assert.deepEqual(got.labelledEdges, ids, 'the labels of every path edge are on screen');
  const rows = await w.page.locator('.path-steps .step').allTextContents();
  assert.equal(rows.length, ids.length);
  assert.ok(
    rows.some((r) => r.includes('CLOSE / snd FIN') && r.includes('FIN_WAIT_1')),
    rows.join(' | '),
  );
  assert.equal(await w.page.locator('.path-steps').isVisible(), true);
  // The caption keeps the host's text exactly; the current state stands out in it.
  assert.equal(await w.page.locator('.caption').textContent(), CLIENT_CLOSE.caption);
  assert.equal(await w.page.locator('.caption .cap-current').textContent(), 'TIME_WAIT');
  // A listed transition opens its card; the viewport shrinks for it and still shows the current state.
  await w.page.locator('.path-steps [data-transition="t17"]').click();
  assert.equal(await w.page.locator('.card').getAttribute('data-card'), 't17');
  await w.page.waitForFunction(
    () => {
      const node = document.querySelector('g.node.hl-current')?.getBoundingClientRect();
      const vp = document.querySelector('.viewport')?.getBoundingClientRect();
      return node !== undefined && vp !== undefined && node.top >= vp.top && node.bottom <= vp.bottom;
    },
    undefined,
    { timeout: 5000 },
  );
  assert.equal((await w.posted()).filter((m) => m.type === 'rendered').length, 1);
  assert.deepEqual(await w.problems(), []);
  await w.page.context().close();
});

void test('a wide view draws the labels on the diagram and lists nothing; narrowing it switches to compact', async () => {
  const w = await open(900);
  assert.deepEqual(await layout(w), { compact: false, edgeLabels: 21, pressed: 'false' });
  const got = await select(w);
  assert.deepEqual(
    [...got.labelledEdges].sort(),
    CLIENT_CLOSE.steps.map((s) => s.transitionId).sort(),
    'labels on the diagram',
  );
  assert.equal(await w.page.locator('.path-steps').isHidden(), true);
  const n = (await w.posted()).length;
  await w.page.setViewportSize({ width: 300, height: 760 });
  await w.waitForPosted('rendered', n);
  await w.page.waitForFunction(() => document.querySelector('.canvas')?.classList.contains('compact'));
  assert.equal((await layout(w)).compact, true);
  assert.equal(
    await w.page.locator('.path-steps .step').count(),
    CLIENT_CLOSE.steps.length,
    'the steps appear with the compact layout',
  );
  await w.page.context().close();
});

void test("the user's explicit choice of labels in a narrow view survives a reload", async () => {
  const w = await open(300);
  const n = (await w.posted()).length;
  await w.page.locator('button.compact').click();
  await w.waitForPosted('rendered', n);
  assert.deepEqual(await layout(w), { compact: false, edgeLabels: 21, pressed: 'false' });
  await w.page.reload();
  await w.waitForPosted('ready');
  await w.send(INIT);
  await w.waitForPosted('rendered');
  assert.deepEqual(await layout(w), { compact: false, edgeLabels: 21, pressed: 'false' });
  assert.deepEqual(await w.problems(), []);
  await w.page.context().close();
});

void test('a short view keeps the width fit (no shrinking to a thumbnail) and pans the current state into view', async () => {
  const tall = await open(300, 900);
  const short = await open(300, 380);
  const zoom = (w: WebviewPage): Promise<string> =>
    w.page
      .locator('.canvas')
      .evaluate((e) => /scale\(([\d.]+)\)/.exec((e as HTMLElement).style.transform)?.[1] ?? '');
  // Fitting both ways would shrink it to ~0.25×; it stays at the readable zoom (12-px names) and scrolls instead.
  assert.ok(
    Number(await zoom(short)) >= 0.6 && Number(await zoom(short)) <= Number(await zoom(tall)),
    `${await zoom(short)} vs ${await zoom(tall)}`,
  );
  const size = await stateLabelSize(short, 'ESTABLISHED');
  assert.ok(size.font >= 11, `${size.font} px`);
  await select(short);
  const visible = await short.page.evaluate(() => {
    const node = document.querySelector('g.node.hl-current')?.getBoundingClientRect();
    const vp = document.querySelector('.viewport')?.getBoundingClientRect();
    return node && vp ? { node: [node.top, node.bottom], vp: [vp.top, vp.bottom] } : null;
  });
  assert.ok(
    visible && visible.node[0] >= visible.vp[0] && visible.node[1] <= visible.vp[1],
    JSON.stringify(visible),
  );
  // Plain wheel scrolls the diagram (a pan; the zoom stays).
  const before = await zoom(short);
  await short.page.locator('.viewport').hover();
  await short.page.mouse.wheel(0, -200);
  assert.equal(await zoom(short), before);
  await tall.page.context().close();
  await short.page.context().close();
});
