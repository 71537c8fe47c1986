// Node (benchmark helper): what bench:editor and bench:trace share — bundling the shipped pure code, the extension
// host's scheduler, an event-loop gap watch, heap deltas and slice statistics.
/* global performance, setInterval, clearInterval */
import * as esbuild from 'esbuild';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const root = fileURLToPath(new URL('..', import.meta.url));
export const outDir = join(root, 'bench', 'results');

/** Bundles `exports` (lines of `export … from '../../core/…'`) for Node and imports the bundle. */
export async function bundleCore(name, exports) {
  mkdirSync(outDir, { recursive: true });
  const entry = join(outDir, `${name}Entry.ts`);
  writeFileSync(entry, exports.join('\n'));
  const bundle = join(outDir, `${name}Core.mjs`);
  await esbuild.build({
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile: bundle,
    logLevel: 'warning',
  });
  return import(pathToFileURL(bundle).href);
}

/** The extension host's scheduler (extension/editor/documentIndexService.ts): performance.now and setImmediate. */
export const hostScheduler = {
  now: () => performance.now(),
  yieldToEventLoop: () => new Promise((resolve) => setImmediate(resolve)),
};

/** Watches the event loop with a 1 ms interval; stop() resolves to the longest gap seen, in ms. */
export function watchEventLoop() {
  let maxGap = 0;
  let last = performance.now();
  const ticker = setInterval(() => {
    const now = performance.now();
    maxGap = Math.max(maxGap, now - last);
    last = now;
  }, 1);
  return {
    /** Lets one more tick run (so the gap after the last slice counts), then stops. */
    async stop() {
      await new Promise((resolve) => setTimeout(resolve, 2));
      clearInterval(ticker);
      return Number(maxGap.toFixed(2));
    },
  };
}

/**
 * Heap plus array buffers after full GCs (exact with --expose-gc), in bytes. Freed array buffers are released
 * after the collection that finds them, so it collects until two readings agree.
 */
export async function heapNow() {
  let previous = -1;
  for (let i = 0; i < 6; i++) {
    globalThis.gc?.();
    await new Promise((resolve) => setTimeout(resolve, 20));
    const m = process.memoryUsage();
    const now = m.heapUsed + m.arrayBuffers;
    if (Math.abs(now - previous) < 256 * 1024) return now;
    previous = now;
  }
  return previous;
}

export const megabytes = (bytes) => Number((bytes / 1048576).toFixed(1));

/** max, p99, median and the five longest of a list of slice durations (ms). */
export function sliceStats(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const at = (q) => Number(s[Math.min(s.length - 1, Math.floor(s.length * q))].toFixed(2));
  return {
    count: s.length,
    max: Number(s[s.length - 1].toFixed(2)),
    p99: at(0.99),
    p50: at(0.5),
    longest: s
      .slice(-5)
      .reverse()
      .map((x) => Number(x.toFixed(1))),
  };
}

/** Runs f(i) n times; the durations in ms. */
export function timed(n, f) {
  const ts = [];
  for (let i = 0; i < n; i++) {
    const s = performance.now();
    f(i);
    ts.push(performance.now() - s);
  }
  return ts;
}

export const average = (xs) => Number((xs.reduce((a, b) => a + b, 0) / xs.length).toFixed(3));
