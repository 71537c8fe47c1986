// Node (webview tier): reference cards open by click, keyboard and message; Find in log; compact mode; zoom intent.
import { after, before, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { stateReference } from '../../core/tcp/stateReference';
import { transitionById } from '../../core/tcp/transitions';
import { startHarness, type Harness, type WebviewPage } from './webviewHarness';

let harness: Harness;
let w: WebviewPage;
before(async () => {
  harness = await startHarness();
  w = await harness.open({ width: 900, height: 1200 });
  await w.waitForPosted('ready');
  await w.send({ type: 'init', lang: 'en', strings: {}, compact: false });
  await w.waitForPosted('rendered');
});
after(async () => {
  await harness.close();
});

const mark = async (): Promise<number> => (await w.posted()).length;

void test('clicking a state opens its card and posts cardOpened; Find in log posts findInLog', async () => {
  const n = await mark();
  await w.page.locator('g.node[data-state="TIME_WAIT"]').click();
  const opened = await w.waitForPosted('cardOpened', n);
  assert.deepEqual(opened.target, { kind: 'state', state: 'TIME_WAIT' });
  const card = w.page.locator('section.card');
  assert.equal(await card.isVisible(), true);
  assert.equal(await card.locator('.card-name').textContent(), 'TIME_WAIT');
  const text = (await card.textContent()) ?? '';
  assert.ok(text.includes(stateReference('TIME_WAIT').meaning.en), 'meaning shown');
  for (const k of stateReference('TIME_WAIT').knobs) assert.ok(text.includes(k.name), `knob ${k.name}`);
  const m = await mark();
  await card.locator('button.find-in-log').click();
  assert.deepEqual(await w.waitForPosted('findInLog', m), { type: 'findInLog', state: 'TIME_WAIT' });
  await card.locator('button.card-close').click();
  assert.equal(await card.isHidden(), true);
});

void test('keyboard: Tab reaches the states, arrows move, Enter opens the card, focus ring uses focusBorder', async () => {
  await w.page.locator('g.node[data-state="CLOSED"]:not([data-end])').focus();
  await w.page.keyboard.press('ArrowDown');
  assert.equal(await w.page.evaluate(() => document.activeElement?.getAttribute('data-state')), 'LISTEN');
  const ring = await w.page
    .locator('g.node[data-state="LISTEN"] > rect')
    .evaluate((r) => getComputedStyle(r).stroke);
  const n = await mark();
  await w.page.keyboard.press('Enter');
  assert.deepEqual((await w.waitForPosted('cardOpened', n)).target, { kind: 'state', state: 'LISTEN' });
  assert.equal(ring, 'rgb(0, 95, 184)', 'focus ring is --vscode-focusBorder');
  assert.equal(await w.page.locator('g.node[data-state="LISTEN"]').getAttribute('tabindex'), '0');
});

void test('clicking an edge label opens the transition card; showCard opens one too', async () => {
  const n = await mark();
  await w.page.locator('g.edgeLabel[data-transition="t13"]').click();
  assert.deepEqual((await w.waitForPosted('cardOpened', n)).target, {
    kind: 'transition',
    transitionId: 't13',
  });
  const text = (await w.page.locator('section.card').textContent()) ?? '';
  assert.ok(text.includes(transitionById('t13')?.event.en ?? '?'));
  assert.ok(text.includes('rcv FIN / snd ACK'));
  await w.send({ type: 'showCard', target: { kind: 'state', state: 'CLOSE_WAIT' } });
  assert.equal(await w.page.locator('.card .card-name').textContent(), 'CLOSE_WAIT');
  // Unknown transition ids are ignored, not drawn as an empty card.
  await w.send({ type: 'showCard', target: { kind: 'transition', transitionId: 'nope' } });
  assert.equal(await w.page.locator('.card .card-name').textContent(), 'CLOSE_WAIT');
});

void test('cards speak the init language', async () => {
  await w.send({ type: 'init', lang: 'zh', strings: { findInLog: '在日志中查找' }, compact: false });
  await w.send({ type: 'showCard', target: { kind: 'state', state: 'CLOSE_WAIT' } });
  const text = (await w.page.locator('section.card').textContent()) ?? '';
  assert.ok(text.includes(stateReference('CLOSE_WAIT').meaning.zh));
  assert.equal(await w.page.locator('button.find-in-log').textContent(), '在日志中查找');
  await w.send({ type: 'init', lang: 'en', strings: {}, compact: false });
});

void test('compact mode drops the edge labels; the toolbar toggle and setCompact both switch it', async () => {
  const labels = (): Promise<number> =>
    w.page.locator('svg.tcp-diagram g.edgeLabel[data-transition]').count();
  assert.equal(await labels(), 21);
  let n = await mark();
  await w.send({ type: 'setCompact', compact: true });
  await w.waitForPosted('rendered', n);
  assert.equal(await labels(), 0);
  assert.equal(
    (await w.page.locator('svg.tcp-diagram g.edgeLabels').textContent())?.trim(),
    '',
    'no label text at all',
  );
  assert.equal(await w.page.locator('svg.tcp-diagram path.tcp-edge').count(), 21, 'edges stay');
  n = await mark();
  await w.page.locator('button.compact').click();
  await w.waitForPosted('rendered', n);
  assert.equal(await labels(), 21);
  assert.equal(await w.page.locator('button.compact').getAttribute('aria-pressed'), 'false');
});

void test('the Resets toggle adds the RST and timeout edges, dashed', async () => {
  const n = await mark();
  await w.page.locator('button.resets').click();
  const r = await w.waitForPosted('rendered', n);
  assert.ok(r.edgeCount > 21);
  const dash = await w.page
    .locator('path.tcp-edge[data-transition="rst-ESTABLISHED"]')
    .evaluate((p) => getComputedStyle(p).strokeDasharray);
  assert.notEqual(dash, 'none');
  const m = await mark();
  await w.page.locator('button.resets').click();
  assert.equal((await w.waitForPosted('rendered', m)).edgeCount, 21);
});

void test('zoom messages and wheel change the transform; fit brings it back', async () => {
  const transform = (): Promise<string> =>
    w.page.locator('.canvas').evaluate((e) => (e as HTMLElement).style.transform);
  await w.send({ type: 'zoom', action: 'fit' });
  const fitted = await transform();
  await w.send({ type: 'zoom', action: 'in' });
  assert.notEqual(await transform(), fitted);
  await w.send({ type: 'zoom', action: 'fit' });
  assert.equal(await transform(), fitted);
  await w.page.mouse.move(170, 300);
  await w.page.mouse.wheel(0, 120);
  assert.notEqual(await transform(), fitted, 'wheel pans');
  await w.send({ type: 'zoom', action: 'fit' });
  assert.deepEqual(await w.problems(), []);
});
