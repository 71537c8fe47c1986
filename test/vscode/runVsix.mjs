// Node (test tooling): packages the extension, installs the .vsix into a fresh code-server with code-server's
// own --install-extension, opens the workbench in Chromium and checks that the sidebar diagram renders.
// Prints "[tcp-states] vsix: N passed, N failed" for scripts/test.mjs.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { statSync } from 'node:fs';
import {
  ensureInstalled,
  installVsix,
  launchBrowser,
  makeSandbox,
  repoRoot,
  startCodeServer,
} from './codeServer.mjs';
import { diagramFrame, openTcpStatesSidebar, waitForWorkbench } from './workbench.mjs';

let passed = 0;
let failed = 0;
function check(name, ok, detail = '') {
  if (ok) passed++;
  else failed++;
  console.log(`  ${ok ? '✔' : '✘'} ${name}${detail ? ` — ${detail}` : ''}`);
}

await ensureInstalled();
const sb = makeSandbox('tcp-states-vsix-');
const vsix = join(sb.root, 'tcp-states.vsix');
let server;
let browser;
try {
  const pack = spawnSync(process.execPath, [join(repoRoot, 'scripts', 'package.mjs'), vsix], {
    encoding: 'utf8',
  });
  check(
    'npm run package produces a .vsix',
    pack.status === 0,
    pack.status === 0 ? `${(statSync(vsix).size / 1024).toFixed(0)} KiB` : pack.stderr,
  );
  if (pack.status === 0) {
    await installVsix(sb, vsix);
    server = await startCodeServer(sb);
    ({ browser } = await launchBrowser());
    const page = await browser.contexts()[0].newPage();
    await page.goto(`${server.url}/?folder=${encodeURIComponent(join(repoRoot, 'test', 'fixtures'))}`);
    await waitForWorkbench(page);
    await openTcpStatesSidebar(page);
    const frame = await diagramFrame(page);
    const nodes = await frame.locator('#root svg [data-state]').count();
    check('the installed vsix shows the diagram in the sidebar', nodes >= 11, `${nodes} state nodes`);
  }
} catch (err) {
  check('vsix install and render', false, String(err?.stack ?? err));
} finally {
  await browser?.close().catch(() => {});
  server?.stop();
  sb.cleanup();
}
console.log(`[tcp-states] vsix: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
