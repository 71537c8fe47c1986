// Node (test tooling): `npm test`. Builds, then runs the tiers — static (tsc per runtime, eslint), unit (node:test on the pure code),
// webview (the built page in headless Chromium) and integration (the mocha suite inside code-server, a real
// VS Code) — prints each tier's count and ends with one line "N passed, N failed" over all tiers.
// `node scripts/test.mjs unit webview` runs only the named tiers.
import { spawn } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const ALL = ['static', 'unit', 'cli', 'webview', 'integration'];
// The fewest tests each tier must run. A tier that runs fewer (a glob that matches nothing, a suite that finds
// no test, a runner that dies before its summary) fails, so a silent zero can never read as green.
// Raise these as tests are added; never lower them to make a run pass.
const MIN_TESTS = { static: 8, unit: 130, cli: 19, webview: 40, integration: 33 };
const wanted = process.argv.slice(2).filter((a) => ALL.includes(a));
const tiers = wanted.length ? wanted : ALL;

function listTests(dir, suffix) {
  const out = [];
  let names = [];
  try {
    names = readdirSync(dir);
  } catch {
    return out;
  }
  for (const name of names.sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...listTests(p, suffix));
    else if (name.endsWith(suffix)) out.push(relative(root, p));
  }
  return out;
}

/** Runs a command, echoing its output, and hands every output line to `onLine`. */
function exec(cmd, args, onLine, env = {}) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, {
      cwd: root,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let pending = '';
    const feed = (chunk, stream) => {
      stream.write(chunk);
      pending += chunk.toString();
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const l of lines) onLine(l);
    };
    child.stdout.on('data', (c) => feed(c, process.stdout));
    child.stderr.on('data', (c) => feed(c, process.stderr));
    child.on('exit', (code, signal) => {
      if (pending) onLine(pending);
      resolve(code ?? (signal ? 1 : 0));
    });
  });
}

/** node:test with the TAP reporter; counts come from its closing `# pass` / `# fail` lines. */
async function nodeTestTier(files) {
  const counts = { passed: 0, failed: 0 };
  if (files.length === 0) return { ...counts, code: 1, note: 'no test files found' };
  const code = await exec(
    process.execPath,
    ['--import', 'tsx', '--test', '--test-reporter=tap', ...files],
    (line) => {
      const m = /^# (pass|fail) (\d+)$/.exec(line.trim());
      if (m) counts[m[1] === 'pass' ? 'passed' : 'failed'] = Number(m[2]);
    },
  );
  return { ...counts, code };
}

/**
 * Installs code-server (with the network, before any runner isolates itself), then runs the mocha suite inside
 * it and the packaged .vsix installed into a fresh one.
 */
async function integrationTier() {
  const counts = { passed: 0, failed: 0 };
  const setup = await exec('bash', [join(root, 'scripts', 'setup-vscode.sh')], () => {});
  if (setup !== 0) {
    return {
      ...counts,
      code: setup,
      note: 'code-server could not be installed: see the [setup-vscode] lines above',
    };
  }
  let code = 0;
  const runs = [
    ['runIntegration.mjs', /\[tcp-states\] integration: (\d+) passed, (\d+) failed/, {}],
    // The same suite in Restricted Mode (workspace trust on, folder untrusted): only what is refused there.
    [
      'runIntegration.mjs',
      /\[tcp-states\] integration: (\d+) passed, (\d+) failed/,
      { TCP_STATES_UNTRUSTED: '1', TCP_STATES_TEST_GREP: 'Restricted Mode' },
    ],
    ['runVsix.mjs', /\[tcp-states\] vsix: (\d+) passed, (\d+) failed/, {}],
  ];
  const notes = [];
  for (const [script, re, env] of runs) {
    let seen = false;
    const c = await exec(
      process.execPath,
      [join(root, 'test', 'vscode', script)],
      (line) => {
        const m = re.exec(line);
        if (m) {
          counts.passed += Number(m[1]);
          counts.failed += Number(m[2]);
          seen = true;
        }
      },
      env,
    );
    if (!seen) notes.push(`${script} reported no result`);
    if (c !== 0) code = c;
  }
  return { ...counts, code, note: notes.length ? notes.join('; ') : undefined };
}

/** Type-checking of each runtime and the linter; each is one check. */
async function staticTier() {
  const checks = [
    ['tsc -p core', [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'core', '--noEmit']],
    ['tsc -p node', [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'node', '--noEmit']],
    [
      'tsc -p extension',
      [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'extension', '--noEmit'],
    ],
    ['tsc -p cli', [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'cli', '--noEmit']],
    ['tsc -p webview', [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'webview', '--noEmit']],
    ['tsc -p test', [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'test', '--noEmit']],
    ['eslint', [join(root, 'node_modules', 'eslint', 'bin', 'eslint.js'), '.']],
    ['prettier --check', [join(root, 'node_modules', 'prettier', 'bin', 'prettier.cjs'), '--check', '.']],
  ];
  let passed = 0;
  let failed = 0;
  for (const [name, args] of checks) {
    const c = await exec(process.execPath, args, () => {});
    console.log(`  ${c === 0 ? '✔' : '✘'} ${name}`);
    if (c === 0) passed++;
    else failed++;
  }
  return { passed, failed, code: failed ? 1 : 0 };
}

const results = [];
const started = Date.now();

console.log('> build');
const buildCode = await exec(process.execPath, [join(root, 'esbuild.mjs')], () => {});
if (buildCode !== 0) {
  console.error('\nbuild failed: no tier was run');
  console.log('0 passed, 1 failed');
  process.exit(1);
}

for (const tier of tiers) {
  console.log(`\n> ${tier} tier`);
  const t0 = Date.now();
  let r;
  if (tier === 'static') r = await staticTier();
  else if (tier === 'unit') r = await nodeTestTier(listTests(join(root, 'test', 'unit'), '.test.ts'));
  else if (tier === 'cli') r = await nodeTestTier(listTests(join(root, 'test', 'cli'), '.test.ts'));
  else if (tier === 'webview') r = await nodeTestTier(listTests(join(root, 'test', 'webview'), '.test.ts'));
  else r = await integrationTier();
  const total = r.passed + r.failed;
  if (total < MIN_TESTS[tier]) {
    const why = `ran ${total} test(s), fewer than the ${MIN_TESTS[tier]} this tier expects`;
    r = { ...r, code: r.code || 1, note: r.note ? `${r.note}; ${why}` : why };
  }
  results.push({ tier, ...r, seconds: (Date.now() - t0) / 1000 });
}

let passed = 0;
let failed = 0;
console.log('\n> summary');
for (const r of results) {
  // A tier that crashed or exited non-zero without a failing count still counts as one failure.
  const broken = r.code !== 0 && r.failed === 0 ? 1 : 0;
  passed += r.passed;
  failed += r.failed + broken;
  const status = r.code === 0 && r.failed === 0 ? 'ok' : 'FAILED';
  const note = r.note ? ` (${r.note})` : broken ? ` (exited with code ${r.code})` : '';
  console.log(
    `  ${r.tier.padEnd(12)} ${String(r.passed).padStart(4)} passed, ${String(r.failed).padStart(3)} failed  ${r.seconds.toFixed(1)} s  ${status}${note}`,
  );
}
console.log(`  total time ${((Date.now() - started) / 1000).toFixed(1)} s`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
