// Node (benchmark, not a test): `npm run bench:trace` — the editor's trace index on a 100k-packet tcpdump trace built
// from the real traces. Bundles the shipped pure code (core/document/traceIndex.ts and friends) with esbuild,
// repeats the packet lines of test/fixtures/traces/*.nn.txt with the client ports varied per copy (so connections
// are many and distinct), then reports: the table build with packet collection and the reconstruction, both in
// slices (max, p99: the longest the extension host would be blocked), memory, and the work per hover, per
// selection and per 60-line visible range. `--packets N` changes the size.
/* global performance */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  average,
  bundleCore,
  heapNow,
  hostScheduler as scheduler,
  megabytes,
  outDir,
  root,
  sliceStats,
  timed,
  watchEventLoop,
} from './slices.mjs';

const argv = process.argv.slice(2);
const PACKETS = argv.includes('--packets') ? Number(argv[argv.indexOf('--packets') + 1]) : 100_000;

const core = await bundleCore('traceBench', [
  "export { buildLineIndex, arraySource } from '../../core/document/lineIndexBuilder';",
  "export { TraceCollector } from '../../core/document/traceIndex';",
  "export { buildTraceIndex } from '../../core/document/traceBuild';",
  "export { traceSelection } from '../../core/document/traceSelection';",
  "export { traceHoverMarkdown } from '../../core/text/traceHover';",
  "export { packetInline, connectionLensTitle } from '../../core/text/traceText';",
]);

// A long trace from the real ones: every scenario's packet lines, copy after copy, client ports moved per copy.
const dir = join(root, 'test', 'fixtures', 'traces');
const scenarios = readdirSync(dir)
  .filter((f) => f.endsWith('-v4.nn.txt'))
  .sort()
  .map((f) =>
    readFileSync(join(dir, f), 'utf8')
      .split('\n')
      .filter((l) => l.includes('Flags [')),
  );
const lines = ['reading from file bench.pcap, link-type EN10MB (Ethernet), snapshot length 262144'];
for (let copy = 0; lines.length <= PACKETS; copy++) {
  for (const s of scenarios)
    for (const row of s)
      lines.push(
        row.replace(/\.(\d{5})\b/g, (m, p) =>
          Number(p) >= 32768 ? `.${32768 + ((Number(p) + copy * 7) % 28000)}` : m,
        ),
      );
}
lines.length = PACKETS + 1;
const source = core.arraySource(lines);

const heapBefore = await heapNow();
const loop = watchEventLoop();
const tableSlices = [];
const traceSlices = [];
const collector = new core.TraceCollector();
const t0 = performance.now();
await core.buildLineIndex(source, { scheduler, unparsed: collector, onSlice: (ms) => tableSlices.push(ms) });
const t1 = performance.now();
const built = await core.buildTraceIndex(collector, { scheduler, onSlice: (ms) => traceSlices.push(ms) });
const trace = built.index;
const t2 = performance.now();
const maxGap = await loop.stop();
const heapAfter = await heapNow();

const pick = (i) => trace.trace.packets[(i * 7919) % trace.packetCount].packet.line;
const hover = timed(200, (i) => {
  const at = trace.packetAt(pick(i));
  core.traceHoverMarkdown({ index: trace, at, uri: 'file:///bench.txt', lang: 'en' });
});
const selection = timed(200, (i) => core.traceSelection(trace, trace.packetAt(pick(i)), 'en'));
const decorate = timed(200, (i) => {
  const first = 1 + ((i * 104729) % (lines.length - 60));
  for (const p of trace.packetsIn(first, first + 59))
    core.packetInline(trace, trace.packetAt(p.packet.line), 'detailed', 'en');
});
const findings = built.findings;
const l0 = performance.now();
for (const c of trace.connections.slice(0, 2000)) core.connectionLensTitle(trace, c, 'en');
const lensMs = performance.now() - l0;

const report = {
  packets: trace.packetCount,
  connections: trace.connections.length,
  tableBuildMs: Math.round(t1 - t0),
  tableSlices: sliceStats(tableSlices),
  reconstructMs: Math.round(t2 - t1),
  reconstructSlices: sliceStats(traceSlices),
  maxEventLoopGapMs: maxGap,
  heapMB: megabytes(heapAfter - heapBefore),
  hoverAvgMs: average(hover),
  selectionAvgMs: average(selection),
  decorate60AvgMs: average(decorate),
  findings: findings.length,
  lenses2000Ms: Math.round(lensMs),
  gcExposed: typeof globalThis.gc === 'function',
};
console.log(
  `editor trace index on ${report.packets.toLocaleString('en')} packets (${report.connections} connections)`,
);
console.log(
  `  table build + collection ${report.tableBuildMs} ms in ${report.tableSlices.count} slices (max ${report.tableSlices.max} ms, p99 ${report.tableSlices.p99} ms)`,
);
console.log(
  `  reconstruction           ${report.reconstructMs} ms in ${report.reconstructSlices.count} slices (max ${report.reconstructSlices.max} ms, p99 ${report.reconstructSlices.p99} ms, median ${report.reconstructSlices.p50} ms)`,
);
console.log(`  event-loop gap max       ${report.maxEventLoopGapMs} ms`);
console.log(
  `  memory                   ${report.heapMB} MB${report.gcExposed ? '' : ' (run with --expose-gc)'}`,
);
console.log(
  `  hover ${report.hoverAvgMs} ms, selection ${report.selectionAvgMs} ms, decorate 60 lines ${report.decorate60AvgMs} ms (avg)`,
);
console.log(
  `  problems ${report.findings} (found during the build), 2000 lens titles in ${report.lenses2000Ms} ms`,
);
writeFileSync(join(outDir, 'traceEditorBench.json'), JSON.stringify(report, null, 2) + '\n');
