// Pure (extension host, bench, unit tests): what one document holds, as typed columns indexed by line.
import type { Finding } from '../analysis/diagnosis';
import type { StateCounts, Summary } from '../analysis/summary';
import type { Endpoint, LogFormat, SnapshotInfo } from '../parse/types';
import { TCP_STATES, type TcpState } from '../tcp/types';

/** One connection (4-tuple as seen from this side), interned once however many lines show it. */
export interface IndexedConnection {
  readonly id: number;
  /** connectionKey() of its records. */
  readonly key: string;
  readonly local: Endpoint;
  readonly remote: Endpoint;
}

/** A socket timer as the line showed it. */
export interface IndexedTimer {
  readonly kind: string;
  readonly seconds?: number;
}

/** Everything the editor features need about one connection line, rebuilt from the columns on demand. */
export interface LineEntry {
  /** 1-based line. */
  readonly line: number;
  readonly state: TcpState;
  /** Previous state, for transition logs. */
  readonly from?: TcpState;
  /** [stateStart, stateEnd) of the state text in the line (0-based UTF-16 columns). */
  readonly stateStart: number;
  readonly stateEnd: number;
  readonly format: LogFormat;
  readonly connection: IndexedConnection;
  readonly snapshot?: number;
  readonly timer?: IndexedTimer;
  readonly recvQ?: number;
  readonly sendQ?: number;
  /** "nginx (pid 812)", when the tool named the owner. */
  readonly process?: string;
}

/** A state range to colour: what decorations need, nothing more. */
export interface StateSpan {
  readonly line: number;
  readonly state: TcpState;
  readonly start: number;
  readonly end: number;
}

export const FORMATS: readonly LogFormat[] = [
  'ss',
  'netstat',
  'bsd',
  'windows',
  'proc',
  'lsof',
  'conntrack',
  'tcpstates',
];

/** Column storage. Index 0 is unused so that a 1-based line number indexes every column directly. */
export interface LineColumns {
  /** 0 = not a connection line, else 1 + index in TCP_STATES. Same code for `from`. */
  readonly state: Uint8Array;
  readonly from: Uint8Array;
  readonly start: Uint16Array;
  readonly end: Uint16Array;
  readonly format: Uint8Array;
  /** 0 = none, else 1 + connection id. */
  readonly conn: Int32Array;
  /** 0 = none, else 1 + snapshot index. */
  readonly snapshot: Int32Array;
  /** 0 = none, else 1 + index in the timer-kind table. */
  readonly timerKind: Uint8Array;
  /** Read only where timerKind is set; NaN when the timer showed no time. */
  readonly timerSeconds: Float32Array;
  /** 0 = not shown, else 1 + the queue (so no column needs filling: untouched pages stay unallocated). */
  readonly recvQ: Int32Array;
  readonly sendQ: Int32Array;
  /** 0 = none, else 1 + index in the process table. */
  readonly process: Int32Array;
}

export function allocateColumns(lines: number): LineColumns {
  const n = lines + 1;
  return {
    state: new Uint8Array(n),
    from: new Uint8Array(n),
    start: new Uint16Array(n),
    end: new Uint16Array(n),
    format: new Uint8Array(n),
    conn: new Int32Array(n),
    snapshot: new Int32Array(n),
    timerKind: new Uint8Array(n),
    timerSeconds: new Float32Array(n),
    recvQ: new Int32Array(n),
    sendQ: new Int32Array(n),
    process: new Int32Array(n),
  };
}

/** Interned strings and objects that many lines share. */
export interface LineTables {
  /** Connection by id (core/document/connectionTable.ts keeps them as numbers and builds the object). */
  readonly connections: { get(id: number): IndexedConnection };
  readonly timerKinds: readonly string[];
  readonly processes: readonly string[];
}

/** Whole-document facts gathered while indexing. */
export interface IndexFacts {
  readonly findings: readonly Finding[];
  readonly snapshots: readonly SnapshotInfo[];
  /** Number of connection lines. */
  readonly records: number;
  /** Local ports something listens on: a socket on one of them is the server side. */
  readonly listenPorts: readonly string[];
  /** Counts of the whole document. */
  readonly counts: StateCounts;
  /** Counts by snapshot index; empty unless the document holds more than one snapshot. */
  readonly snapshotCounts: readonly StateCounts[];
}

/** One step of a connection's trail: consecutive lines in the same state folded into the first. */
export interface TrailStep {
  readonly line: number;
  readonly state: TcpState;
  readonly from?: TcpState;
}

/** The finished index of one document version. Queries are O(1) per line or one pass over a typed column. */
export class LineIndex {
  private summaryCache: Summary | undefined;

  constructor(
    readonly lineCount: number,
    private readonly cols: LineColumns,
    private readonly tables: LineTables,
    readonly facts: IndexFacts,
    private readonly summarize: () => Summary,
    /** Lines above the columns: column i holds line base + i (0 for a whole document, more for a range index). */
    private readonly base = 0,
  ) {}

  /** Lines the columns hold: the document's line count, or 0 when it has no connection (columns dropped). */
  private get rows(): number {
    return this.cols.state.length - 1;
  }

  /** The full summary (top ports, processes…), computed on first use: only Copy Summary needs it. */
  summary(): Summary {
    this.summaryCache ??= this.summarize();
    return this.summaryCache;
  }

  get recordCount(): number {
    return this.facts.records;
  }

  /** The state on a 1-based line, or undefined when it is not a connection line. */
  stateAt(line: number): TcpState | undefined {
    const i = line - this.base;
    const code = i > 0 && i <= this.rows ? this.cols.state[i] : 0;
    return code === 0 ? undefined : TCP_STATES[code - 1];
  }

  entryAt(line: number): LineEntry | undefined {
    const state = this.stateAt(line);
    if (state === undefined) return undefined;
    const c = this.cols;
    const i = line - this.base;
    const fromCode = c.from[i];
    const snap = c.snapshot[i];
    const tk = c.timerKind[i];
    const secs = c.timerSeconds[i];
    const proc = c.process[i];
    return {
      line,
      state,
      from: fromCode === 0 ? undefined : TCP_STATES[fromCode - 1],
      stateStart: c.start[i],
      stateEnd: c.end[i],
      format: FORMATS[c.format[i]],
      connection: this.tables.connections.get(c.conn[i] - 1),
      snapshot: snap === 0 ? undefined : snap - 1,
      timer:
        tk === 0
          ? undefined
          : { kind: this.tables.timerKinds[tk - 1], seconds: Number.isNaN(secs) ? undefined : secs },
      recvQ: c.recvQ[i] === 0 ? undefined : c.recvQ[i] - 1,
      sendQ: c.sendQ[i] === 0 ? undefined : c.sendQ[i] - 1,
      process: proc === 0 ? undefined : this.tables.processes[proc - 1],
    };
  }

  /** State ranges on lines [first, last] (1-based, inclusive), for decorating a visible range. */
  spansIn(first: number, last: number): StateSpan[] {
    const out: StateSpan[] = [];
    const c = this.cols;
    const base = this.base;
    const end = Math.min(last - base, this.rows);
    for (let i = Math.max(1, first - base); i <= end; i++) {
      const code = c.state[i];
      if (code !== 0)
        out.push({ line: i + base, state: TCP_STATES[code - 1], start: c.start[i], end: c.end[i] });
    }
    return out;
  }

  /** Every line of a connection, in order (one pass over the connection column). */
  linesOfConnection(connectionId: number): number[] {
    const out: number[] = [];
    const conn = this.cols.conn;
    const want = connectionId + 1;
    for (let i = 1; i <= this.rows; i++) if (conn[i] === want) out.push(i + this.base);
    return out;
  }

  /**
   * The connection's states on lines up to `upto`, repeats folded: what buildHistories needs to tell its past,
   * without building a record for each of the thousands of snapshots a long-lived socket appears in.
   */
  connectionTrail(connectionId: number, upto: number): TrailStep[] {
    const out: TrailStep[] = [];
    const { conn, state, from } = this.cols;
    const want = connectionId + 1;
    let last = 0;
    const end = Math.min(upto - this.base, this.rows);
    for (let i = 1; i <= end; i++) {
      if (conn[i] !== want) continue;
      const code = state[i];
      const fromCode = from[i];
      if (code === last && fromCode === 0) continue;
      last = code;
      out.push({
        line: i + this.base,
        state: TCP_STATES[code - 1],
        from: fromCode === 0 ? undefined : TCP_STATES[fromCode - 1],
      });
    }
    return out;
  }

  /** The first line after `after` in `state`, wrapping around the end; undefined when none. */
  nextLineInState(state: TcpState, after: number): number | undefined {
    const code = TCP_STATES.indexOf(state) + 1;
    const col = this.cols.state;
    const n = this.rows;
    const at = after - this.base;
    for (let k = 1; k <= n; k++) {
      const i = ((((at - 1 + k) % n) + n) % n) + 1;
      if (col[i] === code) return i + this.base;
    }
    return undefined;
  }

  /** Lines in `state` within [first, last] (1-based, inclusive), in order, at most `limit`. */
  linesInState(
    state: TcpState,
    limit = Number.POSITIVE_INFINITY,
    first = 1,
    last = this.lineCount,
  ): number[] {
    const code = TCP_STATES.indexOf(state) + 1;
    const col = this.cols.state;
    const out: number[] = [];
    const end = Math.min(last - this.base, this.rows);
    for (let i = Math.max(1, first - this.base); i <= end && out.length < limit; i++)
      if (col[i] === code) out.push(i + this.base);
    return out;
  }

  /** Counts of the whole document, or of the last snapshot of a time series. */
  currentCounts(): { counts: StateCounts; snapshot?: number } {
    const snaps = this.facts.snapshotCounts;
    if (snaps.length > 1) return { counts: snaps[snaps.length - 1], snapshot: snaps.length - 1 };
    return { counts: this.facts.counts };
  }
}
