// Node (CI tooling): the README's `npm start`, run the way a newcomer runs it. Starts `npm start` (which builds,
// installs code-server when it is missing and serves VS Code), waits for the URL it prints, checks /healthz,
// opens the page in Chromium, checks that the TCP States view container is in the activity bar and that its
// diagram renders, takes a screenshot, then stops `npm start` by the PID of the process group it started.
// Usage: node scripts/smokeStart.mjs   (PORT=N picks the port; default: a free one)
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { freePort, launchBrowser, repoRoot } from '../test/vscode/codeServer.mjs';
import { diagramFrame, openTcpStatesSidebar, waitForWorkbench } from '../test/vscode/workbench.mjs';

const URL_TIMEOUT_MS = Number(process.env.TCP_STATES_START_TIMEOUT_MS ?? 20 * 60_000);
const port = Number(process.env.PORT ?? (await freePort()));
const started = Date.now();
const seconds = () => ((Date.now() - started) / 1000).toFixed(0);

console.log(`[start-smoke] npm start (PORT=${port}) in ${repoRoot}`);
// Its own process group, so that stopping it also stops code-server and the extension host it started.
const child = spawn('npm', ['start'], {
  cwd: repoRoot,
  env: { ...process.env, PORT: String(port) },
  detached: true,
  stdio: ['ignore', 'pipe', 'pipe'],
});
let exited = false;
child.on('exit', () => (exited = true));
/** True while the child's last output line has no newline yet: our own lines then start on a fresh one. */
let childLineOpen = false;
function say(line) {
  if (childLineOpen) process.stdout.write('\n');
  childLineOpen = false;
  console.log(line);
}

function stop() {
  if (exited) return;
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    /* already gone */
  }
}

const url = await new Promise((resolve, reject) => {
  let pending = '';
  const timer = setTimeout(
    () => reject(new Error(`no URL within ${URL_TIMEOUT_MS / 1000} s`)),
    URL_TIMEOUT_MS,
  );
  const feed = (chunk) => {
    const text = chunk.toString();
    process.stdout.write(text.replace(/^(?=.)/gm, '  | '));
    childLineOpen = !text.endsWith('\n');
    pending += chunk.toString();
    const m = /(http:\/\/127\.0\.0\.1:\d+\/\?folder=\S+)/.exec(pending);
    if (m) {
      clearTimeout(timer);
      resolve(m[1]);
    }
  };
  child.stdout.on('data', feed);
  child.stderr.on('data', feed);
  child.on('exit', (code) => {
    clearTimeout(timer);
    reject(new Error(`npm start exited with ${code} before printing a URL`));
  });
}).catch((err) => {
  stop();
  say(`[start-smoke] FAILED after ${seconds()} s: ${err.message}`);
  process.exit(1);
});

let failures = 0;
function check(name, ok, detail = '') {
  if (!ok) failures++;
  say(`[start-smoke] ${ok ? '✔' : '✘'} ${name}${detail ? ` — ${detail}` : ''}`);
}

let browser;
try {
  check('npm start printed a URL', true, `${url} after ${seconds()} s`);
  const health = await fetch(`http://127.0.0.1:${port}/healthz`);
  check('/healthz answers', health.ok, `HTTP ${health.status}`);
  ({ browser } = await launchBrowser());
  const page = await browser.contexts()[0].newPage();
  await page.goto(url);
  await waitForWorkbench(page);
  const item = page.locator('.activitybar .action-item a[aria-label^="TCP States"]');
  await item.first().waitFor({ timeout: 60_000 });
  check('the TCP States view container is in the activity bar', (await item.count()) >= 1);
  await openTcpStatesSidebar(page);
  const frame = await diagramFrame(page);
  const nodes = await frame.locator('#root svg [data-state]').count();
  check('its sidebar renders the state diagram', nodes >= 11, `${nodes} state nodes`);
  const out = join(repoRoot, 'test', 'results');
  mkdirSync(out, { recursive: true });
  await page.screenshot({ path: join(out, 'npm-start.png') });
} catch (err) {
  check('the served VS Code works', false, String(err?.stack ?? err));
} finally {
  await browser?.close().catch(() => {});
  stop();
}
say(`[start-smoke] ${failures ? 'FAILED' : 'ok'} in ${seconds()} s`);
process.exit(failures ? 1 : 0);
