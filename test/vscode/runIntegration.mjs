// Node (test tooling): runs the integration suite (out/test/integration/index.js, the same module
// @vscode/test-electron loads as extensionTestsPath) inside code-server, a real VS Code, in headless Chromium.
// Prints the extension host's output and exits with the suite's code. Usage: node test/vscode/runIntegration.mjs
import { spawnSync } from 'node:child_process';
import { format } from 'node:util';
import { join } from 'node:path';
import {
  ensureInstalled,
  launchBrowser,
  makeSandbox,
  remoteUri,
  repoRoot,
  startCodeServer,
} from './codeServer.mjs';

// Workbench chatter that says nothing about the extension under test.
const NOISE =
  /Ignoring fetching additional builtin extensions|Creating a socket|Resolv(ing|ed) connection token|\[reconnection-grace-time\]|\[Service Worker\]|\[AgentHost|\[AccountPolicyGate\]|vsda/;
const SUITE_TIMEOUT_MS = Number(process.env.TCP_STATES_SUITE_TIMEOUT_MS ?? 10 * 60_000);

/** Re-runs this script inside a private network namespace with only loopback, when we may (root + unshare). */
function maybeIsolate() {
  if (process.env.TCP_STATES_NETNS_INNER || process.env.TCP_STATES_NO_NETNS) return false;
  if (process.getuid?.() !== 0) return false;
  const probe = spawnSync('unshare', ['-n', 'true']);
  if (probe.status !== 0) return false;
  const r = spawnSync(
    'unshare',
    ['-n', 'sh', '-c', 'ip link set lo up && exec "$0" "$@"', process.execPath, ...process.argv.slice(1)],
    { stdio: 'inherit', env: { ...process.env, TCP_STATES_NETNS_INNER: '1' } },
  );
  process.exit(r.status ?? 1);
}

async function main() {
  // Install (with the network) first; only the tests themselves run isolated.
  if (!process.env.TCP_STATES_NETNS_INNER) await ensureInstalled();
  if (maybeIsolate()) return;
  const workspace = process.env.TCP_STATES_TEST_WORKSPACE ?? join(repoRoot, 'test', 'fixtures');
  // Overrides exist so the runner itself can be exercised on another extension or suite.
  const extensionPath = process.env.TCP_STATES_EXTENSION_PATH ?? repoRoot;
  const testsPath =
    process.env.TCP_STATES_TESTS_PATH ?? join(repoRoot, 'out', 'test', 'integration', 'index.js');
  // TCP_STATES_UNTRUSTED=1: workspace trust on and the folder not trusted, so the suite runs in Restricted Mode.
  const untrusted = process.env.TCP_STATES_UNTRUSTED === '1';
  const sb = makeSandbox(
    'tcp-states-it-',
    untrusted
      ? {
          'security.workspace.trust.enabled': true,
          'security.workspace.trust.startupPrompt': 'never',
          'security.workspace.trust.banner': 'never',
        }
      : {},
  );
  const server = await startCodeServer(sb, { smokeTestDriver: true, workspaceTrust: untrusted });
  console.log(
    `[runner] code-server at ${server.url}${process.env.TCP_STATES_NETNS_INNER ? ' (private network namespace)' : ''}`,
  );
  const { browser, context } = await launchBrowser();
  let exitCode = 1;
  try {
    const page = await context.newPage();
    let resolveExit;
    const exited = new Promise((r) => (resolveExit = r));
    await page.exposeFunction('codeAutomationLog', (type, args) => {
      // The extension host forwards console arguments unformatted (mocha logs '%s%s', indent, title).
      const text = format(...(Array.isArray(args) ? args : [args]));
      for (const line of text.split('\n')) if (line.trim() && !NOISE.test(line)) console.log(`  ${line}`);
    });
    await page.exposeFunction('codeAutomationExit', (code) => resolveExit(Number(code)));
    const payload = [
      ['extensionDevelopmentPath', remoteUri(server.port, extensionPath)],
      ['extensionTestsPath', remoteUri(server.port, testsPath)],
      ['skipWelcome', 'true'],
    ];
    const url = `${server.url}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
    await page.goto(url);
    const timeout = new Promise((r) => setTimeout(() => r('timeout'), SUITE_TIMEOUT_MS));
    const result = await Promise.race([exited, timeout]);
    if (result === 'timeout') {
      console.error(`[runner] the suite did not finish within ${SUITE_TIMEOUT_MS / 1000} s`);
      await page
        .screenshot({ path: join(repoRoot, 'test', 'results', 'integration-timeout.png') })
        .catch(() => {});
      exitCode = 1;
    } else {
      exitCode = result;
    }
  } finally {
    await browser.close().catch(() => {});
    server.stop();
    sb.cleanup();
  }
  process.exit(exitCode);
}

main().catch((err) => {
  console.error(`[runner] ${err?.stack ?? err}`);
  process.exit(1);
});
