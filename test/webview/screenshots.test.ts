// Node (webview tier): screenshots of the view in a 350-px sidebar, per theme, into test/results/ (git-ignored), for a human to look at.
import { after, before, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { selectionFor } from './selections';
import type { HarnessTheme } from './themeVariables';
import { startHarness, type Harness } from './webviewHarness';

const out = join(__dirname, '..', 'results');
let harness: Harness;
before(async () => {
  mkdirSync(out, { recursive: true });
  harness = await startHarness();
});
after(async () => {
  await harness.close();
});

const COUNTS = { ESTABLISHED: 1834, TIME_WAIT: 912, CLOSE_WAIT: 57, LISTEN: 12, SYN_SENT: 3, FIN_WAIT_2: 9 };

for (const theme of ['light', 'dark', 'hc-dark', 'hc-light'] as const satisfies readonly HarnessTheme[]) {
  void test(`screenshot: ${theme}, with a selection, counts and a card`, async () => {
    const w = await harness.open({ theme, width: 350, height: 900 });
    await w.waitForPosted('ready');
    await w.send({ type: 'init', lang: 'en', strings: {}, compact: false });
    await w.send({ type: 'counts', counts: COUNTS, source: 'ss-prod-web01.txt' });
    await w.send({
      type: 'selection',
      selection: selectionFor('TIME_WAIT', ['ESTABLISHED', 'FIN_WAIT_1', 'TIME_WAIT']),
    });
    await w.waitForPosted('rendered');
    await w.page.screenshot({ path: join(out, `webview-${theme}.png`) });
    await w.send({ type: 'showCard', target: { kind: 'state', state: 'TIME_WAIT' } });
    const n = (await w.posted()).length;
    await w.send({ type: 'setCompact', compact: true });
    await w.waitForPosted('rendered', n);
    await w.page.screenshot({ path: join(out, `webview-${theme}-compact-card.png`) });
    assert.deepEqual(await w.problems(), []);
    await w.page.context().close();
  });
}

void test('screenshot: plain reference in Chinese, no selection', async () => {
  const w = await harness.open({ theme: 'dark', width: 350, height: 760, lang: 'zh-CN' });
  await w.waitForPosted('ready');
  await w.send({
    type: 'init',
    lang: 'zh',
    strings: { noSelection: '将光标放在连接行上以查看其路径。' },
    compact: false,
  });
  await w.send({ type: 'showCard', target: { kind: 'transition', transitionId: 't17' } });
  await w.waitForPosted('rendered');
  await w.page.screenshot({ path: join(out, 'webview-dark-zh-reference.png') });
  assert.deepEqual(await w.problems(), []);
  await w.page.context().close();
});
