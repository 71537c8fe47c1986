// Node (benchmark, root): `npm run bench:watch` — the cost of watching 10,000 sockets. Creates a network
// namespace of its own, holds 5,000 loopback connections open in it (bench/watchSockets.mjs: 10,001 sockets
// with the listener), then inside the namespace times one poll of each capture source (parse and diff
// included; CPU counted with the ss children) against a baseline of the same number of bare `ss -tanH` runs,
// then the CPU share of the real `dist/cli.js watch --interval 1000` over 20 s. Removes the namespace and stops only
// the processes it started. `--pairs N --seconds S --polls K` change the sizes.
import { spawn, execFileSync, execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import * as esbuild from 'esbuild';
import { root } from './inputs.mjs';
import { performance } from 'node:perf_hooks';

const argv = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = argv.indexOf(name);
  return i >= 0 ? Number(argv[i + 1]) : dflt;
};
const PAIRS = opt('--pairs', 5000);
const SECONDS = opt('--seconds', 20);
const POLLS = opt('--polls', 20);
const CLK_TCK = 100;

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** utime + stime of a process and of its waited-for children (ss runs), in ms. */
function cpuOf(pid = 'self') {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14])) * 1000) / CLK_TCK;
}

/** Measure mode: runs inside the namespace with the capture code bundled by the parent. */
async function measure(bundle) {
  const { openSource, SnapshotDiffer, execFileRunner, fsReader } = createRequire(import.meta.url)(bundle);
  const out = { polls: [], sockets: 0 };
  const opts = (only, owners) => ({ platform: 'linux', owners, only, run: execFileRunner, read: fsReader });
  for (const [label, only, owners, port] of [
    ['auto (default)', undefined, false],
    ['/proc/net/tcp + tcp6', 'proc', false],
    ['ss -tanH', 'ss', false],
    ['ss -tanH, --port 9 (kernel filter, no match)', 'ss', false, '9'],
    ['ss -tanpH (owners)', 'ss', true],
    ['/proc + /proc/*/fd (owners)', 'proc', true],
  ]) {
    const { source, first } = await openSource({ ...opts(only, owners), port });
    out.sockets = Math.max(out.sockets, first.records.length);
    const differ = new SnapshotDiffer();
    differ.update(first.time, first.records);
    const ms = [];
    const c0 = cpuOf();
    for (let i = 0; i < POLLS; i++) {
      const t0 = performance.now();
      const snap = await source.snapshot();
      differ.update(snap.time, snap.records);
      ms.push(performance.now() - t0);
    }
    out.polls.push({
      label: only === undefined ? `${label}: ${source.describe}` : label,
      wall: median(ms),
      cpu: (cpuOf() - c0) / POLLS,
    });
  }
  // Baseline: the bare command a user would loop on, its output not even read.
  const ss = [];
  const c0 = cpuOf();
  for (let i = 0; i < POLLS; i++) {
    const t0 = performance.now();
    await new Promise((res, rej) =>
      execFile('ss', ['-tanH'], { maxBuffer: 1 << 26 }, (e) => (e ? rej(e) : res())),
    );
    ss.push(performance.now() - t0);
  }
  out.baseline = { wall: median(ss), cpu: (cpuOf() - c0) / POLLS };
  process.stdout.write(JSON.stringify(out) + '\n');
}

async function main() {
  if (process.getuid?.() !== 0) {
    console.error('watchBench needs root (it creates a network namespace): sudo npm run bench:watch');
    process.exit(1);
  }
  const ns = `tcpstates-bench-${process.pid}`;
  const dir = mkdtempSync(join(tmpdir(), 'tcp-states-watchbench-'));
  const bundle = join(dir, 'capture.cjs');
  await esbuild.build({
    stdin: {
      contents: [
        "export { openSource } from './node/capture/chooseSource';",
        "export { execFileRunner, fsReader } from './node/capture/commandRunner';",
        "export { SnapshotDiffer } from './core/analysis/snapshotDiff';",
      ].join('\n'),
      resolveDir: root,
      loader: 'ts',
    },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    outfile: bundle,
    logLevel: 'warning',
  });
  const started = [];
  const inNs = (args, opts = {}) => {
    const child = spawn('ip', ['netns', 'exec', ns, ...args], {
      stdio: ['pipe', 'pipe', 'inherit'],
      ...opts,
    });
    started.push(child);
    return child;
  };
  const lines = (child, re) =>
    new Promise((resolve, reject) => {
      let text = '';
      child.stdout.on('data', (c) => {
        text += c;
        const m = re.exec(text);
        if (m) resolve(m);
      });
      child.on('exit', (code) =>
        reject(new Error(`${child.spawnargs.join(' ')} exited with ${code}: ${text}`)),
      );
    });
  execFileSync('ip', ['netns', 'add', ns]);
  try {
    execFileSync('ip', ['netns', 'exec', ns, 'ip', 'link', 'set', 'lo', 'up']);
    const nofile = String(2 * PAIRS + 1000);
    const holder = inNs([
      'prlimit',
      `--nofile=${nofile}:${nofile}`,
      process.execPath,
      join(root, 'bench', 'watchSockets.mjs'),
      String(PAIRS),
      '7000',
    ]);
    const t0 = Date.now();
    const [, ready] = await lines(holder, /ready (\d+)\n/);
    console.log(
      `node ${process.version}; namespace ${ns}: ${ready} sockets held by pid ${holder.pid} (${Date.now() - t0} ms to open)`,
    );

    const m = JSON.parse(
      (
        await lines(
          inNs([
            process.execPath,
            join(root, 'bench', 'watchBench.mjs'),
            '--measure',
            bundle,
            '--polls',
            String(POLLS),
          ]),
          /^(\{.*\})\n/m,
        )
      )[1],
    );
    console.log(
      `\none poll of ${m.sockets} sockets (${POLLS} polls; read, parse, diff; CPU includes ss children):`,
    );
    console.log(`  ${'source'.padEnd(56)} ${'wall'.padStart(8)} ${'CPU'.padStart(8)}  CPU vs baseline`);
    for (const p of [...m.polls, { label: 'baseline: bare `ss -tanH`, output not parsed', ...m.baseline }])
      console.log(
        `  ${p.label.padEnd(56)} ${p.wall.toFixed(1).padStart(5)} ms ${p.cpu.toFixed(1).padStart(5)} ms  ${(p.cpu / m.baseline.cpu).toFixed(2)}×`,
      );

    // The real CLI: CPU from /proc/PID/stat between its first poll and its end, so Node's start-up is left out.
    for (const extra of [[], ['--port', '9']]) {
      const cli = inNs(
        [
          process.execPath,
          join(root, 'dist', 'cli.js'),
          'watch',
          '--interval',
          '1000',
          '--duration',
          String(SECONDS + 2),
          '--json',
          ...extra,
        ],
        { stdio: ['ignore', 'pipe', 'pipe'] },
      );
      let err = '';
      cli.stderr.on('data', (c) => (err += c));
      while (!/watching/.test(err)) await sleep(20);
      const c0 = cpuOf(cli.pid);
      const w0 = Date.now();
      await sleep(SECONDS * 1000);
      const share = (cpuOf(cli.pid) - c0) / (Date.now() - w0);
      await new Promise((r) => cli.on('exit', r));
      const what = extra.length ? `watch ${extra.join(' ')}` : 'watch';
      console.log(
        `\n1 s ${what}, dist/cli.js over ${SECONDS} s (after start-up, ss children included): ${(100 * share).toFixed(2)} % of one core (goal < 2 %)`,
      );
      console.log(`  its own summary: ${err.trim().split('\n').pop()}`);
    }
    holder.stdin.end();
    await new Promise((r) => (holder.exitCode !== null ? r() : holder.on('exit', r)));
  } finally {
    for (const c of started) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    execFileSync('ip', ['netns', 'del', ns]);
    rmSync(dir, { recursive: true, force: true });
  }
}

const mi = argv.indexOf('--measure');
if (mi >= 0) await measure(argv[mi + 1]);
else await main();
