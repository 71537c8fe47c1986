// Node (benchmark): `npm run bench` — times `tcp-states summary` against mawk on ≥ 1,000,000-line ss and netstat dumps.
// The dumps are built from the real captures in test/fixtures/linux (lines repeated with varied ports and
// addresses, by inputs.mjs) into bench/results/ (git-ignored). `--lines N` changes the size, `--runs N` the repetitions,
// `--profile` also writes a V8 CPU profile of one CLI run and prints the functions with the most self time.
// tcp-states is timed twice: as users run it (a file this large is parsed on two threads) and with --threads 1.
// Then a ~1 GB ss dump (`--gb N` sets the size in GB, `--gb 0` skips it) is summarized once with its wall time and
// max RSS (GNU time). Needs mawk (Debian package "mawk"; awk is used, and said, when missing) and /usr/bin/time.
// Not part of CI: figures depend on the machine and its load, which is printed with them.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { generate, root, templates } from './inputs.mjs';

const outDir = join(root, 'bench', 'results');
const argv = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = argv.indexOf(name);
  return i >= 0 ? Number(argv[i + 1]) : dflt;
};
const LINES = opt('--lines', 1_000_000);
const RUNS = opt('--runs', 5);
const PROFILE = argv.includes('--profile');
const GB = opt('--gb', 1);
const cli = join(root, 'dist', 'cli.js');

const FALLBACK_SS = [
  'ESTAB      0      0      10.0.0.5:22        10.0.0.77:50712     users:(("sshd",pid=1201,fd=4)) timer:(keepalive,89min,0)',
  'TIME-WAIT  0      0      10.0.0.5:43210     10.0.1.20:5432      timer:(timewait,41sec,0)',
  'LISTEN     0      4096   0.0.0.0:443        0.0.0.0:*           users:(("nginx",pid=812,fd=6),("nginx",pid=813,fd=6))',
  'CLOSE-WAIT 1      0      10.0.0.5:8080      10.0.0.90:61234     users:(("java",pid=2222,fd=91))',
];
const FALLBACK_NETSTAT = [
  'tcp        0      0 10.0.0.5:22             10.0.0.77:50712         ESTABLISHED 1201/sshd: root      keepalive (5340.21/0/0)',
  'tcp        0      0 10.0.0.5:43210          10.0.1.20:5432          TIME_WAIT   -                    timewait (41.20/0/0)',
  'tcp        0      0 0.0.0.0:443             0.0.0.0:*               LISTEN      812/nginx: master    off (0.00/0/0)',
  'tcp6       1      0 ::1:8080                ::1:61234               CLOSE_WAIT  2222/java            off (0.00/0/0)',
];

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function time(cmd, args) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 1 << 26 });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return ms;
}

function which(cmd) {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' }).stdout.trim();
}

function topSelfTime(profileFile, n = 15) {
  const prof = JSON.parse(readFileSync(profileFile, 'utf8'));
  const byId = new Map(prof.nodes.map((x) => [x.id, x]));
  const hits = new Map();
  const dt = prof.timeDeltas;
  prof.samples.forEach((id, i) => hits.set(id, (hits.get(id) ?? 0) + (dt[i] ?? 0)));
  const self = new Map();
  let total = 0;
  for (const [id, us] of hits) {
    const f = byId.get(id).callFrame;
    const key = `${f.functionName || '(anonymous)'} ${f.url.split('/').slice(-2).join('/')}:${f.lineNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + us);
    total += us;
  }
  return [...self.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([k, us]) => `  ${((100 * us) / total).toFixed(1).padStart(5)}%  ${k}`);
}

if (!existsSync(cli)) {
  console.error('dist/cli.js is missing: run `npm run build` first (npm run bench does).');
  process.exit(1);
}
mkdirSync(outDir, { recursive: true });
const t = templates();
const ssRows = t.ss.length > 0 ? t.ss : FALLBACK_SS;
const netstatRows = t.netstat.length > 0 ? t.netstat : FALLBACK_NETSTAT;
if (t.ss.length === 0 || t.netstat.length === 0)
  console.log(
    'note: no real captures under test/fixtures/linux for some dialect; using built-in sample rows',
  );
console.log(
  `templates: ${ssRows.length} ss rows, ${netstatRows.length} netstat rows from test/fixtures/linux`,
);

const inputs = [
  {
    name: 'ss -tanpo',
    file: generate(
      outDir,
      'ss-tanpo',
      'State      Recv-Q Send-Q Local Address:Port   Peer Address:Port Process',
      ssRows,
      LINES,
    ),
    awkField: '$1',
  },
  {
    name: 'netstat -tanpo',
    file: generate(
      outDir,
      'netstat-tanpo',
      'Active Internet connections (servers and established)\nProto Recv-Q Send-Q Local Address           Foreign Address         State       PID/Program name     Timer',
      netstatRows,
      LINES,
    ),
    awkField: '$6',
  },
];

const mawk = which('mawk');
const awk = mawk || which('awk');
if (!mawk) console.log(`mawk not found (Debian package "mawk"); falling back to ${awk || 'nothing'}`);
const load = () =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');
console.log(
  `node ${process.version} (${process.arch}), ${cpus().length} CPUs; ${RUNS} runs each, median (min); awk = ${awk}`,
);
console.log(`load average before: ${load()} (other work on the machine inflates both figures)\n`);

for (const input of inputs) {
  const lines = readFileSync(input.file, 'utf8').split('\n').length - 1;
  const program = `NR>1{++S[${input.awkField}]} END{for(s in S) print s, S[s]}`;
  const two = [cli, 'summary', input.file];
  const one = [cli, 'summary', '--threads', '1', input.file];
  time(awk, [program, input.file]);
  time(process.execPath, two);
  time(process.execPath, one);
  // Interleaved, so a burst of other load hits every variant alike.
  const awkRuns = [];
  const cliRuns = [];
  const oneRuns = [];
  for (let i = 0; i < RUNS; i++) {
    awkRuns.push(time(awk, [program, input.file]));
    cliRuns.push(time(process.execPath, two));
    oneRuns.push(time(process.execPath, one));
  }
  const awkMs = median(awkRuns);
  const cliMs = median(cliRuns);
  const oneMs = median(oneRuns);
  const rate = (ms) => `${(lines / (ms / 1000) / 1e6).toFixed(2)} M lines/s`;
  const min = (xs) => `(min ${Math.min(...xs).toFixed(0)})`.padEnd(11);
  console.log(`${input.name}: ${lines.toLocaleString('en-US')} lines (${input.file})`);
  console.log(
    `  ${awk.split('/').pop().padEnd(12)} ${awkMs.toFixed(0).padStart(6)} ms ${min(awkRuns)} ${rate(awkMs)}   (counts column ${input.awkField} only)`,
  );
  console.log(
    `  tcp-states   ${cliMs.toFixed(0).padStart(6)} ms ${min(cliRuns)} ${rate(cliMs)}   (summary: every field parsed, counts, diagnosis; 2 threads, the default)`,
  );
  console.log(
    `  --threads 1  ${oneMs.toFixed(0).padStart(6)} ms ${min(oneRuns)} ${rate(oneMs)}   (the same on one thread)`,
  );
  console.log(
    `  ratio        ${(cliMs / awkMs).toFixed(2)}× on 2 threads, ${(oneMs / awkMs).toFixed(2)}× on 1 (mawk uses 1; target ≤ 1.0×; load average now ${load()})\n`,
  );
  if (PROFILE) {
    const dir = join(outDir, 'profiles');
    mkdirSync(dir, { recursive: true });
    const name = `${input.name.split(' ')[0]}.cpuprofile`;
    spawnSync(
      process.execPath,
      ['--cpu-prof', '--cpu-prof-dir', dir, '--cpu-prof-name', name, cli, 'summary', input.file],
      { stdio: 'ignore' },
    );
    console.log(`  profile ${join(dir, name)}, top self time:`);
    console.log(topSelfTime(join(dir, name)).join('\n') + '\n');
  }
}

/** Wall time and max RSS of one run, from GNU time (undefined when /usr/bin/time is missing). */
function timeRss(cmd, args) {
  if (!existsSync('/usr/bin/time')) return undefined;
  const r = spawnSync('/usr/bin/time', ['-f', '%e %M', cmd, ...args], {
    stdio: ['ignore', 'ignore', 'pipe'],
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  const [secs, kb] = r.stderr.trim().split('\n').pop().split(' ').map(Number);
  return { ms: secs * 1000, rssMiB: kb / 1024 };
}

if (GB > 0) {
  // ~133 bytes per generated ss row: enough rows for GB × 10^9 bytes.
  const rows = Math.round((GB * 1e9) / 133);
  const file = generate(
    outDir,
    'ss-tanpo',
    'State      Recv-Q Send-Q Local Address:Port   Peer Address:Port Process',
    ssRows,
    rows,
  );
  const size = statSync(file).size;
  const program = 'NR>1{++S[$1]} END{for(s in S) print s, S[s]}';
  console.log(
    `ss -tanpo, ${(size / 1e9).toFixed(2)} GB, ${(rows + 1).toLocaleString('en-US')} lines (${file}):`,
  );
  const runs = [];
  for (let i = 0; i < 3; i++) {
    const a = timeRss(awk, [program, file]);
    const two = timeRss(process.execPath, [cli, 'summary', file]);
    const one = timeRss(process.execPath, [cli, 'summary', '--threads', '1', file]);
    if (!a || !two || !one) {
      console.log('  /usr/bin/time not found (Debian package "time"): no RSS figures');
      break;
    }
    runs.push({ a, two, one });
  }
  if (runs.length > 0) {
    const med = (f) => median(runs.map(f));
    const line = (name, ms, rss) =>
      `  ${name.padEnd(12)} ${ms.toFixed(0).padStart(6)} ms  max RSS ${rss.toFixed(0).padStart(4)} MiB  ${(size / 1e6 / (ms / 1000)).toFixed(0)} MB/s`;
    console.log(
      line(
        awk.split('/').pop(),
        med((r) => r.a.ms),
        med((r) => r.a.rssMiB),
      ),
    );
    console.log(
      line(
        'tcp-states',
        med((r) => r.two.ms),
        med((r) => r.two.rssMiB),
      ) + '   (2 threads)',
    );
    console.log(
      line(
        '--threads 1',
        med((r) => r.one.ms),
        med((r) => r.one.rssMiB),
      ),
    );
    console.log(
      `  ratio        ${(med((r) => r.two.ms) / med((r) => r.a.ms)).toFixed(2)}× on 2 threads (median of ${runs.length}; load average now ${load()})`,
    );
  }
}
