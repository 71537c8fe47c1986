// Pure (runs anywhere): counts of a parsed input per state, local port, process and snapshot; also a streaming builder.
import { SnapshotCounts } from './snapshotCounts';
import { TCP_STATES, type TcpState } from '../tcp/types';
import { groupDigits } from './findingText';
import type { ConnectionRecord, LogFormat, ParseResult, SnapshotInfo } from '../parse/types';
import { processLabel } from '../parse/recordDraft';

/** Counts per state; only states that occur are present, in canonical (RFC 9293 Figure 5) order. */
export type StateCounts = Partial<Record<TcpState, number>>;

/** A local port or a process, with how many sockets it has and in which states. */
export interface CountEntry {
  readonly key: string;
  readonly count: number;
  readonly states: StateCounts;
}

export interface SnapshotSummary {
  readonly index: number;
  readonly startLine: number;
  readonly time?: string;
  readonly total: number;
  readonly states: StateCounts;
}

export interface Summary {
  /** Connection records in the whole input (every snapshot counted). */
  readonly total: number;
  readonly states: StateCounts;
  /** The busiest local ports, largest first (at most `top`). */
  readonly localPorts: readonly CountEntry[];
  readonly distinctLocalPorts: number;
  /** The processes owning most sockets, largest first (at most `top`); empty when the capture names none. */
  readonly processes: readonly CountEntry[];
  readonly distinctProcesses: number;
  /** One entry per snapshot of a time series; empty for a single table. */
  readonly snapshots: readonly SnapshotSummary[];
  /** Formats recognised, in order of first appearance. */
  readonly formats: readonly LogFormat[];
}

export interface SummaryOptions {
  /** How many local ports and processes to list (default 10). */
  readonly top?: number;
}

/** Counts indexed like TCP_STATES: a Map lookup and an array increment are cheaper than a megamorphic keyed property. */
type FullCounts = Int32Array;
const STATE_INDEX = new Map<TcpState, number>(TCP_STATES.map((s, i) => [s, i]));

function zeroCounts(): FullCounts {
  return new Int32Array(TCP_STATES.length);
}

function present(c: FullCounts): StateCounts {
  const out: StateCounts = {};
  for (let i = 0; i < TCP_STATES.length; i++) if (c[i] > 0) out[TCP_STATES[i]] = c[i];
  return out;
}

/** A port's or a process's count and its counts per state (indexed like TCP_STATES). */
export interface Tally {
  count: number;
  readonly states: FullCounts;
}

function bump(map: Map<string, Tally>, key: string, state: number): Tally {
  let t = map.get(key);
  if (t === undefined) {
    t = { count: 0, states: zeroCounts() };
    map.set(key, t);
  }
  t.count++;
  t.states[state]++;
  return t;
}

const STATE_COUNT = TCP_STATES.length;

/** "443" → 443; anything that is not a plain decimal port ('*', '') → -1. */
function portNumber(text: string): number {
  const len = text.length;
  if (len === 0 || len > 5) return -1;
  let v = 0;
  for (let i = 0; i < len; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    v = v * 10 + d;
  }
  return v < 65536 ? v : -1;
}

/** Numeric keys (ports) in numeric order, others in code-unit order: cheap and stable, unlike localeCompare. */
function compareKeys(a: string, b: string): number {
  const x = Number(a);
  const y = Number(b);
  if (Number.isInteger(x) && Number.isInteger(y) && x !== y) return x - y;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The n largest tallies by a single pass with a small sorted window: no sort of 28k ephemeral ports. */
function top(map: Map<string, Tally>, n: number): CountEntry[] {
  const best: [string, Tally][] = [];
  const before = (a: [string, Tally], b: [string, Tally]): boolean =>
    a[1].count > b[1].count || (a[1].count === b[1].count && compareKeys(a[0], b[0]) < 0);
  for (const entry of map) {
    if (best.length === n && !before(entry, best[n - 1])) continue;
    let i = best.length === n ? n - 1 : best.length;
    while (i > 0 && before(entry, best[i - 1])) {
      best[i] = best[i - 1];
      i--;
    }
    best[i] = entry;
  }
  return best.map(([key, t]) => ({ key, count: t.count, states: present(t.states) }));
}

/** What a SummaryBuilder counted (structured-clone safe; `portCounts` may be transferred), for `merge`. */
export interface SummaryPart {
  readonly total: number;
  readonly states: Int32Array;
  readonly portCounts: Int32Array;
  readonly otherPorts: readonly (readonly [string, number, Int32Array])[];
  readonly procs: readonly (readonly [string, number, Int32Array])[];
  /** SnapshotCounts.flat(): STATE_COUNT counts per snapshot. */
  readonly perSnapshot: Int32Array;
  readonly formats: readonly LogFormat[];
  readonly firstLines: Int32Array;
}

function tallies(map: Map<string, Tally>): [string, number, Int32Array][] {
  return [...map].map(([k, t]) => [k, t.count, t.states]);
}

function mergeTallies(
  map: Map<string, Tally>,
  from: readonly (readonly [string, number, Int32Array])[],
): void {
  for (const [key, count, states] of from) {
    let t = map.get(key);
    if (t === undefined) {
      t = { count: 0, states: zeroCounts() };
      map.set(key, t);
    }
    t.count += count;
    for (let i = 0; i < STATE_COUNT; i++) t.states[i] += states[i];
  }
}

/** Folds records one at a time (the CLI streams a million lines through it); `result()` builds the Summary. */
export class SummaryBuilder {
  private total = 0;
  private readonly states = zeroCounts();
  /** Numeric ports tallied in one flat array (port × state): no string hashing on the hot path. */
  private readonly portCounts = new Int32Array(65536 * TCP_STATES.length);
  private readonly otherPorts = new Map<string, Tally>();
  private readonly procs = new Map<string, Tally>();
  /** Neighbouring rows usually belong to the same process: remember the last tally hit. */
  private lastProc: string | undefined;
  private lastProcTally: Tally | undefined;
  private readonly perSnapshot = new SnapshotCounts();
  private readonly formats: LogFormat[] = [];
  /** The 1-based line of the first record in each state (indexed like TCP_STATES; 0: none yet), for links. */
  readonly firstLines = zeroCounts();
  private lastFormat: LogFormat | undefined;

  add(r: ConnectionRecord): void {
    const state = STATE_INDEX.get(r.state) ?? 0;
    if (this.firstLines[state] === 0) this.firstLines[state] = r.line;
    this.total++;
    this.states[state]++;
    const port = portNumber(r.local.port);
    if (port >= 0) this.portCounts[port * STATE_COUNT + state]++;
    else bump(this.otherPorts, r.local.port, state);
    const procs = r.processes;
    if (procs.length > 0) {
      const name = processLabel(procs[0]);
      if (name === this.lastProc && this.lastProcTally !== undefined) {
        this.lastProcTally.count++;
        this.lastProcTally.states[state]++;
      } else {
        this.lastProc = name;
        this.lastProcTally = bump(this.procs, name, state);
      }
      // Workers sharing a socket (nginx master and workers) count once per distinct name.
      for (let i = 1; i < procs.length; i++) {
        const other = processLabel(procs[i]);
        let seen = false;
        for (let j = 0; j < i && !seen; j++) seen = processLabel(procs[j]) === other;
        if (!seen) bump(this.procs, other, state);
      }
    }
    if (r.snapshot !== undefined) {
      this.perSnapshot.bump(r.snapshot, state);
    }
    if (r.format !== this.lastFormat) {
      this.lastFormat = r.format;
      if (!this.formats.includes(r.format)) this.formats.push(r.format);
    }
  }

  /**
   * add() for a row read without a record (ssSummaryRows): `state` indexes TCP_STATES, `port` is the local port
   * as a number (-1 when not decimal), `owners[0, ownerCount)` the procTally of the row's distinct process labels.
   */
  addRow(
    format: LogFormat,
    state: number,
    port: number,
    localPort: string,
    owners: readonly Tally[],
    ownerCount: number,
    snapshot: number,
    line: number,
  ): void {
    if (this.firstLines[state] === 0) this.firstLines[state] = line;
    this.total++;
    this.states[state]++;
    if (port >= 0) this.portCounts[port * STATE_COUNT + state]++;
    else bump(this.otherPorts, localPort, state);
    for (let i = 0; i < ownerCount; i++) {
      const t = owners[i];
      t.count++;
      t.states[state]++;
    }
    this.perSnapshot.bump(snapshot, state);
    if (format !== this.lastFormat) {
      this.lastFormat = format;
      if (!this.formats.includes(format)) this.formats.push(format);
    }
  }

  /** The tally of the process labelled `name` (made, with no counts, when new), for addRow. */
  procTally(name: string): Tally {
    let t = this.procs.get(name);
    if (t === undefined) {
      t = { count: 0, states: zeroCounts() };
      this.procs.set(name, t);
    }
    return t;
  }

  /** The counts so far, for another builder's `merge`. */
  part(): SummaryPart {
    return {
      total: this.total,
      states: this.states,
      portCounts: this.portCounts,
      otherPorts: tallies(this.otherPorts),
      procs: tallies(this.procs),
      perSnapshot: this.perSnapshot.flat(),
      formats: this.formats,
      firstLines: this.firstLines,
    };
  }

  /**
   * Adds what a builder counted over the rest of the input, as if its records had been added here (keys
   * first seen there come after those seen here): its snapshot k is snapshot k + snapshotShift here, its line n
   * line n + lineShift.
   */
  merge(p: SummaryPart, snapshotShift: number, lineShift = 0): void {
    for (let i = 0; i < STATE_COUNT; i++)
      if (this.firstLines[i] === 0 && p.firstLines[i] > 0) this.firstLines[i] = p.firstLines[i] + lineShift;
    this.total += p.total;
    for (let i = 0; i < STATE_COUNT; i++) this.states[i] += p.states[i];
    const c = this.portCounts;
    const theirs = p.portCounts;
    for (let i = 0; i < c.length; i++) if (theirs[i] !== 0) c[i] += theirs[i];
    mergeTallies(this.otherPorts, p.otherPorts);
    mergeTallies(this.procs, p.procs);
    this.lastProc = undefined;
    this.lastProcTally = undefined;
    // Snapshots without rows stay absent, as add() leaves them (an empty later part adds nothing).
    this.perSnapshot.addFlat(p.perSnapshot, snapshotShift);
    for (const f of p.formats) if (!this.formats.includes(f)) this.formats.push(f);
    this.lastFormat = undefined;
  }

  /** All local ports with their tallies (numeric ones from the flat array). */
  private portTallies(): Map<string, Tally> {
    const out = new Map<string, Tally>(this.otherPorts);
    const c = this.portCounts;
    for (let port = 0; port < 65536; port++) {
      const base = port * STATE_COUNT;
      let count = 0;
      for (let s = 0; s < STATE_COUNT; s++) count += c[base + s];
      if (count > 0) out.set(String(port), { count, states: c.slice(base, base + STATE_COUNT) });
    }
    return out;
  }

  result(snapshots: readonly SnapshotInfo[] = [], options: SummaryOptions = {}): Summary {
    const n = options.top ?? 10;
    const ports = this.portTallies();
    const snaps: SnapshotSummary[] = [];
    const count = Math.max(snapshots.length, this.perSnapshot.length);
    for (let i = 0; i < count && (snapshots.length > 1 || this.perSnapshot.length > 1); i++) {
      const info = snapshots[i];
      const { total, states } = this.perSnapshot.present(i);
      snaps.push({
        index: i,
        startLine: info?.startLine ?? 0,
        time: info?.time,
        total,
        states,
      });
    }
    return {
      total: this.total,
      states: present(this.states),
      localPorts: top(ports, n),
      distinctLocalPorts: ports.size,
      processes: top(this.procs, n),
      distinctProcesses: this.procs.size,
      snapshots: snaps,
      formats: [...this.formats],
    };
  }
}

/** Counts a whole parse result. */
export function summarize(result: ParseResult, options: SummaryOptions = {}): Summary {
  const b = new SummaryBuilder();
  for (const r of result.records) b.add(r);
  return b.result(result.snapshots, options);
}

/** "812 TIME_WAIT · 45 CLOSE_WAIT · 3 SYN_RECEIVED": largest first, ties in canonical order. */
export function formatCountsLine(counts: StateCounts): string {
  const entries = TCP_STATES.filter((s) => (counts[s] ?? 0) > 0).map((s) => [s, counts[s] ?? 0] as const);
  entries.sort((a, b) => b[1] - a[1]);
  return entries.map(([s, n]) => `${groupDigits(n)} ${s}`).join(' · ');
}
