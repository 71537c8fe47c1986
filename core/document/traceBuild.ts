// Pure (extension host, bench, unit tests): a document's packet trace made ready for the editor in time-boxed
// slices — reconstruction, packet clock, problems — so a 100k-packet trace never blocks the host for long.
import { TraceReconstruction } from '../trace/reconstruct';
import { PacketClock } from '../trace/traceTiming';
import type { Scheduler } from './lineIndexBuilder';
import { connectionFindings, type TraceFinding } from './traceFindings';
import { TraceIndex, type TraceCollector } from './traceIndex';

/** A finished trace and its problems. */
export interface BuiltTrace {
  readonly index: TraceIndex;
  readonly findings: readonly TraceFinding[];
}

export interface TraceBuildOptions {
  readonly scheduler: Scheduler;
  readonly sliceMs?: number;
  readonly isCancelled?: () => boolean;
  readonly onSlice?: (ms: number) => void;
}

const CLOCK_CHUNK = 2048;

/** Reconstructs in slices of `sliceMs` (default 4 ms), yielding between them; undefined when cancelled or empty. */
export async function buildTraceIndex(
  collector: TraceCollector,
  options: TraceBuildOptions,
): Promise<BuiltTrace | undefined> {
  const packets = collector.packets;
  if (packets.length === 0) return undefined;
  const { now, yieldToEventLoop } = options.scheduler;
  // Half the table build's budget: a replay allocates, and the collector's pauses land inside the slice.
  const budget = options.sliceMs ?? 4;
  /** Runs `work` (true when finished) in slices; false when cancelled. */
  const sliced = async (work: (started: number) => boolean): Promise<boolean> => {
    for (;;) {
      if (options.isCancelled?.()) return false;
      const t0 = now();
      const finished = work(t0);
      options.onSlice?.(now() - t0);
      await yieldToEventLoop();
      if (finished) return true;
    }
  };
  const r = new TraceReconstruction(packets, now);
  if (!(await sliced(() => r.step(budget)))) return undefined;
  const clock = new PacketClock(packets.length);
  let next = 0;
  const clocked = await sliced((t0) => {
    while (next < packets.length) {
      const end = Math.min(packets.length, next + CLOCK_CHUNK);
      for (; next < end; next++) clock.add(packets[next].time);
      if (now() - t0 >= budget) break;
    }
    return next >= packets.length;
  });
  if (!clocked) return undefined;
  const index = new TraceIndex(r.result(), clock.result());
  const findings: TraceFinding[] = [];
  let conn = 0;
  const found = await sliced((t0) => {
    const all = index.connections;
    while (conn < all.length) {
      findings.push(...connectionFindings(index, all[conn++]));
      if (now() - t0 >= budget) break;
    }
    return conn >= all.length;
  });
  if (!found) return undefined;
  findings.sort((a, b) => a.line - b.line);
  return { index, findings };
}
