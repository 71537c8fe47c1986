// Pure (runs anywhere): diagnosis as a streaming fold, so a million-line capture never has to be held in memory.
import type { CaptureOs, DiagnosisOptions, Finding } from './diagnosisTypes';
import { buildFindings } from './diagnosisFindings';
import {
  GROUP_NAMES,
  GroupTable,
  MAX_EVIDENCE_LINES,
  type EndpointSource,
  mergeLines,
  newGroups,
  type Group,
  type GroupName,
  type Groups,
} from './groupTable';
import { connectionKey } from './history';
import { formatEndpoint } from '../parse/address';
import { processLabel } from '../parse/recordDraft';
import type { ConnectionRecord, Endpoint, KernelEvent, LogFormat } from '../parse/types';
import type { TcpState } from '../tcp/types';

/** The OS that printed a format: BSD-style netstat is macOS/FreeBSD, Windows netstat Windows, the rest Linux. */
export function osOfFormat(format: LogFormat): CaptureOs {
  return format === 'windows' ? 'windows' : format === 'bsd' ? 'macos' : 'linux';
}

function partGroups(g: Groups): DiagnosisPart['groups'] {
  const out = {} as Record<GroupName, readonly Group[]>;
  for (const n of GROUP_NAMES) out[n] = g[n].list;
  return out;
}

/** A record's endpoints as an EndpointSource (one reused per collector). */
class RecordSides implements EndpointSource {
  local: Endpoint = { host: '*', port: '*' };
  remote: Endpoint = this.local;

  endpointAt(side: number): Endpoint {
    return side === 0 ? this.local : this.remote;
  }
}

/** GroupTable.bump of a group already found: false when there is none yet. */
function bumpAgain(g: Group | undefined, line: number): boolean {
  if (g === undefined) return false;
  g.count++;
  if (g.lines.length < MAX_EVIDENCE_LINES) g.lines.push(line);
  return true;
}

/** conntrack ESTABLISHED flows with more than a day left run on nf_conntrack_tcp_timeout_established (5 days). */
const LONG_CONNTRACK_TTL = 86400;

/** CLOSE_WAIT group kinds: by owner (a = name), by the local or the remote endpoint, or undecided (see continueSnapshot). */
const CW_PROCESS = 0;
const CW_LOCAL = 1;
const CW_REMOTE = 2;
const CW_UNDECIDED = 3;

/**
 * What a collector fed the second part of an input gathered (structured-clone safe), for `merge`: its last
 * snapshot's groups in first-seen order, its transition records, and its own snapshot and line numbering.
 */
export interface DiagnosisPart {
  readonly snapshot: number;
  readonly sawProcesses: boolean;
  readonly os?: CaptureOs;
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
  private os: CaptureOs | undefined;
  private readonly transitions = new Map<string, ConnectionRecord>();
  private readonly kernel = new GroupTable();
  private g = newGroups();
  private readonly sides = new RecordSides();
  private fixedOf: Groups | undefined;
  private rowsGroup: Group | undefined;
  private hiddenGroup: Group | undefined;
  /** Set by continueSnapshot: snapshot 0 continues one whose earlier rows another collector saw. */
  private continued = false;
  /** `${local host} ${remote host}` made once per pair (a TIME_WAIT group's key), not once per row. */
  private readonly hostPairs = new Map<string, Map<string, string>>();

  constructor(private readonly options: DiagnosisOptions) {}

  add(r: ConnectionRecord): void {
    if (r.processes.length > 0) this.sawProcesses = true;
    if (this.os === undefined && r.format !== 'conntrack') this.os = osOfFormat(r.format);
    if (r.from !== undefined) {
      this.transitions.set(connectionKey(r), r);
      return;
    }
    if (r.snapshot !== undefined && r.snapshot !== this.snapshot) {
      if (r.snapshot < this.snapshot) return;
      this.nextSnapshot(r.snapshot);
    }
    this.tally(r);
  }

  /**
   * add() for a row read without a record (ssSummaryRows), given the fields the diagnosis reads: the local and
   * remote hosts and ports as in its endpoints (`src` makes those when a group needs a sample), `timerKind` as
   * TimerInfo.kind, `owner` the first owner's processLabel.
   */
  addRow(
    format: LogFormat,
    state: TcpState,
    lh: string,
    lp: string,
    rh: string,
    rp: string,
    src: EndpointSource,
    line: number,
    snapshot: number,
    recvQ: number | undefined,
    sendQ: number | undefined,
    timerKind: string | undefined,
    owner: string | undefined,
  ): void {
    if (owner !== undefined) this.sawProcesses = true;
    if (this.os === undefined && format !== 'conntrack') this.os = osOfFormat(format);
    if (snapshot !== this.snapshot) {
      if (snapshot < this.snapshot) return;
      this.nextSnapshot(snapshot);
    }
    this.tallyRow(format, state, lh, lp, rh, rp, src, line, recvQ, sendQ, timerKind, owner);
  }

  addKernelEvent(e: KernelEvent): void {
    const sample = { host: '', port: '' };
    if (e.kind === 'syn-flood') {
      const g = this.kernel.bump(0, 'syn-flood', e.port ?? '', sample, e.line);
      g.label = e.port ?? '';
      // tcp_syn_flood_action (net/ipv4/tcp_input.c) ends the line "Sending cookies." or "Dropping request."
      if (/Dropping request/i.test(e.text)) g.flagged++;
    } else this.kernel.bump(1, 'conntrack-full', '', sample, e.line).label = e.port ?? '';
  }

  /**
   * For the second part of an input parsed on its own: records of snapshot 0 continue a snapshot whose
   * earlier rows another collector saw. A CLOSE_WAIT row without an owner whose grouping depends on LISTEN
   * rows of that earlier part is kept in an undecided group that `merge` settles.
   */
  continueSnapshot(): void {
    this.continued = true;
  }

  /** A new snapshot discards the last one's groups (and, through fixedOf, the fixed groups cached from them). */
  private nextSnapshot(snapshot: number): void {
    this.snapshot = snapshot;
    for (const n of GROUP_NAMES) this.g[n].clear();
    this.fixedOf = undefined;
  }

  /** What this collector gathered, for another collector's `merge` (kernel events are not included). */
  part(): DiagnosisPart {
    const g = this.g;
    return {
      snapshot: this.snapshot,
      sawProcesses: this.sawProcesses,
      os: this.os,
      transitions: [...this.transitions],
      groups: partGroups(g),
    };
  }

  /**
   * Folds in what a collector (in continueSnapshot mode) gathered from the rest of the input, as if its
   * records had been added here: its snapshot k is this input's snapshot k + snapshotShift (snapshot 0
   * continuing this collector's last one), its line n is line n + lineShift. Groups keep first-seen order.
   */
  merge(part: DiagnosisPart, snapshotShift: number, lineShift: number): void {
    if (part.sawProcesses) this.sawProcesses = true;
    if (this.os === undefined) this.os = part.os;
    for (const [key, r] of part.transitions) this.transitions.set(key, { ...r, line: r.line + lineShift });
    if (part.snapshot < 0) return;
    const snapshot = part.snapshot + snapshotShift;
    if (snapshot !== this.snapshot) {
      this.nextSnapshot(snapshot);
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

  /** A conntrack row is a flow a firewall/NAT tracks, not a socket of this host: it gets conntrack findings only. */
  private tallyConntrack(r: ConnectionRecord): void {
    const { remote, line } = r;
    this.g.ctall.bump(0, 'all', '', remote, line);
    if (r.state === 'SYN_SENT' && r.conntrack?.unreplied === true)
      this.g.ctunreplied.bump(0, remote.host, remote.port, remote, line);
    const ttl = r.conntrack?.ttl ?? 0;
    if (r.state === 'ESTABLISHED' && ttl > LONG_CONNTRACK_TTL) {
      const g = this.g.ctlong.bump(0, 'long', '', remote, line);
      g.maxQ = Math.max(g.maxQ, ttl);
    }
  }

  private tally(r: ConnectionRecord): void {
    if (r.format === 'conntrack') {
      this.tallyConntrack(r);
      return;
    }
    const owner = r.processes[0];
    const sides = this.sides;
    sides.local = r.local;
    sides.remote = r.remote;
    this.tallyRow(
      r.format,
      r.state,
      r.local.host,
      r.local.port,
      r.remote.host,
      r.remote.port,
      sides,
      r.line,
      r.recvQ,
      r.sendQ,
      r.timer?.kind,
      owner === undefined ? undefined : processLabel(owner),
    );
  }

  private tallyRow(
    format: LogFormat,
    state: TcpState,
    lh: string,
    lp: string,
    rh: string,
    rp: string,
    src: EndpointSource,
    line: number,
    recvQ: number | undefined,
    sendQ: number | undefined,
    timerKind: string | undefined,
    name: string | undefined,
  ): void {
    if (format === 'ss') {
      // Every ss row bumps these two fixed groups: keep them at hand rather than look them up per row.
      if (this.fixedOf !== this.g) {
        this.fixedOf = this.g;
        this.rowsGroup = undefined;
        this.hiddenGroup = undefined;
      }
      if (!bumpAgain(this.rowsGroup, line))
        this.rowsGroup = this.g.ssrows.bumpFrom(0, 'rows', '', src, 0, line);
      if (
        (state === 'LISTEN' || state === 'TIME_WAIT' || state === 'SYN_RECEIVED') &&
        !bumpAgain(this.hiddenGroup, line)
      )
        this.hiddenGroup = this.g.ssrows.bumpFrom(0, 'hidden', '', src, 0, line);
    }
    switch (state) {
      case 'LISTEN': {
        this.g.listen.bumpFrom(0, lp, '', src, 0, line);
        const backlog = sendQ ?? 0;
        const queued = recvQ ?? 0;
        // ss prints the accept queue as Recv-Q and min(backlog, somaxconn) as Send-Q on LISTEN rows; a backlog
        // of 0 still admits one connection (sk_acceptq_is_full tests >), so Recv-Q 1 over Send-Q 0 overflows.
        if (format === 'ss' && sendQ !== undefined && queued > 0 && queued >= backlog) {
          const g = this.g.accept.bumpFrom(0, lh, lp, src, 0, line);
          g.maxQ = Math.max(g.maxQ, recvQ ?? 0);
          g.backlog = backlog;
        }
        return;
      }
      case 'SYN_RECEIVED':
        this.g.synrecv.bumpFrom(0, lh, lp, src, 0, line);
        return;
      case 'SYN_SENT':
        this.g.synsent.bumpFrom(0, rh, rp, src, 1, line);
        return;
      case 'TIME_WAIT':
        // Ports are exhausted per (local IP, destination IP, destination port): group by the local IP too.
        if (rp !== '*') {
          const g = this.g.timewait.bumpFrom(0, this.hostPair(lh, rh), rp, src, 1, line);
          if (g.count === 1) g.label = `${lh} → ${formatEndpoint(src.endpointAt(1))}`;
        }
        return;
      case 'LAST_ACK':
        this.g.lastack.bumpFrom(0, '', '', src, 0, line);
        return;
      case 'FIN_WAIT_2':
        if (timerKind === 'timewait') this.g.fw2.bumpFrom(0, 'timer', '', src, 0, line);
        else if (name === undefined) this.g.fw2.bumpFrom(0, 'noproc', '', src, 0, line);
        return;
      case 'ESTABLISHED':
        if ((sendQ ?? 0) >= this.options.sendQThreshold) {
          const g = this.g.sendq.bumpFrom(0, rh, rp, src, 1, line);
          g.maxQ = Math.max(g.maxQ, sendQ ?? 0);
          if (timerKind === 'persist' || timerKind === 'probe') g.flagged++;
        }
        return;
      case 'CLOSE_WAIT': {
        // Grouped by owner when the capture names processes, else by the service side: the local address when
        // its port listens (ss and netstat list LISTEN rows first) or faces an ephemeral remote port, else the destination.
        let g: Group;
        if (name !== undefined) {
          g = this.g.closewait.bumpFrom(CW_PROCESS, name, '', src, 0, line);
          g.label = name;
        } else {
          const remotePort = Number(rp);
          const serviceLocal = this.g.listen.has(0, lp) || (remotePort >= 32768 && Number(lp) < remotePort);
          if (!serviceLocal && this.continued && this.snapshot === 0) {
            // Whether local.port listens may depend on rows before this part: merge decides.
            g = this.g.closewait.bumpFrom(CW_UNDECIDED, `${lh} ${lp}`, `${rh} ${rp}`, src, 1, line);
            if (g.local === undefined) (g as { local?: Endpoint }).local = src.endpointAt(0);
          } else {
            g = serviceLocal
              ? this.g.closewait.bumpFrom(CW_LOCAL, lh, lp, src, 0, line)
              : this.g.closewait.bumpFrom(CW_REMOTE, rh, rp, src, 1, line);
          }
        }
        if ((recvQ ?? 0) > 0) g.flagged++;
        return;
      }
      default:
        return;
    }
  }

  private hostPair(lh: string, rh: string): string {
    let byRemote = this.hostPairs.get(lh);
    if (byRemote === undefined) {
      byRemote = new Map();
      this.hostPairs.set(lh, byRemote);
    }
    let key = byRemote.get(rh);
    if (key === undefined) {
      key = `${lh} ${rh}`;
      byRemote.set(rh, key);
    }
    return key;
  }

  findings(): Finding[] {
    if (this.transitions.size > 0) {
      const finals = [...this.transitions.values()]
        .filter((r) => r.state !== 'CLOSED')
        .sort((a, b) => a.line - b.line);
      this.transitions.clear();
      for (const r of finals) this.tally({ ...r, from: undefined });
    }
    return buildFindings(this.g, this.kernel, this.options, {
      sawProcesses: this.sawProcesses,
      os: this.os ?? 'linux',
    });
  }
}
