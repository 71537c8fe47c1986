// Pure (extension host, bench, unit tests): builds a LineIndex in time-boxed slices so a 1M-line log never blocks the host.
import { DEFAULT_DIAGNOSIS_OPTIONS, DiagnosisCollector, type DiagnosisOptions } from '../analysis/diagnosis';
import { isListenerRecord } from '../analysis/history';
import { LogParser } from '../parse/logParser';
import { SummaryBuilder, type StateCounts } from '../analysis/summary';
import type { ConnectionRecord } from '../parse/types';
import { processLabel } from '../parse/recordDraft';
import { utf8Encoder } from '../text/utf8Encoder';
import { TCP_STATES } from '../tcp/types';
import { ConnectionTable } from './connectionTable';
import { allocateColumns, FORMATS, LineIndex, type LineColumns } from './lineIndex';

/** Where the text comes from: a VS Code document in the host, an array of lines in the bench and tests. */
export interface LineSource {
  readonly lineCount: number;
  /** Text of a 0-based line, without its line break. */
  lineText(index: number): string;
}

/**
 * How a sliced build tells time and gives the thread back. The core knows no event loop: the runtime that drives
 * the build passes its own (the extension host: performance.now and setImmediate; see extension/editor).
 */
export interface Scheduler {
  /** A monotonic clock in milliseconds. */
  readonly now: () => number;
  /** Resolves after the runtime has run its pending work (timers, messages, input). */
  readonly yieldToEventLoop: () => Promise<void>;
}

/** Receives the lines no table parser recognised (the packet lines of a trace: see traceIndex.ts). */
export interface LineSink {
  line(text: string, line: number): void;
}

export interface BuildOptions {
  readonly scheduler: Scheduler;
  /** Offered every line that is not a connection-table row. */
  readonly unparsed?: LineSink;
  readonly diagnosis?: Partial<DiagnosisOptions>;
  /** Time budget of one slice; the builder yields to the event loop after it. */
  readonly sliceMs?: number;
  /** Polled between slices; a cancelled build resolves to undefined. */
  readonly isCancelled?: () => boolean;
  /** Called with each slice's duration in ms (the bench collects them). */
  readonly onSlice?: (ms: number) => void;
}

const MAX_U16 = 0xffff;
const CHECK_EVERY = 64;
/** Lines longer than this are parsed as text only. */
const LINE_BYTES = 4096;

function stateCode(state: ConnectionRecord['state'] | undefined): number {
  return state === undefined ? 0 : TCP_STATES.indexOf(state) + 1;
}

interface BuilderOptions {
  readonly diagnosis?: Partial<DiagnosisOptions>;
  readonly now?: () => number;
  readonly unparsed?: LineSink;
  /**
   * A range index (buildRangeIndex): the 0-based line to start at. It reads only that window of the document and
   * keeps no summary or diagnosis.
   */
  readonly rangeFrom?: number;
}

/** Folds a document line by line; `step()` does one slice, `result()` freezes it into a LineIndex. */
export class LineIndexBuilder {
  private next = 0;
  /** Column i holds line base + i. */
  private readonly base: number;
  private records = 0;
  private readonly parser = new LogParser();
  /** A Windows `netstat -b` row, held until the parser has attached its owner from the lines below it. */
  private held: ConnectionRecord | undefined;
  /** The current line's bytes, for the parser's byte-level rows (see parse). */
  private readonly bytes = new Uint8Array(LINE_BYTES);
  private readonly cols: LineColumns;
  /** Undefined for a range index, whose lines are all it is for. */
  private readonly summary: SummaryBuilder | undefined;
  private readonly diagnosis: DiagnosisCollector | undefined;
  private readonly connections: ConnectionTable;
  private readonly timerKinds: string[] = [];
  private readonly processIds = new Map<string, number>();
  /** name → pid → process id: most rows name a pid, and this builds no label string per row. */
  private readonly processByPid = new Map<string, Map<number, number>>();
  private readonly processes: string[] = [];
  private readonly listenPorts = new Set<string>();
  private readonly counts = new Uint32Array(TCP_STATES.length);
  private readonly snapshotCounts: Uint32Array[] = [];

  private readonly now: () => number;
  private readonly unparsed: LineSink | undefined;

  constructor(
    private readonly source: LineSource,
    options: BuilderOptions = {},
  ) {
    this.now = options.now ?? Date.now;
    this.unparsed = options.unparsed;
    const from = options.rangeFrom;
    this.next = this.base = Math.min(Math.max(0, from ?? 0), source.lineCount);
    this.cols = allocateColumns(source.lineCount - this.base);
    this.connections = new ConnectionTable(source.lineCount - this.base);
    if (from === undefined) {
      this.summary = new SummaryBuilder();
      this.diagnosis = new DiagnosisCollector({ ...DEFAULT_DIAGNOSIS_OPTIONS, ...options.diagnosis });
    }
  }

  get done(): boolean {
    return this.next >= this.source.lineCount;
  }

  /** Parses lines until `budgetMs` has passed (checked every few lines); returns true when the document is finished. */
  step(budgetMs: number): boolean {
    const started = this.now();
    const total = this.source.lineCount;
    while (this.next < total) {
      const end = Math.min(total, this.next + CHECK_EVERY);
      for (; this.next < end; this.next++) {
        const text = this.source.lineText(this.next);
        const r = this.parse(text, this.next + 1);
        // A Windows row is indexed once the parser no longer waits for lines naming its owner.
        const pending = this.parser.awaitingOwner;
        if (this.held !== undefined && this.held !== pending) {
          this.add(this.held);
          this.held = undefined;
        }
        if (r === undefined) this.unparsed?.line(text, this.next + 1);
        else if (r === pending) this.held = r;
        else this.add(r);
      }
      if (this.now() - started >= budgetMs) break;
    }
    return this.done;
  }

  /**
   * An ASCII line is handed to the parser with its bytes (encoded into one reused buffer), so a plain ss or
   * netstat row is read by the byte-level row scanner the CLI uses (core/parse/fastRows.ts) rather than
   * tokenised as a string: the same record (tested against parseLog on every capture), in about two thirds of
   * the time. Anything else (non-ASCII, very long) is parsed as text.
   */
  private parse(text: string, n: number): ConnectionRecord | undefined {
    const len = text.length;
    if (len > LINE_BYTES) return this.parser.parseLine(text, n);
    // All of it read, one byte per character: ASCII.
    const { read, written } = utf8Encoder.encodeInto(text, this.bytes);
    return read === len && written === len
      ? this.parser.parseRange(text, this.bytes, 0, len, n)
      : this.parser.parseLine(text, n);
  }

  private add(r: ConnectionRecord): void {
    const c = this.cols;
    const i = r.line - this.base; // the column of the record's line
    if (i < 1 || r.line > this.source.lineCount) return;
    this.records++;
    const code = stateCode(r.state);
    this.counts[code - 1]++;
    if (r.snapshot !== undefined) {
      while (this.snapshotCounts.length <= r.snapshot)
        this.snapshotCounts.push(new Uint32Array(TCP_STATES.length));
      this.snapshotCounts[r.snapshot][code - 1]++;
    }
    c.state[i] = code;
    c.from[i] = stateCode(r.from);
    c.start[i] = Math.min(r.stateStart, MAX_U16);
    c.end[i] = Math.min(r.stateEnd, MAX_U16);
    c.format[i] = Math.max(0, FORMATS.indexOf(r.format));
    c.conn[i] = this.connectionId(r) + 1;
    if (r.snapshot !== undefined) c.snapshot[i] = r.snapshot + 1;
    if (r.timer !== undefined) {
      let k = this.timerKinds.indexOf(r.timer.kind);
      if (k < 0) k = this.timerKinds.push(r.timer.kind) - 1;
      c.timerKind[i] = Math.min(k + 1, 0xff);
      c.timerSeconds[i] = r.timer.seconds ?? Number.NaN;
    }
    if (r.recvQ !== undefined) c.recvQ[i] = Math.min(r.recvQ, 0x7ffffffe) + 1;
    if (r.sendQ !== undefined) c.sendQ[i] = Math.min(r.sendQ, 0x7ffffffe) + 1;
    const p = r.processes[0];
    if (p !== undefined) c.process[i] = this.processOf(p) + 1;
    if (r.state === 'LISTEN' && r.local.port !== '*') this.listenPorts.add(r.local.port);
    this.summary?.add(r);
    this.diagnosis?.add(r);
  }

  /** connectionKey()'s identity (core/analysis/history.ts), interned as numbers. */
  private connectionId(r: ConnectionRecord): number {
    return this.connections.intern(r.local, r.remote, isListenerRecord(r));
  }

  private processOf(p: ConnectionRecord['processes'][number]): number {
    if (p.pid === undefined || p.name === '') return this.processId(processLabel(p));
    let byPid = this.processByPid.get(p.name);
    if (byPid === undefined) this.processByPid.set(p.name, (byPid = new Map<number, number>()));
    let id = byPid.get(p.pid);
    if (id === undefined) byPid.set(p.pid, (id = this.processId(`${p.name} (pid ${p.pid})`)));
    return id;
  }

  private processId(text: string): number {
    let id = this.processIds.get(text);
    if (id === undefined) {
      id = this.processes.push(text) - 1;
      this.processIds.set(text, id);
    }
    return id;
  }

  /** Freezes the index; the diagnosis is finished here, the full summary only when first asked for. */
  result(): LineIndex {
    if (this.held !== undefined) this.add(this.held);
    this.held = undefined;
    const diagnosis = this.diagnosis;
    if (diagnosis !== undefined) for (const e of this.parser.kernelEvents) diagnosis.addKernelEvent(e);
    const snapshots = [...this.parser.snapshots];
    this.connections.freeze();
    const summary = this.summary;
    const series = Math.max(snapshots.length, this.snapshotCounts.length) > 1;
    return new LineIndex(
      this.source.lineCount,
      // A document without connections keeps no columns: a big plain-text file costs nothing after the scan.
      this.records === 0 ? allocateColumns(0) : this.cols,
      { connections: this.connections, timerKinds: this.timerKinds, processes: this.processes },
      {
        findings: diagnosis === undefined ? [] : diagnosis.findings(),
        snapshots,
        records: this.records,
        listenPorts: [...this.listenPorts],
        counts: toCounts(this.counts),
        snapshotCounts: series ? this.snapshotCounts.map(toCounts) : [],
      },
      () => (summary ?? new SummaryBuilder()).result(snapshots),
      this.base,
    );
  }
}

function toCounts(c: Uint32Array): StateCounts {
  const out: StateCounts = {};
  for (let i = 0; i < c.length; i++) if (c[i] > 0) out[TCP_STATES[i]] = c[i];
  return out;
}

/** Indexes a whole document at once (unit tests, small inputs). */
export function buildLineIndexSync(
  source: LineSource,
  diagnosis: Partial<DiagnosisOptions> = {},
  unparsed?: LineSink,
): LineIndex {
  const b = new LineIndexBuilder(source, { diagnosis, unparsed });
  b.step(Number.POSITIVE_INFINITY);
  return b.result();
}

/** Indexes in slices of `sliceMs` (default 8 ms), yielding between them; undefined when cancelled. */
export async function buildLineIndex(
  source: LineSource,
  options: BuildOptions,
): Promise<LineIndex | undefined> {
  const { now, yieldToEventLoop } = options.scheduler;
  const b = new LineIndexBuilder(source, { diagnosis: options.diagnosis, now, unparsed: options.unparsed });
  const budget = options.sliceMs ?? 8;
  for (;;) {
    if (options.isCancelled?.()) return undefined;
    const t0 = now();
    const finished = b.step(budget);
    options.onSlice?.(now() - t0);
    await yieldToEventLoop();
    if (finished) break;
  }
  if (options.isCancelled?.()) return undefined;
  // Finishing (the diagnosis of the whole document) is a slice of its own.
  const t0 = now();
  const index = b.result();
  options.onSlice?.(now() - t0);
  return index;
}

/**
 * Lines read before a range index's first line, so that it starts under its table's header (netstat's columns)
 * and its snapshot's timestamp, as the whole-document index does, and sees some of each connection's past.
 */
const RANGE_LOOKBACK = 400;

/**
 * Indexes only lines [first, last] (1-based, inclusive) and up to RANGE_LOOKBACK lines above them: what the
 * visible range needs, at once, while the whole document is still being indexed in slices. The lines of the
 * range get the same state, columns, timer, queues and process as in the whole index; its counts, snapshot
 * numbers and each connection's past cover only the window, and it has no findings and an empty summary: it is
 * for the lines, not the totals (a document's totals come from its whole index only).
 */
export function buildRangeIndex(source: LineSource, first: number, last: number): LineIndex {
  const end = Math.min(source.lineCount, Math.max(first, last));
  const window: LineSource = { lineCount: end, lineText: (i) => source.lineText(i) };
  const b = new LineIndexBuilder(window, { rangeFrom: first - 1 - RANGE_LOOKBACK });
  b.step(Number.POSITIVE_INFINITY);
  return b.result();
}

/** A LineSource over an array of lines. */
export function arraySource(lines: readonly string[]): LineSource {
  return { lineCount: lines.length, lineText: (i) => lines[i] };
}

/** Splits text into lines the way VS Code does (CRLF, LF or CR). */
export function splitLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}
