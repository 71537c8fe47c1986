// Pure (runs anywhere): the diagnosis's tallies — groups of rows keyed by kind and two strings — and their merge.
import type { Finding, Severity } from './diagnosisTypes';
import type { Endpoint } from '../parse/types';

export const MAX_EVIDENCE_LINES = 200;

const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Most severe first, then by count, then by kind and subject so the order is stable. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    RANK[a.severity] - RANK[b.severity] ||
    b.count - a.count ||
    a.id.localeCompare(b.id) ||
    (a.subject ?? '').localeCompare(b.subject ?? '')
  );
}

export interface Group {
  /** The group's key: a kind (what a, b mean, per table) and two strings, e.g. a host and a port. */
  readonly kind: number;
  readonly a: string;
  readonly b: string;
  /** An endpoint standing for the group, formatted only when a finding is made. */
  readonly sample: Endpoint;
  /** Only on an undecided CLOSE_WAIT group of a continued snapshot (see continueSnapshot): the local side. */
  readonly local?: Endpoint;
  count: number;
  lines: number[];
  /** Largest Recv-Q (accept queue) or Send-Q seen, and the backlog for LISTEN rows. */
  maxQ: number;
  backlog: number;
  /** Sockets with unread data (CLOSE_WAIT) or a persist timer (Send-Q); kernel lines that dropped requests. */
  flagged: number;
  /** Subject when it is not an endpoint: a process name, a port from a kernel message. */
  label?: string;
}

/** A row's endpoints (side 0: local, 1: remote), made only when a new group needs one as its sample. */
export interface EndpointSource {
  endpointAt(side: number): Endpoint;
}

/**
 * Groups keyed by (kind, a, b) in nested maps, so the hot path hashes the host and port strings it already
 * holds (shared between rows) instead of building a `"host port"` key per row; `list` keeps first-seen order.
 */
export class GroupTable {
  /**
   * One map per kind, made on first use: a time series starts new tables every snapshot (hundreds of thousands
   * in a day of `ss` every second) and most of them never see most kinds.
   */
  private readonly index: (Map<string, Map<string, Group>> | undefined)[] = [
    undefined,
    undefined,
    undefined,
    undefined,
  ];
  /** Replaced, never emptied, by clear(): a list handed out (DiagnosisCollector.part) stays as it was. */
  list: Group[] = [];
  /** The group bumpFrom bumped last (rows in a run often share a key: one LISTEN port, one owner). */
  private last: Group | undefined;

  /** Forgets every group: what a new snapshot's tables start from, without allocating thirteen new ones. */
  clear(): void {
    for (let k = 0; k < this.index.length; k++) this.index[k] = undefined;
    if (this.list.length > 0) this.list = [];
    this.last = undefined;
  }

  private outer(kind: number): Map<string, Map<string, Group>> {
    return (this.index[kind] ??= new Map<string, Map<string, Group>>());
  }

  get(kind: number, a: string, b: string): Group | undefined {
    return this.index[kind]?.get(a)?.get(b);
  }

  has(kind: number, a: string): boolean {
    return this.index[kind]?.has(a) ?? false;
  }

  /** Adds a group made elsewhere (a merge); its key must be new. */
  insert(g: Group): void {
    const outer = this.outer(g.kind);
    let inner = outer.get(g.a);
    if (inner === undefined) {
      inner = new Map();
      outer.set(g.a, inner);
    }
    inner.set(g.b, g);
    this.list.push(g);
  }

  /** bump() whose sample, needed only by a new group, is `src.endpointAt(side)`. */
  bumpFrom(kind: number, a: string, b: string, src: EndpointSource, side: number, line: number): Group {
    let g = this.last;
    if (g === undefined || g.kind !== kind || g.a !== a || g.b !== b) {
      const outer = this.outer(kind);
      let inner = outer.get(a);
      if (inner === undefined) {
        inner = new Map();
        outer.set(a, inner);
      }
      g = inner.get(b);
      if (g === undefined) {
        g = {
          kind,
          a,
          b,
          sample: src.endpointAt(side),
          count: 0,
          lines: [],
          maxQ: 0,
          backlog: 0,
          flagged: 0,
        };
        inner.set(b, g);
        this.list.push(g);
      }
      this.last = g;
    }
    g.count++;
    if (g.lines.length < MAX_EVIDENCE_LINES) g.lines.push(line);
    return g;
  }

  bump(kind: number, a: string, b: string, sample: Endpoint, line: number): Group {
    const outer = this.outer(kind);
    let inner = outer.get(a);
    if (inner === undefined) {
      inner = new Map();
      outer.set(a, inner);
    }
    let g = inner.get(b);
    if (g === undefined) {
      g = { kind, a, b, sample, count: 0, lines: [], maxQ: 0, backlog: 0, flagged: 0 };
      inner.set(b, g);
      this.list.push(g);
    }
    g.count++;
    if (g.lines.length < MAX_EVIDENCE_LINES) g.lines.push(line);
    return g;
  }
}

/** Two ascending line lists as one, cut at MAX_EVIDENCE_LINES. */
export function mergeLines(x: number[], y: readonly number[]): number[] {
  if (y.length === 0 || x.length >= MAX_EVIDENCE_LINES) return x;
  if (x.length === 0 || x[x.length - 1] < y[0]) {
    for (let i = 0; i < y.length && x.length < MAX_EVIDENCE_LINES; i++) x.push(y[i]);
    return x;
  }
  const out: number[] = [];
  let i = 0;
  let j = 0;
  while (out.length < MAX_EVIDENCE_LINES && (i < x.length || j < y.length))
    out.push(j >= y.length || (i < x.length && x[i] <= y[j]) ? x[i++] : y[j++]);
  return out;
}

/** Per-snapshot groups, keyed by endpoint (host, port), by owner, or by a fixed word. */
export const GROUP_NAMES = [
  'listen',
  'accept',
  'synrecv',
  'synsent',
  'timewait',
  'lastack',
  'fw2',
  'sendq',
  'closewait',
  'ctall',
  'ctunreplied',
  'ctlong',
  'ssrows',
] as const;

export type GroupName = (typeof GROUP_NAMES)[number];
export type Groups = Readonly<Record<GroupName, GroupTable>>;

export function newGroups(): Groups {
  const out = {} as Record<GroupName, GroupTable>;
  for (const n of GROUP_NAMES) out[n] = new GroupTable();
  return out;
}
