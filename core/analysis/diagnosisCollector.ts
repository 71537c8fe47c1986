// Pure (runs anywhere): diagnosis as a streaming fold, so a million-line capture never has to be held in memory.
import type { TcpState } from '../tcp/types';
import { formatEndpoint } from '../parse/address';
import type { DiagnosisOptions, Finding, Severity } from './diagnosis';
import * as text from './findingText';
import { connectionKey } from './history';
import type { ConnectionRecord, Endpoint, KernelEvent } from '../parse/types';

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

interface Group {
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
  /** Sockets with unread data (CLOSE_WAIT) or a persist timer (Send-Q). */
  flagged: number;
  /** Subject when it is not an endpoint: a process name, a port from a kernel message. */
  label?: string;
}

/**
 * Groups keyed by (kind, a, b) in nested maps, so the hot path hashes the host and port strings it already
 * holds (shared between rows) instead of building a `"host port"` key per row; `list` keeps first-seen order.
 */
class GroupTable {
  private readonly index: Map<string, Map<string, Group>>[] = [0, 1, 2, 3].map(
    () => new Map<string, Map<string, Group>>(),
  );
  readonly list: Group[] = [];

  get(kind: number, a: string, b: string): Group | undefined {
    return this.index[kind].get(a)?.get(b);
  }

  has(kind: number, a: string): boolean {
    return this.index[kind].has(a);
  }

  /** Adds a group made elsewhere (a merge); its key must be new. */
  insert(g: Group): void {
    const outer = this.index[g.kind];
    let inner = outer.get(g.a);
    if (inner === undefined) {
      inner = new Map();
      outer.set(g.a, inner);
    }
    inner.set(g.b, g);
    this.list.push(g);
  }

  bump(kind: number, a: string, b: string, sample: Endpoint, line: number): Group {
    const outer = this.index[kind];
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

function finding(
  id: string,
  severity: Severity,
  state: TcpState | undefined,
  t: text.FindingText,
  g: Group,
  subject?: string,
): Finding {
  return { id, severity, state, title: t.title, message: t.message, lines: g.lines, count: g.count, subject };
}

/** CLOSE_WAIT group kinds: by owner (a = name), by the local or the remote endpoint, or undecided (see continueSnapshot). */
const CW_PROCESS = 0;
const CW_LOCAL = 1;
const CW_REMOTE = 2;
const CW_UNDECIDED = 3;

/** Per-snapshot groups, keyed by endpoint (host, port), by owner, or by a fixed word. */
interface Groups {
  /** a = local port. */
  readonly listen: GroupTable;
  readonly accept: GroupTable;
  readonly synrecv: GroupTable;
  readonly synsent: GroupTable;
  readonly timewait: GroupTable;
  /** a = ''. */
  readonly lastack: GroupTable;
  /** a = 'timer' | 'noproc'. */
  readonly fw2: GroupTable;
  readonly sendq: GroupTable;
  readonly closewait: GroupTable;
}

const GROUP_NAMES = [
  'listen',
  'accept',
  'synrecv',
  'synsent',
  'timewait',
  'lastack',
  'fw2',
  'sendq',
  'closewait',
] as const;

function newGroups(): Groups {
  const m = (): GroupTable => new GroupTable();
  return {
    listen: m(),
    accept: m(),
    synrecv: m(),
    synsent: m(),
    timewait: m(),
    lastack: m(),
    fw2: m(),
    sendq: m(),
    closewait: m(),
  };
}

/** Two ascending line lists as one, cut at MAX_EVIDENCE_LINES. */
function mergeLines(x: number[], y: readonly number[]): number[] {
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

/**
 * What a collector fed the second part of an input gathered (structured-clone safe), for `merge`: its last
 * snapshot's groups in first-seen order, its transition records, and its own snapshot and line numbering.
 */
export interface DiagnosisPart {
  readonly snapshot: number;
  readonly sawProcesses: boolean;
  readonly transitions: readonly (readonly [string, ConnectionRecord])[];
  readonly groups: Readonly<Record<(typeof GROUP_NAMES)[number], readonly Group[]>>;
}

/**
 * Feed records (and kernel events) in input order, then ask for `findings()`. A record from a later
 * snapshot discards what the earlier snapshot gathered, so a time series is judged on its last snapshot;
 * records with `from` (transition logs) are reduced to the last state of each connection first.
 */
export class DiagnosisCollector {
  private snapshot = -1;
  private sawProcesses = false;
  private readonly transitions = new Map<string, ConnectionRecord>();
  private readonly kernel = new GroupTable();
  private g = newGroups();
  /** Set by continueSnapshot: snapshot 0 continues one whose earlier rows another collector saw. */
  private continued = false;

  constructor(private readonly options: DiagnosisOptions) {}

  add(r: ConnectionRecord): void {
    if (r.processes.length > 0) this.sawProcesses = true;
    if (r.from !== undefined) {
      this.transitions.set(connectionKey(r), r);
      return;
    }
    if (r.snapshot !== undefined && r.snapshot !== this.snapshot) {
      if (r.snapshot < this.snapshot) return;
      this.snapshot = r.snapshot;
      this.g = newGroups();
    }
    this.tally(r);
  }

  addKernelEvent(e: KernelEvent): void {
    const sample = { host: '', port: '' };
    if (e.kind === 'syn-flood')
      this.kernel.bump(0, 'syn-flood', e.port ?? '', sample, e.line).label = e.port ?? '';
    else this.kernel.bump(1, 'conntrack-full', '', sample, e.line).label = e.port ?? '';
  }

  /**
   * For the second part of an input parsed on its own: records of snapshot 0 continue a snapshot whose
   * earlier rows another collector saw. A CLOSE_WAIT row without an owner whose grouping depends on LISTEN
   * rows of that earlier part is kept in an undecided group that `merge` settles.
   */
  continueSnapshot(): void {
    this.continued = true;
  }

  /** What this collector gathered, for another collector's `merge` (kernel events are not included). */
  part(): DiagnosisPart {
    const g = this.g;
    return {
      snapshot: this.snapshot,
      sawProcesses: this.sawProcesses,
      transitions: [...this.transitions],
      groups: {
        listen: g.listen.list,
        accept: g.accept.list,
        synrecv: g.synrecv.list,
        synsent: g.synsent.list,
        timewait: g.timewait.list,
        lastack: g.lastack.list,
        fw2: g.fw2.list,
        sendq: g.sendq.list,
        closewait: g.closewait.list,
      },
    };
  }

  /**
   * Folds in what a collector (in continueSnapshot mode) gathered from the rest of the input, as if its
   * records had been added here: its snapshot k is this input's snapshot k + snapshotShift (snapshot 0
   * continuing this collector's last one), its line n is line n + lineShift. Groups keep first-seen order.
   */
  merge(part: DiagnosisPart, snapshotShift: number, lineShift: number): void {
    if (part.sawProcesses) this.sawProcesses = true;
    for (const [key, r] of part.transitions) this.transitions.set(key, { ...r, line: r.line + lineShift });
    if (part.snapshot < 0) return;
    const snapshot = part.snapshot + snapshotShift;
    if (snapshot !== this.snapshot) {
      this.snapshot = snapshot;
      this.g = newGroups();
    }
    // CLOSE_WAIT first: undecided groups are settled against the LISTEN rows that came before the part.
    for (const name of ['closewait', ...GROUP_NAMES.filter((n) => n !== 'closewait')] as const) {
      const table = this.g[name];
      for (const theirs of part.groups[name]) {
        let { kind, a, b, sample } = theirs;
        if (theirs.local !== undefined) {
          const local = theirs.local;
          if (this.g.listen.has(0, local.port)) {
            kind = CW_LOCAL;
            a = local.host;
            b = local.port;
            sample = local;
          } else {
            kind = CW_REMOTE;
            a = sample.host;
            b = sample.port;
          }
        }
        const lines = lineShift === 0 ? theirs.lines : theirs.lines.map((n) => n + lineShift);
        const mine = table.get(kind, a, b);
        if (mine === undefined) {
          const g: Group = {
            kind,
            a,
            b,
            sample,
            count: theirs.count,
            lines,
            maxQ: theirs.maxQ,
            backlog: theirs.backlog,
            flagged: theirs.flagged,
          };
          if (theirs.label !== undefined) g.label = theirs.label;
          table.insert(g);
          continue;
        }
        mine.count += theirs.count;
        mine.lines = mergeLines(mine.lines, lines);
        mine.maxQ = Math.max(mine.maxQ, theirs.maxQ);
        if (theirs.backlog !== 0) mine.backlog = theirs.backlog;
        mine.flagged += theirs.flagged;
        if (theirs.label !== undefined) mine.label = theirs.label;
      }
    }
  }

  private tally(r: ConnectionRecord): void {
    const { local, remote, line } = r;
    switch (r.state) {
      case 'LISTEN': {
        this.g.listen.bump(0, local.port, '', local, line);
        const backlog = r.sendQ ?? 0;
        if (r.format === 'ss' && backlog > 0 && (r.recvQ ?? 0) >= backlog) {
          const g = this.g.accept.bump(0, local.host, local.port, local, line);
          g.maxQ = Math.max(g.maxQ, r.recvQ ?? 0);
          g.backlog = backlog;
        }
        return;
      }
      case 'SYN_RECEIVED':
        this.g.synrecv.bump(0, local.host, local.port, local, line);
        return;
      case 'SYN_SENT':
        this.g.synsent.bump(0, remote.host, remote.port, remote, line);
        return;
      case 'TIME_WAIT':
        if (remote.port !== '*') this.g.timewait.bump(0, remote.host, remote.port, remote, line);
        return;
      case 'LAST_ACK':
        this.g.lastack.bump(0, '', '', local, line);
        return;
      case 'FIN_WAIT_2':
        if (r.timer?.kind === 'timewait') this.g.fw2.bump(0, 'timer', '', local, line);
        else if (r.processes.length === 0) this.g.fw2.bump(0, 'noproc', '', local, line);
        return;
      case 'ESTABLISHED':
        if ((r.sendQ ?? 0) >= this.options.sendQThreshold) {
          const g = this.g.sendq.bump(0, remote.host, remote.port, remote, line);
          g.maxQ = Math.max(g.maxQ, r.sendQ ?? 0);
          if (r.timer?.kind === 'persist' || r.timer?.kind === 'probe') g.flagged++;
        }
        return;
      case 'CLOSE_WAIT': {
        // Grouped by owner when the capture names processes, else by the service side: the local address when
        // its port listens (ss and netstat list LISTEN rows first) or faces an ephemeral remote port, else the destination.
        const name = r.processes[0]?.name;
        let g: Group;
        if (name !== undefined) {
          g = this.g.closewait.bump(CW_PROCESS, name, '', local, line);
          g.label = name;
        } else {
          const remotePort = Number(remote.port);
          const serviceLocal =
            this.g.listen.has(0, local.port) || (remotePort >= 32768 && Number(local.port) < remotePort);
          if (!serviceLocal && this.continued && this.snapshot === 0) {
            // Whether local.port listens may depend on rows before this part: merge decides.
            g = this.g.closewait.bump(
              CW_UNDECIDED,
              `${local.host} ${local.port}`,
              `${remote.host} ${remote.port}`,
              remote,
              line,
            );
            if (g.local === undefined) (g as { local?: Endpoint }).local = local;
          } else {
            const side = serviceLocal ? local : remote;
            g = this.g.closewait.bump(serviceLocal ? CW_LOCAL : CW_REMOTE, side.host, side.port, side, line);
          }
        }
        if ((r.recvQ ?? 0) > 0) g.flagged++;
        return;
      }
      default:
        return;
    }
  }

  findings(): Finding[] {
    if (this.transitions.size > 0) {
      const finals = [...this.transitions.values()]
        .filter((r) => r.state !== 'CLOSED')
        .sort((a, b) => a.line - b.line);
      this.transitions.clear();
      for (const r of finals) this.tally({ ...r, from: undefined });
    }
    const o = this.options;
    const out: Finding[] = [];
    const label = (g: Group): string => g.label ?? formatEndpoint(g.sample);
    for (const g of this.g.closewait.list) {
      if (g.count < o.closeWaitThreshold) continue;
      const s = label(g);
      out.push(
        finding(
          'close-wait-pileup',
          'warning',
          'CLOSE_WAIT',
          text.closeWaitText(g.count, s, g.flagged),
          g,
          s,
        ),
      );
    }
    for (const g of this.g.timewait.list) {
      if (g.count < o.timeWaitThreshold) continue;
      const share = g.count / o.ephemeralPorts;
      const severity: Severity = share >= 0.75 ? 'error' : share >= 0.25 ? 'warning' : 'info';
      const s = label(g);
      out.push(
        finding(
          'time-wait-ports',
          severity,
          'TIME_WAIT',
          text.timeWaitText(g.count, s, o.ephemeralPorts, o.timeWaitSeconds),
          g,
          s,
        ),
      );
    }
    for (const g of this.g.synrecv.list) {
      if (g.count < o.synRecvThreshold) continue;
      const s = label(g);
      out.push(finding('syn-recv-backlog', 'warning', 'SYN_RECEIVED', text.synRecvText(g.count, s), g, s));
    }
    for (const g of this.g.synsent.list) {
      if (g.count < o.synSentThreshold) continue;
      const s = label(g);
      out.push(finding('syn-sent-stuck', 'warning', 'SYN_SENT', text.synSentText(g.count, s), g, s));
    }
    for (const g of this.g.accept.list) {
      const s = label(g);
      out.push(
        finding('accept-queue-overflow', 'error', 'LISTEN', text.acceptQueueText(s, g.maxQ, g.backlog), g, s),
      );
    }
    const fw2 = this.g.fw2;
    const orphans = [
      fw2.get(0, 'timer', ''),
      this.sawProcesses ? fw2.get(0, 'noproc', '') : undefined,
    ].filter((g): g is Group => g !== undefined);
    const orphanCount = orphans.reduce((n, g) => n + g.count, 0);
    if (orphanCount > 0 && orphanCount >= o.finWait2Threshold) {
      const lines = orphans
        .flatMap((g) => g.lines)
        .sort((a, b) => a - b)
        .slice(0, MAX_EVIDENCE_LINES);
      const g: Group = {
        kind: 0,
        a: '',
        b: '',
        sample: orphans[0].sample,
        count: orphanCount,
        lines,
        maxQ: 0,
        backlog: 0,
        flagged: 0,
      };
      out.push(finding('fin-wait-2-orphans', 'warning', 'FIN_WAIT_2', text.finWait2Text(orphanCount), g));
    }
    const lastAck = this.g.lastack.get(0, '', '');
    if (lastAck !== undefined && lastAck.count >= o.lastAckThreshold) {
      out.push(
        finding('last-ack-lingering', 'warning', 'LAST_ACK', text.lastAckText(lastAck.count), lastAck),
      );
    }
    for (const g of this.g.sendq.list) {
      const s = label(g);
      out.push(
        finding(
          'send-q-stuck',
          'warning',
          'ESTABLISHED',
          text.sendQText(g.count, s, g.maxQ, g.flagged),
          g,
          s,
        ),
      );
    }
    for (const g of this.kernel.list) {
      if (g.a === 'conntrack-full')
        out.push(finding('kernel-conntrack-full', 'error', undefined, text.conntrackText(g.count), g));
      else
        out.push(
          finding(
            'kernel-syn-flood',
            'warning',
            'SYN_RECEIVED',
            text.synFloodText(g.count, label(g)),
            g,
            label(g),
          ),
        );
    }
    return out.sort(compareFindings);
  }
}
