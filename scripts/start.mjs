// Node (dev tooling): `npm start`. Builds, then opens a real VS Code with the extension loaded on samples/:
// VS Code desktop when `code` is installed (or, with a display, can be downloaded), otherwise code-server
// on 127.0.0.1 with the URL printed. Flags: --code-server forces code-server; --port N (default 8080).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { USER_SETTINGS, ensureInstalled, repoRoot, startCodeServer } from '../test/vscode/codeServer.mjs';

const args = process.argv.slice(2);
const forceCodeServer = args.includes('--code-server');
const portArg = args.indexOf('--port');
const port = portArg >= 0 ? Number(args[portArg + 1]) : Number(process.env.PORT ?? 8080);
const samples = join(repoRoot, 'samples');

const build = spawnSync(process.execPath, [join(repoRoot, 'esbuild.mjs')], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

function which(cmd) {
  const r = spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : undefined;
}

async function desktop() {
  const code = which('code');
  if (code) return code;
  if (!process.env.DISPLAY && process.platform === 'linux') return undefined;
  try {
    const { downloadAndUnzipVSCode, resolveCliArgsFromVSCodeExecutablePath } =
      await import('@vscode/test-electron');
    const exe = await Promise.race([
      downloadAndUnzipVSCode('stable'),
      new Promise((_, rej) => setTimeout(() => rej(new Error('download timed out')), 60_000)),
    ]);
    const [cli] = resolveCliArgsFromVSCodeExecutablePath(exe);
    return cli;
  } catch (err) {
    console.log(`[start] VS Code desktop is not available here (${err.message}); using code-server.`);
    return undefined;
  }
}

const codeCli = forceCodeServer ? undefined : await desktop();
if (codeCli) {
  console.log(
    `[start] opening VS Code desktop (${codeCli}) with the extension under development on samples/`,
  );
  spawn(codeCli, ['--extensionDevelopmentPath', repoRoot, samples], {
    stdio: 'inherit',
    detached: true,
  }).unref();
} else {
  await ensureInstalled();
  // A persistent, git-ignored profile so layout and settings survive between runs.
  const profile = join(repoRoot, '.vscode-test', 'start-profile');
  const sb = {
    root: profile,
    userData: join(profile, 'user-data'),
    extensions: join(profile, 'extensions'),
    xdg: join(profile, 'xdg'),
    tmp: join(profile, 'tmp'),
  };
  for (const d of [sb.userData, sb.extensions, sb.xdg, sb.tmp, join(sb.userData, 'User')])
    mkdirSync(d, { recursive: true });
  const settings = join(sb.userData, 'User', 'settings.json');
  if (!existsSync(settings)) writeFileSync(settings, JSON.stringify(USER_SETTINGS, null, 2));
  // code-server ignores an extensionDevelopmentPath payload outside its test-driver mode, so the working tree
  // is linked into the profile's extensions folder instead: a rebuild plus "Developer: Reload Window" picks up changes.
  const link = join(sb.extensions, 'tcp-states-dev.tcp-states-dev');
  rmSync(link, { force: true, recursive: false });
  symlinkSync(repoRoot, link, 'dir');
  // Same process group as the terminal's command, so Ctrl+C ends code-server too.
  const server = await startCodeServer(sb, {
    port,
    detached: false,
    log: (t) => process.stdout.write(t.replace(/^/gm, '[code-server] ')),
  });
  const url = `${server.url}/?folder=${encodeURIComponent(samples)}`;
  console.log('\n[start] VS Code (code-server) is serving the extension with the sample captures. Open:\n');
  console.log(`    ${url}\n`);
  console.log('[start] Press Ctrl+C to stop.');
  const stop = () => {
    server.stop();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  server.process.on('exit', (code) => process.exit(code ?? 0));
}
