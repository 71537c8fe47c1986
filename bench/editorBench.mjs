// Node (benchmark, not a test): `npm run bench:editor` — the editor's DocumentIndex on a 1M-line log built from real captures.
// Bundles the same pure indexer the extension ships (core/document/lineIndexBuilder.ts and friends, no vscode import)
// with esbuild, generates a `while true; do date; ss -tanpo; done`-style capture (ss and netstat snapshots from
// test/fixtures/linux, ephemeral ports varied per snapshot so connections are many and distinct), then reports:
// the visible range indexed first (what the extension host does while the whole index builds), total index time,
// slice durations (max, p99: the longest the extension host would be blocked), index memory, hover lookup time and
// the work to decorate a 60-line visible range. `--lines N` changes the size.
/* global performance */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  average,
  bundleCore,
  heapNow,
  hostScheduler,
  megabytes,
  outDir,
  root,
  sliceStats,
  timed,
  watchEventLoop,
} from './slices.mjs';

const argv = process.argv.slice(2);
const LINES = argv.includes('--lines') ? Number(argv[argv.indexOf('--lines') + 1]) : 1_000_000;

// 1. The shipped code, bundled for Node.
const core = await bundleCore('editorBench', [
  "export { buildLineIndex, buildRangeIndex, arraySource } from '../../core/document/lineIndexBuilder';",
  "export { connectionAtLine } from '../../core/document/connectionAtLine';",
  "export { hoverMarkdown } from '../../core/text/hoverContent';",
  "export { inlineMeaning } from '../../core/text/inlineMeaning';",
]);

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

// The visible range first, as the extension host previews it when an editor shows the document while its index
// builds (documentIndexService.ts: the visible lines and 40 either side), at the middle of the file; cold, as on
// opening (timed again warm below).
const visibleAt = Math.floor(LINES / 2);
const preview = (at) => core.buildRangeIndex(source, at - 40, at + 60 + 40);
const firstPreviewMs = Number(timed(1, () => preview(visibleAt))[0].toFixed(2));

// 3. Index it in slices, as the extension host does.
const heapBefore = await heapNow();
const slices = [];
const loop = watchEventLoop();
const started = performance.now();
const index = await core.buildLineIndex(source, {
  scheduler: hostScheduler,
  onSlice: (ms) => slices.push(ms),
});
const total = performance.now() - started;
const maxGap = await loop.stop();
const heapAfter = await heapNow();
const sliced = sliceStats(slices);

// 4. The visible range again, warm: the median of 20 ranges a thousand lines apart.
const previewTimes = timed(20, (i) => preview(visibleAt + (i + 1) * 1000));
const previewMs = Number([...previewTimes].sort((a, b) => a - b)[10].toFixed(2));

// 5. Hovers at random connection lines, answered from the index (as the hover provider does).
const connLines = [];
for (let l = 1; l <= index.lineCount && connLines.length < 200_000; l += 1)
  if (index.stateAt(l) !== undefined) connLines.push(l);
const pick = (i) => connLines[(i * 7919) % connLines.length];
const hoverTimes = timed(200, (i) => {
  const view = core.connectionAtLine(index, pick(i), 'en');
  core.hoverMarkdown({ view, rawState: view.entry.state, uri: 'file:///bench.log', lang: 'en' });
});

// 6. Decorations of a 60-line visible range: spans plus inline meanings.
const decoTimes = timed(200, (i) => {
  const first = 1 + ((i * 104729) % (index.lineCount - 60));
  for (const span of index.spansIn(first, first + 59))
    core.inlineMeaning(index.entryAt(span.line), 'detailed', 'en');
});

const report = {
  lines: LINES,
  records: index.recordCount,
  snapshots: index.facts.snapshots.length,
  findings: index.facts.findings.length,
  visibleFirstMs: previewMs,
  visibleFirstColdMs: firstPreviewMs,
  indexMs: Math.round(total),
  slices: sliced.count,
  maxSliceMs: sliced.max,
  p99SliceMs: sliced.p99,
  longestSlicesMs: sliced.longest,
  lastSliceMs: Number(slices[slices.length - 1].toFixed(2)),
  maxEventLoopGapMs: maxGap,
  indexHeapMB: megabytes(heapAfter - heapBefore),
  hoverAvgMs: average(hoverTimes),
  hoverMaxMs: Number(Math.max(...hoverTimes).toFixed(2)),
  decorate60AvgMs: average(decoTimes),
  decorate60MaxMs: Number(Math.max(...decoTimes).toFixed(2)),
  gcExposed: typeof globalThis.gc === 'function',
};
console.log(
  `editor index on ${LINES.toLocaleString('en')} lines (${report.records.toLocaleString('en')} connections, ${report.snapshots} snapshots)`,
);
console.log(
  `  visible range     ${report.visibleFirstColdMs} ms cold (the first, as on opening), ${report.visibleFirstMs} ms median of 20 more: 140 lines at line ${visibleAt.toLocaleString('en')}, before the whole index`,
);
console.log(`  index total       ${report.indexMs} ms in ${report.slices} slices`);
console.log(
  `  slice max / p99   ${report.maxSliceMs} / ${report.p99SliceMs} ms   (longest ${report.longestSlicesMs.join(', ')}; the finishing slice ${report.lastSliceMs} ms; event-loop gap max ${report.maxEventLoopGapMs} ms)`,
);
console.log(
  `  index memory      ${report.indexHeapMB} MB${report.gcExposed ? '' : ' (run with --expose-gc for an exact figure)'}`,
);
console.log(`  hover             ${report.hoverAvgMs} ms avg, ${report.hoverMaxMs} ms max`);
console.log(`  decorate 60 lines ${report.decorate60AvgMs} ms avg, ${report.decorate60MaxMs} ms max`);
writeFileSync(join(outDir, 'editorBench.json'), JSON.stringify(report, null, 2) + '\n');
