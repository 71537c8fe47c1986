// Pure (runs anywhere): counts of a parsed input per state, local port, process and snapshot; also a streaming builder.
import { TCP_STATES, type TcpState } from '../tcp/types';
import { groupDigits } from './findingText';
import type { ConnectionRecord, LogFormat, ParseResult, SnapshotInfo } from './types';

export { formatSummaryText } from './summaryText';

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

type FullCounts = Record<TcpState, number>;

function zeroCounts(): FullCounts {
  // Same key order for every object: one hidden class, fast increments.
  return { CLOSED: 0, LISTEN: 0, SYN_SENT: 0, SYN_RECEIVED: 0, ESTABLISHED: 0, FIN_WAIT_1: 0, FIN_WAIT_2: 0, CLOSE_WAIT: 0, CLOSING: 0, LAST_ACK: 0, TIME_WAIT: 0 };
}

function present(c: FullCounts): StateCounts {
  const out: StateCounts = {};
  for (const s of TCP_STATES) if (c[s] > 0) out[s] = c[s];
  return out;
}

interface Tally {
  count: number;
  readonly states: FullCounts;
}

function bump(map: Map<string, Tally>, key: string, state: TcpState): void {
  let t = map.get(key);
  if (t === undefined) {
    t = { count: 0, states: zeroCounts() };
    map.set(key, t);
  }
  t.count++;
  t.states[state]++;
}

function top(map: Map<string, Tally>, n: number): CountEntry[] {
  return [...map.entries()]
    .sort((a, b) => b[1].count - a[1].count || a[0].localeCompare(b[0], 'en', { numeric: true }))
    .slice(0, n)
    .map(([key, t]) => ({ key, count: t.count, states: present(t.states) }));
}

/** Folds records one at a time (the CLI streams a million lines through it); `result()` builds the Summary. */
export class SummaryBuilder {
  private total = 0;
  private readonly states = zeroCounts();
  private readonly ports = new Map<string, Tally>();
  private readonly procs = new Map<string, Tally>();
  private readonly perSnapshot: FullCounts[] = [];
  private readonly formats: LogFormat[] = [];
  private lastFormat: LogFormat | undefined;

  add(r: ConnectionRecord): void {
    const state = r.state;
    this.total++;
    this.states[state]++;
    bump(this.ports, r.local.port, state);
    const procs = r.processes;
    if (procs.length > 0) {
      bump(this.procs, procs[0].name, state);
      // Workers sharing a socket (nginx) count once per distinct name.
      for (let i = 1; i < procs.length; i++) if (procs[i].name !== procs[0].name && !procs.slice(0, i).some((p) => p.name === procs[i].name)) bump(this.procs, procs[i].name, state);
    }
    if (r.snapshot !== undefined) {
      let c = this.perSnapshot[r.snapshot];
      if (c === undefined) {
        while (this.perSnapshot.length <= r.snapshot) this.perSnapshot.push(zeroCounts());
        c = this.perSnapshot[r.snapshot];
      }
      c[state]++;
    }
    if (r.format !== this.lastFormat) {
      this.lastFormat = r.format;
      if (!this.formats.includes(r.format)) this.formats.push(r.format);
    }
  }

  result(snapshots: readonly SnapshotInfo[] = [], options: SummaryOptions = {}): Summary {
    const n = options.top ?? 10;
    const snaps: SnapshotSummary[] = [];
    const count = Math.max(snapshots.length, this.perSnapshot.length);
    for (let i = 0; i < count && (snapshots.length > 1 || this.perSnapshot.length > 1); i++) {
      const info = snapshots[i];
      const c = this.perSnapshot[i] ?? zeroCounts();
      const total = TCP_STATES.reduce((sum, s) => sum + c[s], 0);
      snaps.push({ index: i, startLine: info?.startLine ?? 0, time: info?.time, total, states: present(c) });
    }
    return {
      total: this.total,
      states: present(this.states),
      localPorts: top(this.ports, n),
      distinctLocalPorts: this.ports.size,
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
