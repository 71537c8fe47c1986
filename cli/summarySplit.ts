// Node (CLI): `summary` of a large regular file on two threads — the second half of the bytes parsed in a
// worker_threads Worker (the same script, started with a part request), then merged so the output is the same
// byte for byte as one thread's.
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { createRequire } from 'node:module';
import { parentPort, Worker, workerData } from 'node:worker_threads';
import { DiagnosisCollector, type DiagnosisOptions } from '../core/analysis/diagnosis';
import type { DiagnosisPart } from '../core/analysis/diagnosisCollector';
import { LogParser, type ParserPart, type SplitState } from '../core/parse/logParser';
import { SummaryBuilder, type SummaryPart } from '../core/analysis/summary';
import { SsSummaryRows } from '../core/analysis/ssSummaryRows';
import { drainSummary, splitsOnLf, type ByteRowHandler } from './summaryDrain';
import {
  drainRange,
  drainSequential,
  LineSplitter,
  readLineRanges,
  sniffEncoding,
  type RangeHandler,
} from './lineReader';
import { TraceCollector } from './traceOutput';

/*
 * How: the main thread cuts the file at the first line start at or after the middle and starts a Worker
 * on [cut, EOF). The worker cannot know the parser's state at the cut, so it assumes what the head of the
 * file suggests — the netstat columns the first 64 KiB leave, a snapshot open with rows in it, no pending
 * `ss -i` / Windows `-b` continuation — and its records of that open snapshot count as "snapshot 0", its
 * line numbers from 1. Meanwhile the main thread parses [0, cut) and then compares its real state with the
 * worker's assumption: equal, the worker's counts, groups, snapshots and kernel events are merged with the
 * snapshot indices and line numbers shifted (LogParser.adopt, SummaryBuilder.merge, DiagnosisCollector.merge,
 * each keeping first-seen order); different (a cut right after a header, inside an `ss -i` block, a file
 * switching dialects…) or the worker failed, the main thread parses [cut, EOF) itself, as one thread would.
 */

/** Below this size a second thread costs more (Worker start, ~30–50 ms) than it saves. */
export const SPLIT_MIN_BYTES = 16 << 20;
const HEAD_BYTES = 1 << 16;
const PART_KIND = 'tcp-states summary part';

export interface PartRequest {
  readonly kind: typeof PART_KIND;
  readonly file: string;
  /** First byte of the part: a line start. */
  readonly start: number;
  readonly options: DiagnosisOptions;
}

export interface PartResult {
  readonly assumed: SplitState;
  readonly summary: SummaryPart;
  readonly diagnosis: DiagnosisPart;
  readonly parser: ParserPart;
  /** The part held packet lines: the trace must then be read in order on the main thread. */
  readonly tracePackets: boolean;
}

/** Parser, counts and diagnosis of one input, fed by `range`. */
export class SummaryState {
  readonly parser = new LogParser();
  readonly builder = new SummaryBuilder();
  readonly collector: DiagnosisCollector;
  /** Packet lines (tcpdump, tshark) among the table rows. */
  readonly trace = new TraceCollector();
  /** A line's bytes folded in without a record (plain ss rows); false when `range` must read it. */
  readonly bytes: ByteRowHandler;
  readonly range: RangeHandler;

  constructor(options: DiagnosisOptions) {
    this.collector = new DiagnosisCollector(options);
    const { parser, builder, collector, trace } = this;
    const rows = new SsSummaryRows(parser, builder, collector, (b, s, e) =>
      Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('utf8', s, e),
    );
    this.bytes = (b, s, e, n) => rows.row(b, s, e, n);
    // The general path: parse, count, diagnose; nothing is kept per line but packet lines.
    const general: RangeHandler = (text, bytes, start, end, n): void => {
      const r = parser.parseRange(text, bytes, start, end, n);
      if (r !== undefined) {
        builder.add(r);
        collector.add(r);
      } else trace.range(text, start, end, n);
    };
    this.general = general;
    this.range = (text, bytes, start, end, n): void => {
      if (bytes === undefined || !rows.row(bytes, start, end, n)) general(text, bytes, start, end, n);
    };
  }

  readonly general: RangeHandler;

  /** Reads the bytes [start, end) of `fd` (see drainSummary), lines numbered after `firstLine`; returns the count. */
  drain(fd: number, start: number, end: number, firstLine: number): number {
    return drainSummary(fd, start, end, firstLine, this.bytes, this.general);
  }
}

export function isPartRequest(data: unknown): data is PartRequest {
  return data !== null && typeof data === 'object' && 'kind' in data && data.kind === PART_KIND;
}

/** The state the head of the file (its first 64 KiB of whole lines) leaves, with a snapshot open. */
function guessState(fd: number, start: number): SplitState {
  const parser = new LogParser();
  const splitter = new LineSplitter(
    (text, bytes, s, e, n) => void parser.parseRange(text, bytes, s, e, n),
    true,
  );
  // No finish(): a line cut by the 64 KiB limit is not parsed (settle() decides the encoding of a shorter head).
  drainRange(fd, splitter, 0, Math.min(start, HEAD_BYTES));
  splitter.settle();
  return { netstatColumns: parser.splitState(0, false).netstatColumns, open: true, pending: false };
}

/** Parses [start, EOF) of the file as the second part of the input (what the worker does). */
export function summarizePart(req: PartRequest): PartResult {
  const fd = openSync(req.file, 'r');
  try {
    const assumed = guessState(fd, req.start);
    const s = new SummaryState(req.options);
    s.parser.assume(assumed);
    s.collector.continueSnapshot();
    s.drain(fd, req.start, -1, 0);
    return {
      assumed,
      summary: s.builder.part(),
      diagnosis: s.collector.part(),
      parser: { snapshots: s.parser.snapshots, kernelEvents: s.parser.kernelEvents },
      tracePackets: !s.trace.empty,
    };
  } finally {
    closeSync(fd);
  }
}

/** The worker's side: parse the part named in workerData and post the result (the port counts transferred). */
export function runPartWorker(): void {
  const result = summarizePart(workerData as PartRequest);
  parentPort?.postMessage(result, [result.summary.portCounts.buffer as ArrayBuffer]);
}

/** A second part being parsed: its result (undefined when it failed), and a way to stop it. */
export interface RunningPart {
  readonly result: Promise<PartResult | undefined>;
  readonly cancel: () => void;
}

/** Runs summarizePart in a Worker started from `script` (an entry that calls runPartWorker for a part request). */
export function partInWorker(script: string): (req: PartRequest) => RunningPart {
  return (req) => {
    // Run from the TypeScript sources (tests, `node --import tsx`), a Worker does not get tsx's loader: load it first.
    const worker = script.endsWith('.ts')
      ? new Worker(
          `require(${JSON.stringify(createRequire(script).resolve('tsx/cjs'))}); require(${JSON.stringify(script)});`,
          { eval: true, workerData: req },
        )
      : new Worker(script, { workerData: req });
    const result = new Promise<PartResult | undefined>((resolve) => {
      worker.once('message', (m: PartResult) => resolve(m));
      worker.once('error', () => resolve(undefined));
      worker.once('exit', () => resolve(undefined));
    });
    return { result, cancel: () => void worker.terminate() };
  };
}

/** True when the file at `fd` starts as UTF-16 text (read by offset: the position stays at 0). */
function isUtf16(fd: number): boolean {
  const head = Buffer.alloc(1024);
  return sniffEncoding(head.subarray(0, readSync(fd, head, 0, head.length, 0))) !== 'utf8';
}

/** The offset just after the first '\n' at or after `at - 1` (so `at` itself when a line starts there); -1 when none. */
function lineStartFrom(fd: number, at: number): number {
  const buf = Buffer.allocUnsafe(1 << 16);
  let pos = Math.max(0, at - 1);
  for (;;) {
    const n = readSync(fd, buf, 0, buf.length, pos);
    if (n === 0) return -1;
    const nl = buf.subarray(0, n).indexOf(10);
    if (nl >= 0) return pos + nl + 1;
    pos += n;
  }
}

export interface SplitConfig {
  readonly threads: number;
  /** Starts the second part (a Worker in the CLI; tests run it in-process). Without it, one thread. */
  readonly runPart?: (req: PartRequest) => RunningPart;
  /** Files smaller than this are read on one thread (default SPLIT_MIN_BYTES). */
  readonly minBytes?: number;
  /** Where to cut (the next line start at or after it); default the middle. */
  readonly splitAt?: number;
}

/** How an input was read: on one thread, on two, or on two given up (the rest parsed on the main thread). */
export type ReadMode = 'one' | 'split' | 'fallback';

/**
 * Feeds the input `file` into `state`, as readLineRanges(file, state.range) would, on two threads when the
 * input is a regular file of at least `minBytes` and `threads` ≥ 2 (stdin and small files: one thread).
 */
export async function readSummaryInput(
  file: string,
  state: SummaryState,
  options: DiagnosisOptions,
  config: SplitConfig,
  stdin: NodeJS.ReadableStream,
): Promise<ReadMode> {
  if (file === '-') {
    await readLineRanges(file, state.range, stdin);
    return 'one';
  }
  const fd = openSync(file, 'r');
  try {
    const st = fstatSync(fd);
    if (!st.isFile() || isUtf16(fd) || !splitsOnLf(fd)) {
      // A FIFO, `<(…)` or /dev/stdin on a pipe: no offsets to cut at; UTF-16: byte offsets are not line starts
      // of the decoded text. Read it in order on this thread.
      const splitter = new LineSplitter(state.range, true);
      await drainSequential(fd, splitter);
      splitter.finish();
      return 'one';
    }
    const cut =
      config.threads >= 2 && config.runPart !== undefined && st.size >= (config.minBytes ?? SPLIT_MIN_BYTES)
        ? lineStartFrom(fd, config.splitAt ?? Math.floor(st.size / 2))
        : -1;
    if (cut <= 0 || cut >= st.size || config.runPart === undefined) {
      state.drain(fd, 0, -1, 0);
      return 'one';
    }
    const part = config.runPart({ kind: PART_KIND, file, start: cut, options });
    const lines = state.drain(fd, 0, cut, 0);
    const next = Buffer.alloc(1);
    readSync(fd, next, 0, 1, cut);
    const real = state.parser.splitState(lines + 1, next[0] === 32 || next[0] === 9);
    // The worker's guess is a pure function of the file's head: known here without waiting for it.
    const assumed = guessState(fd, cut);
    // A trace is replayed from its packets in order (a `tcpdump -v` packet may even straddle the cut): with packet
    // lines in either part, the rest is read here.
    const usable =
      real.open && !real.pending && real.netstatColumns === assumed.netstatColumns && state.trace.empty;
    if (!usable) part.cancel();
    const result = usable ? await part.result : undefined;
    if (
      result !== undefined &&
      !result.tracePackets &&
      result.assumed.netstatColumns === real.netstatColumns
    ) {
      const shift = state.parser.snapshots.length - 1;
      state.builder.merge(result.summary, shift, lines);
      state.collector.merge(result.diagnosis, shift, lines);
      state.parser.adopt(result.parser, lines);
      return 'split';
    }
    // The worker assumed wrong (or failed): parse the rest here, exactly as one thread would have.
    state.drain(fd, cut, -1, lines);
    return 'fallback';
  } finally {
    closeSync(fd);
  }
}
