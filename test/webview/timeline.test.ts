// Node (webview tier): the counts-over-time chart of a real time series — its series and points, CLOSE_WAIT stood out
// with an end label, a point's time and counts on hover and by keyboard, and a click or Enter posting revealSnapshot.
import { after, before, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { arraySource, buildLineIndexSync, splitLines } from '../../core/document/lineIndexBuilder';
import { snapshotTimeline } from '../../core/document/snapshotTimeline';
import type { Timeline, TimelineShownMessage } from '../../core/protocol/messages';
import { TCP_STATES } from '../../core/tcp/types';
import { startHarness, type Harness, type WebviewPage } from './webviewHarness';

const text = readFileSync(join(__dirname, '..', 'fixtures', 'linux', 'timeseries-ss-tanpo.log'), 'utf8');
const built = snapshotTimeline(buildLineIndexSync(arraySource(splitLines(text))), 'timeseries-ss-tanpo.log');
if (!built) throw new Error('the fixture is a time series');
const timeline: Timeline = built;
const n = timeline.snapshots.length;
const states = TCP_STATES.filter((s) => timeline.snapshots.some((p) => (p.counts[s] ?? 0) > 0));

let harness: Harness;
let w: WebviewPage;
let shown: TimelineShownMessage;
before(async () => {
  harness = await startHarness();
  w = await harness.open({ width: 320 });
  await w.waitForPosted('ready');
  await w.send({ type: 'init', lang: 'en', strings: {}, compact: false });
  await w.waitForPosted('rendered');
  await w.send({ type: 'timeline', timeline });
  shown = await w.waitForPosted('timelineShown');
});
after(async () => {
  await harness.close();
});

/** The time and counts a tooltip must show for snapshot i, as text. */
function tipText(i: number): string {
  const p = timeline.snapshots[i];
  assert.ok(p);
  const rows = TCP_STATES.filter((s) => (p.counts[s] ?? 0) > 0)
    .sort((a, b) => (p.counts[b] ?? 0) - (p.counts[a] ?? 0))
    .map((s) => `${p.counts[s] ?? 0} ${s}`);
  return [p.label, ...rows].join('|');
}

async function shownTip(): Promise<string> {
  const tip = w.page.locator('.timeline-tip');
  assert.equal(await tip.isVisible(), true, 'the tooltip is shown');
  return (await tip.locator(':scope > *').allTextContents()).join('|');
}

void test('one series per state seen, a point per snapshot; CLOSE_WAIT thick with its end label', async () => {
  assert.equal(await w.page.locator('.timeline').isVisible(), true);
  assert.deepEqual(
    shown,
    { type: 'timelineShown', points: n, series: states, hot: 'CLOSE_WAIT' },
    'read back',
  );
  assert.equal(
    await w.page.locator('.timeline-title').textContent(),
    'Counts over time · timeseries-ss-tanpo.log',
  );
  const drawn = await w.page
    .locator('g.tl-series')
    .evaluateAll((gs) => gs.map((g) => g.getAttribute('data-state')));
  assert.deepEqual([...drawn].sort(), [...states].sort());
  for (const s of states)
    assert.equal(await w.page.locator(`g.tl-series[data-state="${s}"] circle.tl-dot`).count(), n, s);
  const hot = w.page.locator('g.tl-series.tl-hot');
  assert.equal(await hot.getAttribute('data-state'), 'CLOSE_WAIT');
  const last = timeline.snapshots[n - 1]?.counts.CLOSE_WAIT ?? 0;
  assert.match((await hot.locator('.tl-end-label').textContent()) ?? '', new RegExp(`^CLOSE_WAIT ${last}`));
  const width = (sel: string): Promise<number> =>
    w.page
      .locator(sel)
      .first()
      .evaluate((p) => parseFloat(getComputedStyle(p).strokeWidth));
  assert.ok((await width('g.tl-hot .tl-line')) > (await width('g.tl-series:not(.tl-hot) .tl-line')));
  // The chart fits the sidebar.
  const box = await w.page.locator('svg.timeline-svg').boundingBox();
  assert.ok(box && box.width <= 320, `${box?.width}`);
  assert.deepEqual(await w.problems(), []);
});

void test('hovering a point shows its time and counts; a click posts revealSnapshot with its timestamp line', async () => {
  for (const i of [0, Math.floor(n / 2), n - 1]) {
    const dot = await w.page.locator(`g.tl-hot circle.tl-dot[data-index="${i}"]`).boundingBox();
    assert.ok(dot);
    await w.page.mouse.move(dot.x + dot.width / 2, dot.y + dot.height / 2);
    assert.equal(await shownTip(), tipText(i));
    const before = (await w.posted()).length;
    await w.page.mouse.click(dot.x + dot.width / 2, dot.y + dot.height / 2);
    assert.deepEqual(await w.waitForPosted('revealSnapshot', before), {
      type: 'revealSnapshot',
      line: timeline.snapshots[i]?.line,
    });
  }
  await w.page.mouse.move(2, 2);
});

void test('keyboard: the chart is a slider — Home / arrows move the point and its tooltip, Enter reveals it', async () => {
  const chart = w.page.locator('svg.timeline-svg');
  await chart.focus();
  assert.equal(await chart.getAttribute('role'), 'slider');
  await w.page.keyboard.press('Home');
  assert.equal(await chart.getAttribute('aria-valuenow'), '1');
  assert.equal(await shownTip(), tipText(0));
  await w.page.keyboard.press('ArrowRight');
  await w.page.keyboard.press('ArrowRight');
  assert.equal(await chart.getAttribute('aria-valuenow'), '3');
  assert.ok((await chart.getAttribute('aria-valuetext'))?.startsWith(timeline.snapshots[2]?.label ?? '?'));
  assert.equal(await shownTip(), tipText(2));
  const before = (await w.posted()).length;
  await w.page.keyboard.press('Enter');
  assert.deepEqual(await w.waitForPosted('revealSnapshot', before), {
    type: 'revealSnapshot',
    line: timeline.snapshots[2]?.line,
  });
  await w.page.keyboard.press('End');
  assert.equal(await chart.getAttribute('aria-valuenow'), String(n));
});

void test('series take the editor’s state-family colours, as VS Code names a contributed colour’s variable', async () => {
  // VS Code sets each theme colour with style.setProperty('--vscode-' + id.replace('.', '-')): only the first dot.
  await w.page.evaluate(() =>
    document.documentElement.style.setProperty('--vscode-tcpStates-state.waitingApp', 'rgb(1, 2, 3)'),
  );
  const stroke = await w.page
    .locator('g.tl-series[data-state="CLOSE_WAIT"] .tl-line')
    .evaluate((p) => getComputedStyle(p).stroke);
  assert.equal(stroke, 'rgb(1, 2, 3)');
  await w.page.evaluate(() =>
    document.documentElement.style.removeProperty('--vscode-tcpStates-state.waitingApp'),
  );
});

void test('a downsampled long series draws without dots, and null hides the chart', async () => {
  const many: Timeline = {
    source: 'long.log',
    snapshots: Array.from({ length: 2000 }, (_, i) => ({
      label: `t${i}`,
      line: 1 + i * 10,
      counts: { ESTABLISHED: 50, CLOSE_WAIT: Math.floor(i / 20) },
    })),
  };
  await w.send({ type: 'timeline', timeline: many });
  assert.equal(await w.page.locator('g.tl-series').count(), 2);
  assert.equal(await w.page.locator('circle.tl-dot').count(), 0);
  assert.match((await w.page.locator('.tl-end-label').textContent()) ?? '', /^CLOSE_WAIT 99 ↑$/);
  const before = (await w.posted()).length;
  await w.send({ type: 'timeline', timeline: null });
  assert.equal(await w.page.locator('.timeline').isHidden(), true);
  assert.deepEqual(await w.waitForPosted('timelineShown', before), {
    type: 'timelineShown',
    points: 0,
    series: [],
    hot: null,
  });
  assert.deepEqual(await w.problems(), []);
});
