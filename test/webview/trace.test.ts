// Node (webview tier): a packet-trace selection draws both ends at once (client solid, server dashed, a lettered marker
// on each end's current state), says it in words, and its previous / next packet buttons and keys post traceStep.
import { after, before, test } from 'node:test';
import * as assert from 'node:assert/strict';
import type { DiagramSelection, HighlightedMessage } from '../../core/protocol/messages';
import { TCP_STATES, type TcpState } from '../../core/tcp/types';
import { selectionFor } from './selections';
import { fixtureTrace, type FixtureTrace } from './traceSelections';
import { startHarness, type Harness, type WebviewPage } from './webviewHarness';

let harness: Harness;
let w: WebviewPage;
before(async () => {
  harness = await startHarness();
  w = await harness.open({ width: 520 });
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

/** The ids of `ids` the mounted diagram draws (reset edges only with the Resets toggle). */
async function drawn(ids: readonly string[]): Promise<string[]> {
  return w.page.evaluate(
    (list) => list.filter((id) => document.querySelector(`path.tcp-edge[data-transition="${id}"]`) !== null),
    [...ids],
  );
}

const inOrder = (states: readonly TcpState[]): TcpState[] => TCP_STATES.filter((s) => states.includes(s));
const sorted = (ids: readonly string[]): string[] => [...ids].sort();

/** Checks the page shows packet k of a fixture trace exactly as the reconstruction has it. */
async function checkPacket(fx: FixtureTrace, k: number, name: string): Promise<void> {
  const sel = fx.at(k);
  const trace = sel.trace;
  assert.ok(trace);
  const got = await select(sel);
  assert.ok(got.trace, `${name} #${k}: the page reports a trace`);
  const p = fx.packets[k - 1];
  assert.ok(p);
  // The reconstruction (checked against the fixture's truth file in the unit tier) decides where each end is.
  assert.equal(got.trace.clientCurrent, p.clientState, `${name} #${k} client marker`);
  assert.equal(got.trace.serverCurrent, p.serverState, `${name} #${k} server marker`);
  const statesOf = (e: typeof trace.client): TcpState[] =>
    inOrder([e.state, ...e.steps.flatMap((s) => [s.from, s.to])]);
  assert.deepEqual(got.trace.clientStates, statesOf(trace.client), `${name} #${k} client states`);
  assert.deepEqual(got.trace.serverStates, statesOf(trace.server), `${name} #${k} server states`);
  const ids = (e: typeof trace.client): Promise<string[]> => drawn(e.steps.map((s) => s.transitionId));
  assert.deepEqual(
    sorted(got.trace.clientEdges),
    sorted(await ids(trace.client)),
    `${name} #${k} client edges`,
  );
  assert.deepEqual(
    sorted(got.trace.serverEdges),
    sorted(await ids(trace.server)),
    `${name} #${k} server edges`,
  );
  // Every transition of both ends has its event / action on screen: on the diagram, or listed in compact mode.
  const all = [...trace.client.steps, ...trace.server.steps].map((s) => s.transitionId);
  assert.deepEqual(
    sorted(got.labelledEdges),
    sorted([...new Set(got.compact ? all : await drawn(all))]),
    `${name} #${k} labels`,
  );
  assert.equal(got.trace.packet, k);
  assert.equal(got.trace.packetCount, fx.packetCount);
  assert.equal(got.trace.canPrev, k > 1, `${name} #${k} previous enabled`);
  assert.equal(got.trace.canNext, k < fx.packetCount, `${name} #${k} next enabled`);
  // The caption says it in words: the packet, its role, both ends with their current state last.
  assert.ok(got.caption.startsWith(`Packet ${k} of ${fx.packetCount} · ${trace.role}`), got.caption);
  assert.ok(got.caption.includes(`Client ${trace.client.endpoint}: `), got.caption);
  assert.ok(got.caption.includes(`Server ${trace.server.endpoint}: `), got.caption);
  assert.ok(got.caption.includes(`${trace.client.state} Server `), 'the client line ends at its state');
  assert.ok(got.caption.endsWith(trace.server.state), 'the server line ends at its state');
  assert.equal(await w.page.locator('.caption').getAttribute('aria-live'), 'polite');
  // One letter per end, on the right node.
  const letters = await w.page.evaluate((): (string | null | undefined)[][] =>
    Array.from(document.querySelectorAll<SVGGElement>('g.trace-marker'), (m) => [
      m.closest('g.node')?.getAttribute('data-state'),
      m.querySelector('text')?.textContent,
    ]),
  );
  assert.deepEqual(
    letters.sort(),
    [
      [p.clientState, 'C'],
      [p.serverState, 'S'],
    ].sort(),
  );
}

const FIXTURES = ['normal-v4.n.txt', 'halfclose-v4.n.txt', 'simclose-v6.n.txt', 'abort-v4.n.txt'];

for (const name of FIXTURES) {
  void test(`both ends on the diagram at every packet of a real capture: ${name}`, async () => {
    const fx = fixtureTrace(name);
    assert.ok(fx.packetCount >= 4, `${name}: ${fx.packetCount} packets`);
    for (let k = 1; k <= fx.packetCount; k++) await checkPacket(fx, k, name);
    assert.deepEqual(await w.problems(), []);
  });
}

void test('the ends are told apart by more than colour: solid vs dashed lines, circle vs square marker', async () => {
  const fx = fixtureTrace('normal-v4.n.txt');
  await select(fx.at(3));
  const style = (sel: string): Promise<{ dash: string; stroke: string }> =>
    w.page
      .locator(sel)
      .first()
      .evaluate((e) => {
        const cs = getComputedStyle(e);
        return { dash: cs.strokeDasharray, stroke: cs.stroke };
      });
  const client = await style('path.tcp-edge.tr-c:not(.tr-s)');
  const server = await style('path.tcp-edge.tr-s:not(.tr-c)');
  assert.equal(client.dash, 'none');
  assert.notEqual(server.dash, 'none');
  assert.notEqual(client.stroke, server.stroke);
  const rx = (end: string): Promise<string | null> =>
    w.page.locator(`g.trace-marker-${end} rect`).getAttribute('rx');
  assert.notEqual(await rx('c'), await rx('s'));
  // Off both paths fades; on either path does not.
  const opacity = (s: string): Promise<string> =>
    w.page.locator(`g.node[data-state="${s}"]`).evaluate((g) => getComputedStyle(g).opacity);
  assert.equal(await opacity('SYN_SENT'), '1');
  assert.equal(await opacity('LISTEN'), '1');
  assert.ok(Number(await opacity('CLOSE_WAIT')) < 0.5);
});

void test('previous / next packet buttons: named, with tooltips, disabled at the ends; a click posts traceStep', async () => {
  const fx = fixtureTrace('normal-v4.n.txt');
  const prev = w.page.locator('button.trace-prev');
  const next = w.page.locator('button.trace-next');
  await select(fx.at(1));
  assert.equal(await prev.getAttribute('aria-label'), 'Previous packet');
  assert.equal(await next.getAttribute('aria-label'), 'Next packet');
  assert.match((await prev.getAttribute('title')) ?? '', /Previous packet.*\[/);
  assert.match((await next.getAttribute('title')) ?? '', /Next packet.*\]/);
  assert.equal(await prev.isDisabled(), true);
  assert.equal(await next.isDisabled(), false);
  let n = (await w.posted()).length;
  await next.click();
  assert.deepEqual(await w.waitForPosted('traceStep', n), { type: 'traceStep', delta: 1 });
  await select(fx.at(fx.packetCount));
  assert.equal(await next.isDisabled(), true);
  assert.equal(await prev.isDisabled(), false);
  n = (await w.posted()).length;
  await prev.click();
  assert.deepEqual(await w.waitForPosted('traceStep', n), { type: 'traceStep', delta: -1 });
  // A disabled button posts nothing.
  n = (await w.posted()).length;
  await next.click({ force: true });
  await w.page.waitForTimeout(50);
  assert.deepEqual(
    (await w.posted()).slice(n).filter((m) => m.type === 'traceStep'),
    [],
  );
});

void test('keys [ ] and Alt+← / Alt+→ on the diagram post traceStep; nothing past the ends', async () => {
  const fx = fixtureTrace('halfclose-v4.n.txt');
  await select(fx.at(2));
  await w.page.locator('g.node[data-state="ESTABLISHED"]').focus();
  const steps = async (press: () => Promise<void>): Promise<unknown[]> => {
    const n = (await w.posted()).length;
    await press();
    await w.page.waitForTimeout(30);
    return (await w.posted()).slice(n).filter((m) => m.type === 'traceStep');
  };
  assert.deepEqual(await steps(() => w.page.keyboard.press(']')), [{ type: 'traceStep', delta: 1 }]);
  assert.deepEqual(await steps(() => w.page.keyboard.press('[')), [{ type: 'traceStep', delta: -1 }]);
  assert.deepEqual(await steps(() => w.page.keyboard.press('Alt+ArrowRight')), [
    { type: 'traceStep', delta: 1 },
  ]);
  assert.deepEqual(await steps(() => w.page.keyboard.press('Alt+ArrowLeft')), [
    { type: 'traceStep', delta: -1 },
  ]);
  // Alt+arrows do not also move the focus between states.
  assert.equal(
    await w.page.evaluate(() => document.activeElement?.getAttribute('data-state')),
    'ESTABLISHED',
  );
  await select(fx.at(1));
  assert.deepEqual(await steps(() => w.page.keyboard.press('[')), []);
  await select(selectionFor('TIME_WAIT'));
  assert.deepEqual(await steps(() => w.page.keyboard.press(']')), [], 'no trace, no step');
});

void test('a selection that is not a trace shows no controls and no markers', async () => {
  await select(fixtureTrace('normal-v4.n.txt').at(4));
  const got = await select(selectionFor('CLOSE_WAIT', ['ESTABLISHED', 'CLOSE_WAIT']));
  assert.equal(got.trace, undefined);
  assert.equal(got.current, 'CLOSE_WAIT');
  assert.equal(await w.page.locator('.trace-bar').isHidden(), true);
  assert.equal(await w.page.locator('g.trace-marker').count(), 0);
  assert.equal(await w.page.locator('.tr-c, .tr-s').count(), 0);
  await select(null);
  assert.equal(await w.page.locator('.trace-bar').isHidden(), true);
});

void test('a step only restyles the drawn diagram: 50 steps, no new layout, the same SVG, each packet shown', async () => {
  // What keeps a step within a frame, checked without a clock (speed is measured by benchmarks): stepping never
  // lays the diagram out again (no `rendered` message, the same <svg> element), it only moves classes and markers.
  const fx = fixtureTrace('normal-v4.n.txt');
  await select(fx.at(1));
  await w.page.evaluate(() => {
    (window as unknown as { stepSvg?: Element | null }).stepSvg = document.querySelector('#root svg');
  });
  const before = (await w.posted()).filter((m) => m.type === 'rendered').length;
  for (let i = 0; i < 50; i++) {
    const k = 1 + (i % fx.packetCount);
    const got = await select(fx.at(k));
    assert.equal(got.trace?.packet, k, `step ${i}: packet ${k} shown`);
  }
  const after = (await w.posted()).filter((m) => m.type === 'rendered').length;
  assert.equal(after, before, 'no step laid the diagram out again');
  assert.equal(
    await w.page.evaluate(
      () =>
        (window as unknown as { stepSvg?: Element | null }).stepSvg === document.querySelector('#root svg'),
    ),
    true,
    'the same <svg> element throughout',
  );
});

void test('compact layout: both markers and paths on the right nodes, and the localized letters', async () => {
  let n = (await w.posted()).length;
  await w.send({ type: 'setCompact', compact: true });
  await w.waitForPosted('rendered', n);
  const fx = fixtureTrace('normal-v4.n.txt');
  for (const k of [1, 3, fx.packetCount]) await checkPacket(fx, k, 'compact normal-v4');
  assert.equal(await w.page.locator('.canvas.compact').count(), 1);
  // The listed steps say their end in their accessible name.
  const names = await w.page
    .locator('.path-steps .step-link')
    .evaluateAll((bs) => bs.map((b) => b.getAttribute('aria-label') ?? ''));
  assert.ok(
    names.some((n) => n.startsWith('client: ')) && names.some((n) => n.startsWith('server: ')),
    names.join(),
  );
  n = (await w.posted()).length;
  await w.send({
    type: 'init',
    lang: 'zh',
    strings: { traceBadgeClient: '客', traceBadgeServer: '服', tracePacket: '第 {0} 个包，共 {1} 个' },
    compact: true,
  });
  const zh = await w.waitForPosted('highlighted', n);
  assert.ok(zh.caption.startsWith(`第 ${fx.packetCount} 个包，共 ${fx.packetCount} 个`), zh.caption);
  assert.deepEqual(
    (await w.page.locator('g.trace-marker text').allTextContents()).sort(),
    ['客', '服'].sort(),
  );
});
