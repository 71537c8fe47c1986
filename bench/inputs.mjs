// Node (benchmark): the large inputs the benchmarks run on, built from the real captures in test/fixtures/linux.
// `generate` repeats connection rows with varied ports and addresses (bench.mjs, `summary`);
// `generateSnapshots` repeats one real capture as `while true; do date; ss -tanpo; sleep 1; done` would
// print it (historyBench.mjs, `history`). Both are deterministic and written in chunks, so files larger
// than V8's longest string (about 512 MiB) can be built.
import { createHash } from 'node:crypto';
import { closeSync, existsSync, openSync, readdirSync, readFileSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('..', import.meta.url));

function walk(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? walk(p) : n.endsWith('.json') ? [] : [p];
  });
}

export const SS_ROW =
  /^(?:tcp\s+)?(ESTAB|LISTEN|SYN-SENT|SYN-RECV|FIN-WAIT-1|FIN-WAIT-2|TIME-WAIT|CLOSE-WAIT|LAST-ACK|CLOSING|UNCONN)\s+\d+\s+\d+\s/;
const NETSTAT_ROW = /^tcp6?\s+\d+\s+\d+\s+\S+\s+\S+\s+[A-Z_12]+\b/;

/** Connection rows of every real Linux capture, by dialect. */
export function templates() {
  const ss = [];
  const netstat = [];
  // Only the -tanpo captures, so every row has the columns the header promises.
  for (const file of walk(join(root, 'test', 'fixtures', 'linux')).filter((f) => /tanpo/.test(f))) {
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      if (SS_ROW.test(line)) ss.push(line.replace(/^tcp\s+/, ''));
      else if (NETSTAT_ROW.test(line)) netstat.push(line);
    }
  }
  return { ss, netstat };
}

/** A deterministic generator, so every run of the bench sees the same files. */
export function rng(seed) {
  let s = seed >>> 0;
  return () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32;
}

/**
 * Varies what differs between real connections: the ephemeral port (≥ 32768) on whichever side has one,
 * and the peer's last octet. Service ports (22, 443, 5432…) stay, so per-destination groups stay realistic.
 */
export function mutate(line, rand) {
  let n = 0;
  return line.replace(/(\d{1,3}\.\d{1,3}\.\d{1,3}\.)(\d{1,3}):(\d+)/g, (m, net, last, port) => {
    n++;
    const newPort = Number(port) >= 32768 ? String(32768 + Math.floor(rand() * 28232)) : port;
    const newLast = n === 2 && port !== '*' ? String(1 + Math.floor(rand() * 254)) : last;
    return `${net}${newLast}:${newPort}`;
  });
}

/** Writes lines to `file` in ~1 MiB pieces; `each(emit)` calls emit(line) for every line. */
function writeLines(file, each) {
  const fd = openSync(file, 'w');
  let parts = [];
  let size = 0;
  const flush = () => {
    writeSync(fd, parts.join('\n') + '\n');
    parts = [];
    size = 0;
  };
  try {
    each((line) => {
      parts.push(line);
      size += line.length + 1;
      if (size >= 1 << 20) flush();
    });
    if (parts.length > 0) flush();
  } finally {
    closeSync(fd);
  }
}

/** `count` rows after `header`, cycling through `rows`, each mutated; cached in `dir` by content. */
export function generate(dir, name, header, rows, count) {
  const tag = createHash('sha1')
    .update(header)
    .update(rows.join('\n'))
    .update(mutate.toString())
    .digest('hex')
    .slice(0, 8);
  const file = join(dir, `${name}-${count}-${tag}.txt`);
  if (existsSync(file)) return file;
  const rand = rng(42);
  writeLines(file, (emit) => {
    emit(header);
    for (let i = 0; i < count; i++) emit(mutate(rows[i % rows.length], rand));
  });
  return file;
}

/** `date` output in UTC, as `while true; do date; ss …; done` prints it: `Mon Nov 23 20:24:53 UTC 2026`. */
function dateLine(ms) {
  const d = new Date(ms);
  const [wd, day, mon, year, time] = d.toUTCString().replace(',', '').split(' ');
  return `${wd} ${mon} ${day.replace(/^0/, ' ')} ${time} UTC ${year}`;
}

/**
 * Repeats the real capture `fixture` (its header and connection rows) as snapshots, each after a `date`
 * line one second later, until `count` connection rows are written. With `persist` = K, every K snapshots
 * the rows are mutated afresh (new ephemeral ports and peers), so the file holds about count / K distinct
 * connections instead of the capture's own; without it every snapshot shows the same connections.
 */
export function generateSnapshots(file, fixture, count, persist = Infinity) {
  const lines = readFileSync(fixture, 'utf8').split('\n');
  const rows = lines.filter((l) => SS_ROW.test(l));
  const header = lines.find((l) => l.startsWith('State'));
  if (rows.length === 0 || header === undefined) throw new Error(`${fixture}: no ss header and rows`);
  const t0 = Date.UTC(2026, 10, 23, 20, 24, 53);
  writeLines(file, (emit) => {
    let current = rows;
    for (let written = 0, snap = 0; written < count; snap++) {
      if (Number.isFinite(persist) && snap > 0 && snap % persist === 0) {
        const rand = rng(42 + snap / persist);
        current = rows.map((r) => mutate(r, rand));
      }
      emit(dateLine(t0 + snap * 1000));
      emit(header);
      for (let i = 0; i < current.length && written < count; i++, written++) emit(current[i]);
    }
  });
  return file;
}
