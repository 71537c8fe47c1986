// Node (benchmark): `node bench/historyBench.mjs [--rows 1000000,2000000,6000000] [--persist K] [--keep]` —
// peak memory and wall time of `tcp-states history` on snapshot logs built by inputs.mjs from the real
// capture test/fixtures/linux/ss-tanpo.txt (a `date` line, the ss header, the capture's rows, repeated).
// `--persist K` gives every K snapshots new connections (about rows / K distinct ones); by default every
// snapshot shows the capture's own. Uses GNU time (/usr/bin/time -v) for the peak RSS; the files go to the
// system temporary directory and are deleted afterwards unless --keep. Run `npm run build` first.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateSnapshots, root } from './inputs.mjs';

const argv = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : dflt;
};
const ROWS = opt('--rows', '1000000,2000000,6000000').split(',').map(Number);
const PERSIST = Number(opt('--persist', 'Infinity'));
const KEEP = argv.includes('--keep');
const cli = join(root, 'dist', 'cli.js');
const fixture = join(root, 'test', 'fixtures', 'linux', 'ss-tanpo.txt');

if (!existsSync(cli)) {
  console.error('dist/cli.js is missing: run `npm run build` first.');
  process.exit(1);
}
const dir = mkdtempSync(join(tmpdir(), 'tcp-states-history-'));
console.log(`node ${process.version}; inputs in ${dir}; persist ${PERSIST}`);
try {
  for (const rows of ROWS) {
    const file = generateSnapshots(join(dir, `history-${rows}.log`), fixture, rows, PERSIST);
    const mb = (statSync(file).size / 2 ** 20).toFixed(0);
    const r = spawnSync('/usr/bin/time', ['-v', process.execPath, cli, 'history', file], {
      stdio: ['ignore', 'ignore', 'pipe'],
      encoding: 'utf8',
      maxBuffer: 1 << 26,
    });
    const rss = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr)?.[1] ?? NaN);
    const wall = /Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (\S+)/.exec(r.stderr)?.[1] ?? '?';
    const status = /Exit status: (\d+)/.exec(r.stderr)?.[1] ?? String(r.status);
    console.log(
      `${rows.toLocaleString('en-US').padStart(10)} rows (${mb} MiB): max RSS ${(rss / 1024).toFixed(0)} MiB, wall ${wall}, exit ${status}`,
    );
    if (status !== '0') console.log(r.stderr.split('\n').slice(-30).join('\n'));
    if (!KEEP) rmSync(file);
  }
} finally {
  if (!KEEP) rmSync(dir, { recursive: true, force: true });
}
