// Node (benchmark, not a test): `npm run bench:editor` — the editor's DocumentIndex on a 1M-line log built from real captures.
// Bundles the same pure indexer the extension ships (core/document/lineIndexBuilder.ts and friends, no vscode import)
// with esbuild, generates a `while true; do date; ss -tanpo; done`-style capture (ss and netstat snapshots from
// test/fixtures/linux, ephemeral ports varied per snapshot so connections are many and distinct), then reports:
// total index time, slice durations (max, p99: the longest the extension host would be blocked), index memory,
// hover lookup time and the work to decorate a 60-line visible range. `--lines N` changes the size.
/* global performance, setInterval, clearInterval */
import * as esbuild from 'esbuild';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const outDir = join(root, 'bench', 'results');
const argv = process.argv.slice(2);
const LINES = argv.includes('--lines') ? Number(argv[argv.indexOf('--lines') + 1]) : 1_000_000;
mkdirSync(outDir, { recursive: true });

// 1. The shipped code, bundled for Node.
const entry = join(outDir, 'editorBenchEntry.ts');
writeFileSync(
  entry,
  [
    "export { buildLineIndex, arraySource } from '../../core/document/lineIndexBuilder';",
    "export { connectionAtLine } from '../../core/document/connectionAtLine';",
    "export { hoverMarkdown } from '../../core/text/hoverContent';",
    "export { inlineMeaning } from '../../core/text/inlineMeaning';",
  ].join('\n'),
);
const bundle = join(outDir, 'editorCore.mjs');
await esbuild.build({
  entryPoints: [entry],
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  outfile: bundle,
  logLevel: 'warning',
});
const core = await import(pathToFileURL(bundle).href);

// 2. A time series from the real captures.
const capture = (name) =>
  readFileSync(join(root, 'test', 'fixtures', 'linux', name), 'utf8')
    .replace(/\s+$/, '')
    .split('\n');
const blocks = [capture('ss-tanpo.txt'), capture('netstat-tanpo.txt')];
const lines = [];
const t0 = Date.UTC(2026, 10, 23, 20, 0, 0);
for (let snap = 0; lines.length < LINES; snap++) {
  lines.push(new Date(t0 + snap * 1000).toUTCString());
  for (const row of blocks[snap % blocks.length]) {
    lines.push(
      row.replace(/:(\d{5})\b/g, (m, p) =>
        Number(p) >= 32768 ? `:${32768 + ((Number(p) + snap * 7) % 28000)}` : m,
      ),
    );
  }
}
lines.length = LINES;
const source = core.arraySource(lines);

// 3. Index it in slices, as the extension host does.
globalThis.gc?.();
const heapBefore = process.memoryUsage();
const slices = [];
let maxGap = 0;
let last = performance.now();
const ticker = setInterval(() => {
  const now = performance.now();
  maxGap = Math.max(maxGap, now - last);
  last = now;
}, 1);
const started = performance.now();
const index = await core.buildLineIndex(source, {
  scheduler: { now: () => performance.now(), yieldToEventLoop: () => new Promise((r) => setImmediate(r)) },
  onSlice: (ms) => slices.push(ms),
});
const total = performance.now() - started;
clearInterval(ticker);
globalThis.gc?.();
const heapAfter = process.memoryUsage();
const mb = (b) => (b / 1024 / 1024).toFixed(1);
const sorted = [...slices].sort((a, b) => a - b);
const p99 = sorted[Math.floor(sorted.length * 0.99)];

// 4. Hovers at random connection lines, answered from the index (as the hover provider does).
const connLines = [];
for (let l = 1; l <= index.lineCount && connLines.length < 200_000; l += 1)
  if (index.stateAt(l) !== undefined) connLines.push(l);
const pick = (i) => connLines[(i * 7919) % connLines.length];
const hoverTimes = [];
for (let i = 0; i < 200; i++) {
  const line = pick(i);
  const h0 = performance.now();
  const view = core.connectionAtLine(index, line, 'en');
  core.hoverMarkdown({ view, rawState: view.entry.state, uri: 'file:///bench.log', lang: 'en' });
  hoverTimes.push(performance.now() - h0);
}

// 5. Decorations of a 60-line visible range: spans plus inline meanings.
const decoTimes = [];
for (let i = 0; i < 200; i++) {
  const first = 1 + ((i * 104729) % (index.lineCount - 60));
  const d0 = performance.now();
  for (const span of index.spansIn(first, first + 59))
    core.inlineMeaning(index.entryAt(span.line), 'detailed', 'en');
  decoTimes.push(performance.now() - d0);
}
const avg = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;
const fmt = (x) => x.toFixed(2);

const report = {
  lines: LINES,
  records: index.recordCount,
  snapshots: index.facts.snapshots.length,
  findings: index.facts.findings.length,
  indexMs: Math.round(total),
  slices: slices.length,
  maxSliceMs: Number(fmt(sorted[sorted.length - 1])),
  p99SliceMs: Number(fmt(p99)),
  maxEventLoopGapMs: Number(fmt(maxGap)),
  indexHeapMB: Number(
    mb(heapAfter.heapUsed + heapAfter.arrayBuffers - heapBefore.heapUsed - heapBefore.arrayBuffers),
  ),
  hoverAvgMs: Number(fmt(avg(hoverTimes))),
  hoverMaxMs: Number(fmt(Math.max(...hoverTimes))),
  decorate60AvgMs: Number(fmt(avg(decoTimes))),
  decorate60MaxMs: Number(fmt(Math.max(...decoTimes))),
  gcExposed: typeof globalThis.gc === 'function',
};
console.log(
  `editor index on ${LINES.toLocaleString('en')} lines (${report.records.toLocaleString('en')} connections, ${report.snapshots} snapshots)`,
);
console.log(`  index total       ${report.indexMs} ms in ${report.slices} slices`);
console.log(
  `  slice max / p99   ${report.maxSliceMs} / ${report.p99SliceMs} ms   (event-loop gap max ${report.maxEventLoopGapMs} ms)`,
);
console.log(
  `  index memory      ${report.indexHeapMB} MB${report.gcExposed ? '' : ' (run with --expose-gc for an exact figure)'}`,
);
console.log(`  hover             ${report.hoverAvgMs} ms avg, ${report.hoverMaxMs} ms max`);
console.log(`  decorate 60 lines ${report.decorate60AvgMs} ms avg, ${report.decorate60MaxMs} ms max`);
writeFileSync(join(outDir, 'editorBench.json'), JSON.stringify(report, null, 2) + '\n');
