// Node (docs tooling): `npm run screenshots` — opens samples/ in code-server with the extension, in the light,
// dark and high-contrast themes, puts the cursor on a connection of the time-series capture, hovers its state
// and writes PNGs to media/screenshots/ for the README. Not a test: look at the pictures.
import { spawnSync } from 'node:child_process';
import { mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import {
  ensureInstalled,
  launchBrowser,
  makeSandbox,
  repoRoot,
  startCodeServer,
} from '../test/vscode/codeServer.mjs';
import { diagramFrame, openTcpStatesSidebar, waitForWorkbench } from '../test/vscode/workbench.mjs';

const THEMES = [
  ['light', 'Default Light Modern', {}],
  ['dark', 'Default Dark Modern', {}],
  ['hc', 'Default High Contrast', {}],
  ['zh-dark', 'Default Dark Modern', { 'tcpStates.contentLanguage': 'zh-cn' }],
];
const out = join(repoRoot, 'media', 'screenshots');
// The pictures the README shows; the others are taken only to reach them.
const KEEP = new Set([
  'dark-diagram-path',
  'dark-hover',
  'dark-annotations',
  'light-hover',
  'hc-annotations',
  'zh-dark-hover',
  'dark-trace',
  'light-trace',
]);
async function shot(page, name) {
  if (KEEP.has(name)) await page.screenshot({ path: join(out, `${name}.png`) });
}
mkdirSync(out, { recursive: true });
const only = process.argv.slice(2);

// Without a CJK font Chromium draws the Chinese pictures as empty boxes: say so and stop, rather than write them.
const wantsChinese = THEMES.some(
  ([key]) => key.startsWith('zh') && (only.length === 0 || only.includes(key)),
);
const cjk = spawnSync('fc-list', [':lang=zh', 'family'], { encoding: 'utf8' });
if (wantsChinese && (cjk.status !== 0 || cjk.stdout.trim() === '')) {
  console.error(
    '[screenshots] no Chinese font: install one first (Debian: apt-get install fonts-wqy-microhei), or name the themes to take',
  );
  process.exit(1);
}

const build = spawnSync(process.execPath, [join(repoRoot, 'esbuild.mjs'), '--production'], {
  stdio: 'inherit',
});
if (build.status !== 0) process.exit(1);
await ensureInstalled();

async function openFile(page, name, line, column = 1) {
  await page.keyboard.press('Escape');
  // F1 opens the palette in command mode ('>'); replacing its text with a file name makes it Quick Open.
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor();
  await input.fill(name);
  await page.locator('.quick-input-list .monaco-list-row').first().waitFor();
  await page.keyboard.press('Enter');
  await page.locator(`.tabs-container .tab.active[aria-label^="${name}"]`).waitFor({ timeout: 15_000 });
  await page.waitForTimeout(800);
  await page.keyboard.press('Control+G');
  await page.locator('.quick-input-widget input').fill(`:${line}:${column}`);
  await page.keyboard.press('Enter');
  await page.waitForTimeout(1200);
}

/** Hovers the span showing `text` on the cursor's line. */
async function hoverOnCursorLine(page, text) {
  const cursor = await page.locator('.monaco-editor .cursor').first().boundingBox();
  const spans = page.locator('.monaco-editor .view-line span span', { hasText: text });
  const n = await spans.count();
  let best;
  for (let i = 0; i < n; i++) {
    const box = await spans.nth(i).boundingBox();
    if (box && cursor && (!best || Math.abs(box.y - cursor.y) < Math.abs(best.box.y - cursor.y)))
      best = { i, box };
  }
  if (!best) throw new Error(`no span "${text}" on screen`);
  await page.mouse.move(best.box.x + best.box.width / 2, best.box.y + best.box.height / 2);
  await page.locator('.monaco-hover-content').first().waitFor({ timeout: 10_000 });
  await page.waitForTimeout(600);
}

for (const [key, theme, extra] of THEMES) {
  if (only.length && !only.includes(key)) continue;
  const sb = makeSandbox('tcp-states-shots-', {
    'workbench.colorTheme': theme,
    'window.zoomLevel': 0,
    'editor.fontSize': 13,
    'workbench.activityBar.location': 'default',
    'tcpStates.inlineMeaning': 'short',
    ...extra,
  });
  symlinkSync(repoRoot, join(sb.extensions, 'tcp-states-dev.tcp-states-dev'), 'dir');
  const server = await startCodeServer(sb);
  const { browser, context } = await launchBrowser({ viewport: { width: 1500, height: 860 } });
  try {
    const page = await context.newPage();
    await page.goto(`${server.url}/?folder=${encodeURIComponent(join(repoRoot, 'samples'))}`);
    await waitForWorkbench(page);
    await openTcpStatesSidebar(page);
    await diagramFrame(page);
    await openFile(page, 'timeseries-ss-tanpo.log', 96);
    await page.waitForTimeout(1500);
    await shot(page, `${key}-diagram-path`);
    await hoverOnCursorLine(page, 'TIME-WAIT');
    await shot(page, `${key}-hover`);
    await page.mouse.move(5, 5);
    await openFile(page, 'server-ss-tanpo.ss', 24);
    await page.waitForTimeout(1500);
    await shot(page, `${key}-annotations`);
    // A packet trace: the client's FIN of a normal close, both ends on the diagram.
    await openFile(page, 'tcpdump-nn-loopback.txt', 10, 72);
    await page.waitForTimeout(1500);
    await shot(page, `${key}-trace`);
    console.log(`[screenshots] ${key}: done`);
  } catch (err) {
    console.error(`[screenshots] ${key}: ${err.stack ?? err}`);
    await context
      .pages()[0]
      ?.screenshot({ path: join(repoRoot, 'test', 'results', `screenshots-${key}-failure.png`) });
  } finally {
    await browser.close();
    server.stop();
    sb.cleanup();
  }
}
