// Node (docs tooling): `node scripts/largeCaptureCheck.mjs [MB]` — the large-capture path as a user meets it, in
// code-server: writes a ~200 MB capture (the real time series of test/fixtures/linux, repeated, one timestamp per
// snapshot) into a throwaway folder, opens it, clicks the status-bar offer, pictures the progress notification,
// cancels, runs it again to the end, pictures the Large Capture view, clicks its CLOSE_WAIT row and checks
// that the editor's cursor landed on a CLOSE-WAIT line. Writes large-*.png (media/screenshots/ for the README, the
// rest test/results/); exits 1 on a miss. Not a test (the integration tier has the large-capture tests): a look.
import { spawnSync } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readFileSync, symlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import {
  ensureInstalled,
  launchBrowser,
  makeSandbox,
  repoRoot,
  startCodeServer,
} from '../test/vscode/codeServer.mjs';
import { waitForWorkbench } from '../test/vscode/workbench.mjs';

const MB = Number(process.argv[2] ?? 200);
// The README shows two of the pictures; the others go to test/results/ to look at.
const README_SHOTS = new Set(['large-progress', 'large-view']);
const shotPath = (name) =>
  join(
    repoRoot,
    README_SHOTS.has(name) ? join('media', 'screenshots') : join('test', 'results'),
    `${name}.png`,
  );
mkdirSync(join(repoRoot, 'test', 'results'), { recursive: true });
const log = (s) => console.log(`[large-capture] ${s}`);

const build = spawnSync(process.execPath, [join(repoRoot, 'esbuild.mjs'), '--production'], {
  stdio: 'inherit',
});
if (build.status !== 0) process.exit(1);
await ensureInstalled();

const sb = makeSandbox('tcp-states-large-', {
  'workbench.colorTheme': 'Default Dark Modern',
  'window.zoomLevel': 0,
  'editor.fontSize': 13,
});
symlinkSync(repoRoot, join(sb.extensions, 'tcp-states-dev.tcp-states-dev'), 'dir');
const folder = join(sb.root, 'captures');
mkdirSync(folder);
const file = join(folder, 'ss-every-second.log');
const series = readFileSync(join(repoRoot, 'test', 'fixtures', 'linux', 'timeseries-ss-tanpo.log'), 'utf8');
const fd = openSync(file, 'w');
let bytes = 0;
let copies = 0;
for (; bytes < MB * 1048576; copies++) bytes += writeSync(fd, series);
closeSync(fd);
log(`${file}: ${(bytes / 1048576).toFixed(0)} MB, ${copies} copies of the time series`);

const server = await startCodeServer(sb);
const { browser, context } = await launchBrowser({ viewport: { width: 1500, height: 860 } });
let failed = false;
const check = (ok, what) => {
  log(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
  if (!ok) failed = true;
};
try {
  const page = await context.newPage();
  await page.goto(`${server.url}/?folder=${encodeURIComponent(folder)}`);
  await waitForWorkbench(page);
  await page.keyboard.press('F1');
  await page.locator('.quick-input-widget input').fill('ss-every-second.log');
  await page.locator('.quick-input-list .monaco-list-row').first().waitFor();
  await page.keyboard.press('Enter');
  const offer = page.locator('.statusbar-item', { hasText: 'Large capture: summarize' });
  await offer.waitFor({ timeout: 60_000 });
  check(true, 'the status-bar offer is shown');
  await page.waitForTimeout(1500);
  await page.screenshot({ path: shotPath('large-offer') });

  // First run: cancelled from the notification.
  await offer.click();
  const note = page.locator('.notification-toast', { hasText: 'Summarizing' });
  await note.waitFor({ timeout: 30_000 });
  await page.waitForTimeout(1500);
  const progressText = (await note.innerText()).replace(/\s+/g, ' ');
  check(/of \d+ MB, [\d,]+ lines/.test(progressText), `progress with bytes and lines: "${progressText}"`);
  await page.screenshot({ path: shotPath('large-progress') });
  await note.hover();
  await note.locator('.monaco-button', { hasText: 'Cancel' }).click();
  await note.waitFor({ state: 'detached', timeout: 10_000 });
  check(true, 'cancelled: the notification closed');

  // Second run, to the end.
  const started = Date.now();
  await offer.click();
  const view = page.locator('.pane', { hasText: 'Large Capture' });
  await page
    .locator('.notification-toast', { hasText: 'Summarizing' })
    .waitFor({ state: 'detached', timeout: 300_000 });
  await view.locator('.monaco-list-row').first().waitFor({ timeout: 30_000 });
  log(`summary done in ${((Date.now() - started) / 1000).toFixed(1)} s (wall, with the UI)`);
  await page.waitForTimeout(1000);
  await page.screenshot({ path: shotPath('large-view') });
  const rows = await view.locator('.monaco-list-row').allInnerTexts();
  log(`view rows: ${rows.slice(0, 12).join(' | ')}`);
  // The CLOSE_WAIT state row (the first row's description names every state too).
  const finding = view
    .locator('.monaco-list-row')
    .filter({ has: page.locator('.label-name', { hasText: /^CLOSE_WAIT$/ }) })
    .first();
  check((await finding.count()) > 0, 'a CLOSE_WAIT row in the view');
  await finding.click();
  await page.waitForTimeout(2500);
  // VS Code asks before it shows a file this large in the editor (workbench.editorLargeFileConfirmation): a user
  // answers Open Anyway once, then the row opens the file at its line.
  const anyway = page.locator('.monaco-button', { hasText: 'Open Anyway' });
  if ((await anyway.count()) > 0) {
    await page.screenshot({ path: shotPath('large-confirm') });
    await anyway.first().click();
    await page.locator('.monaco-editor .view-lines').first().waitFor({ timeout: 120_000 });
    log('VS Code asked before showing the file: Open Anyway');
    await finding.click();
    await page.waitForTimeout(2500);
  }
  const cursorLine = await page.locator('.monaco-editor .view-overlays .current-line').first().boundingBox();
  const lines = page.locator('.monaco-editor .view-lines .view-line');
  let under = '';
  for (let i = 0, n = await lines.count(); i < n; i++) {
    const box = await lines.nth(i).boundingBox();
    if (box && cursorLine && Math.abs(box.y - cursorLine.y) < 3) under = await lines.nth(i).innerText();
  }
  const position = await page
    .locator('.statusbar-item', { hasText: /Ln \d+/ })
    .first()
    .innerText();
  check(/CLOSE-WAIT/.test(under), `the click opened ${position.trim()}: "${under.trim().slice(0, 90)}"`);
  await page.screenshot({ path: shotPath('large-opened') });
} catch (err) {
  failed = true;
  console.error(err);
  await context
    .pages()[0]
    ?.screenshot({ path: join(repoRoot, 'test', 'results', 'large-capture-failure.png') });
} finally {
  await browser.close();
  server.stop();
  sb.cleanup();
}
process.exit(failed ? 1 : 0);
