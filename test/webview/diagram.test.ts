// Node (webview tier): the built diagram page renders under the real CSP, talks the protocol, follows the theme and caches its SVG.
import { after, before, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { startHarness, type Harness, type WebviewPage } from './webviewHarness';

let harness: Harness;
before(async () => {
  harness = await startHarness();
});
after(async () => {
  await harness.close();
});

const INIT = { type: 'init', lang: 'en', strings: { fit: 'Fit' }, compact: false } as const;

async function ready(theme: 'light' | 'dark' = 'light'): Promise<WebviewPage> {
  const w = await harness.open({ theme, width: 900 });
  await w.waitForPosted('ready');
  await w.send(INIT);
  return w;
}

void test('renders every state and all 21 RFC transitions, with no CSP violation and no network', async () => {
  const w = await ready();
  const rendered = await w.waitForPosted('rendered');
  assert.equal(rendered.ok, true, rendered.error);
  assert.equal(rendered.theme, 'light');
  assert.equal(rendered.nodeCount, 11);
  assert.ok(rendered.edgeCount >= 21, `edges: ${rendered.edgeCount}`);
  const dom = await w.page.evaluate(() => ({
    states: Array.from(document.querySelectorAll('svg.tcp-diagram g.node[data-state]')).map((g) =>
      g.getAttribute('data-state'),
    ),
    rfcEdges: Array.from(document.querySelectorAll('svg.tcp-diagram path[data-transition]'))
      .map((p) => p.getAttribute('data-transition') ?? '')
      .filter((id) => /^t\d+$/.test(id)),
    labels: document.querySelectorAll('svg.tcp-diagram g.edgeLabel[data-transition]').length,
  }));
  assert.equal(new Set(dom.states).size, 11);
  assert.deepEqual(
    [...dom.rfcEdges].sort((a, b) => Number(a.slice(1)) - Number(b.slice(1))),
    Array.from({ length: 21 }, (_, i) => `t${i + 1}`),
  );
  assert.equal(dom.labels, 21, 'every RFC edge carries its event/action label');
  console.log(`# render: ${rendered.ms} ms for ${rendered.nodeCount} nodes, ${rendered.edgeCount} edges`);
  assert.deepEqual(await w.problems(), []);
  assert.deepEqual(w.blocked, []);
  await w.page.context().close();
});

void test('posts ready once, and tolerates messages in any order and a repeated init', async () => {
  const w = await harness.open();
  // Selection and counts before init, then init twice: nothing may throw or get lost.
  await w.send({ type: 'counts', counts: { ESTABLISHED: 3 }, source: 'ss.txt' });
  await w.send({ type: 'selection', selection: null });
  await w.send({ type: 'bogus' } as never);
  await w.send({ type: 'selection', selection: { state: 'NOPE' } } as never);
  await w.send(INIT);
  await w.send({ ...INIT, lang: 'zh', strings: { fit: '适应' } });
  await w.waitForPosted('rendered');
  const posted = await w.posted();
  assert.equal(posted.filter((m) => m.type === 'ready').length, 1);
  assert.equal(await w.page.locator('button.fit').textContent(), '适应');
  assert.equal(await w.page.locator('g.node[data-state="ESTABLISHED"] .count-badge text').textContent(), '3');
  assert.deepEqual(await w.problems(), []);
  await w.page.context().close();
});

void test('switching the body theme class re-renders with the other mermaid theme', async () => {
  const w = await ready('light');
  await w.waitForPosted('rendered');
  const styleOf = (): Promise<string> =>
    w.page.evaluate(() => {
      const path = document.querySelector(
        'svg.tcp-diagram path.tcp-edge:not(.side-client):not(.side-server)',
      );
      const label = document.querySelector('svg.tcp-diagram g.edgeLabel .labelBkg');
      return `${path ? getComputedStyle(path).stroke : ''} ${label ? getComputedStyle(label).backgroundColor : ''}`;
    });
  const light = await styleOf();
  const before = (await w.posted()).length;
  await w.setTheme('dark');
  const rendered = await w.waitForPosted('rendered', before);
  assert.equal(rendered.theme, 'dark');
  assert.notEqual(await styleOf(), light);
  const mid = (await w.posted()).length;
  await w.setTheme('hc-dark');
  assert.equal((await w.waitForPosted('rendered', mid)).theme, 'high-contrast');
  assert.deepEqual(await w.problems(), []);
  await w.page.context().close();
});

void test('a reload paints the cached SVG before mermaid runs, and keeps zoom and the open card', async () => {
  const w = await ready();
  await w.waitForPosted('rendered');
  await w.page.locator('g.node[data-state="LISTEN"]').click();
  await w.page.locator('button.zoom-in').click();
  const transform = await w.page.locator('.canvas').evaluate((e) => (e as HTMLElement).style.transform);
  await w.page.reload();
  const readyMsg = (await w.waitForPosted('ready')) as { svgAtReady?: boolean };
  assert.equal(readyMsg.svgAtReady, true, 'diagram painted from the cache at once');
  await w.send(INIT);
  await w.waitForPosted('rendered');
  assert.equal(
    await w.page.locator('.canvas').evaluate((e) => (e as HTMLElement).style.transform),
    transform,
  );
  assert.equal(await w.page.locator('.card .card-name').textContent(), 'LISTEN');
  assert.deepEqual(await w.problems(), []);
  await w.page.context().close();
});
