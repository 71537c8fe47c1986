// Pure (runs anywhere): diagnosis as a streaming fold, so a million-line capture never has to be held in memory.
import type { TcpState } from '../tcp/types';
import { formatEndpoint } from './address';
import type { DiagnosisOptions, Finding, Severity } from './diagnosis';
import * as text from './findingText';
import { connectionKey } from './history';
import type { ConnectionRecord, Endpoint, KernelEvent } from './types';

export const MAX_EVIDENCE_LINES = 200;

const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Most severe first, then by count, then by kind and subject so the order is stable. */
export function compareFindings(a: Finding, b: Finding): number {
  return RANK[a.severity] - RANK[b.severity] || b.count - a.count || a.id.localeCompare(b.id) || (a.subject ?? '').localeCompare(b.subject ?? '');
}

interface Group {
  /** An endpoint standing for the group, formatted only when a finding is made. */
  readonly sample: Endpoint;
  count: number;
  readonly lines: number[];
  /** Largest Recv-Q (accept queue) or Send-Q seen, and the backlog for LISTEN rows. */
  maxQ: number;
  backlog: number;
  /** Sockets with unread data (CLOSE_WAIT) or a persist timer (Send-Q). */
  flagged: number;
  /** Subject when it is not an endpoint: a process name, a port from a kernel message. */
  label?: string;
}

function bump(map: Map<string, Group>, key: string, sample: Endpoint, line: number): Group {
  let g = map.get(key);
  if (g === undefined) {
    g = { sample, count: 0, lines: [], maxQ: 0, backlog: 0, flagged: 0 };
    map.set(key, g);
  }
  g.count++;
  if (g.lines.length < MAX_EVIDENCE_LINES) g.lines.push(line);
  return g;
}

function finding(id: string, severity: Severity, state: TcpState | undefined, t: text.FindingText, g: Group, subject?: string): Finding {
  return { id, severity, state, title: t.title, message: t.message, lines: g.lines, count: g.count, subject };
}

/** Per-snapshot groups, keyed by endpoint (`host port`) or by owner. */
interface Groups {
  readonly listen: Map<string, Group>;
  readonly accept: Map<string, Group>;
  readonly synrecv: Map<string, Group>;
  readonly synsent: Map<string, Group>;
  readonly timewait: Map<string, Group>;
  readonly lastack: Map<string, Group>;
  readonly fw2: Map<string, Group>;
  readonly sendq: Map<string, Group>;
  readonly closewait: Map<string, Group>;
}

function newGroups(): Groups {
  const m = (): Map<string, Group> => new Map();
  return { listen: m(), accept: m(), synrecv: m(), synsent: m(), timewait: m(), lastack: m(), fw2: m(), sendq: m(), closewait: m() };
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
  private readonly kernel = new Map<string, Group>();
  private g = newGroups();

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
    const key = e.kind === 'syn-flood' ? `syn-flood ${e.port ?? ''}` : 'conntrack-full';
    bump(this.kernel, key, { host: '', port: '' }, e.line).label = e.port ?? '';
  }

  private tally(r: ConnectionRecord): void {
    const { local, remote, line } = r;
    switch (r.state) {
      case 'LISTEN': {
        bump(this.g.listen, local.port, local, line);
        const backlog = r.sendQ ?? 0;
        if (r.format === 'ss' && backlog > 0 && (r.recvQ ?? 0) >= backlog) {
          const g = bump(this.g.accept, `${local.host} ${local.port}`, local, line);
          g.maxQ = Math.max(g.maxQ, r.recvQ ?? 0);
          g.backlog = backlog;
        }
        return;
      }
      case 'SYN_RECEIVED':
        bump(this.g.synrecv, `${local.host} ${local.port}`, local, line);
        return;
      case 'SYN_SENT':
        bump(this.g.synsent, `${remote.host} ${remote.port}`, remote, line);
        return;
      case 'TIME_WAIT':
        if (remote.port !== '*') bump(this.g.timewait, `${remote.host} ${remote.port}`, remote, line);
        return;
      case 'LAST_ACK':
        bump(this.g.lastack, '', local, line);
        return;
      case 'FIN_WAIT_2':
        if (r.timer?.kind === 'timewait') bump(this.g.fw2, 'timer', local, line);
        else if (r.processes.length === 0) bump(this.g.fw2, 'noproc', local, line);
        return;
      case 'ESTABLISHED':
        if ((r.sendQ ?? 0) >= this.options.sendQThreshold) {
          const g = bump(this.g.sendq, `${remote.host} ${remote.port}`, remote, line);
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
          g = bump(this.g.closewait, `p ${name}`, local, line);
          g.label = name;
        }
        else {
          const remotePort = Number(remote.port);
          const serviceLocal = this.g.listen.has(local.port) || (remotePort >= 32768 && Number(local.port) < remotePort);
          const side = serviceLocal ? local : remote;
          g = bump(this.g.closewait, `${serviceLocal ? 'l' : 'r'} ${side.host} ${side.port}`, side, line);
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
      const finals = [...this.transitions.values()].filter((r) => r.state !== 'CLOSED').sort((a, b) => a.line - b.line);
      this.transitions.clear();
      for (const r of finals) this.tally({ ...r, from: undefined });
    }
    const o = this.options;
    const out: Finding[] = [];
    const label = (g: Group): string => g.label ?? formatEndpoint(g.sample);
    for (const g of this.g.closewait.values()) {
      if (g.count < o.closeWaitThreshold) continue;
      const s = label(g);
      out.push(finding('close-wait-pileup', 'warning', 'CLOSE_WAIT', text.closeWaitText(g.count, s, g.flagged), g, s));
    }
    for (const g of this.g.timewait.values()) {
      if (g.count < o.timeWaitThreshold) continue;
      const share = g.count / o.ephemeralPorts;
      const severity: Severity = share >= 0.75 ? 'error' : share >= 0.25 ? 'warning' : 'info';
      const s = label(g);
      out.push(finding('time-wait-ports', severity, 'TIME_WAIT', text.timeWaitText(g.count, s, o.ephemeralPorts, o.timeWaitSeconds), g, s));
    }
    for (const g of this.g.synrecv.values()) {
      if (g.count < o.synRecvThreshold) continue;
      const s = label(g);
      out.push(finding('syn-recv-backlog', 'warning', 'SYN_RECEIVED', text.synRecvText(g.count, s), g, s));
    }
    for (const g of this.g.synsent.values()) {
      if (g.count < o.synSentThreshold) continue;
      const s = label(g);
      out.push(finding('syn-sent-stuck', 'warning', 'SYN_SENT', text.synSentText(g.count, s), g, s));
    }
    for (const g of this.g.accept.values()) {
      const s = label(g);
      out.push(finding('accept-queue-overflow', 'error', 'LISTEN', text.acceptQueueText(s, g.maxQ, g.backlog), g, s));
    }
    const fw2 = this.g.fw2;
    const orphans = [fw2.get('timer'), this.sawProcesses ? fw2.get('noproc') : undefined].filter((g): g is Group => g !== undefined);
    const orphanCount = orphans.reduce((n, g) => n + g.count, 0);
    if (orphanCount > 0 && orphanCount >= o.finWait2Threshold) {
      const lines = orphans.flatMap((g) => g.lines).sort((a, b) => a - b).slice(0, MAX_EVIDENCE_LINES);
      const g: Group = { sample: orphans[0].sample, count: orphanCount, lines, maxQ: 0, backlog: 0, flagged: 0 };
      out.push(finding('fin-wait-2-orphans', 'warning', 'FIN_WAIT_2', text.finWait2Text(orphanCount), g));
    }
    const lastAck = this.g.lastack.get('');
    if (lastAck !== undefined && lastAck.count >= o.lastAckThreshold) {
      out.push(finding('last-ack-lingering', 'warning', 'LAST_ACK', text.lastAckText(lastAck.count), lastAck));
    }
    for (const g of this.g.sendq.values()) {
      const s = label(g);
      out.push(finding('send-q-stuck', 'warning', 'ESTABLISHED', text.sendQText(g.count, s, g.maxQ, g.flagged), g, s));
    }
    for (const [key, g] of this.kernel) {
      if (key === 'conntrack-full') out.push(finding('kernel-conntrack-full', 'error', undefined, text.conntrackText(g.count), g));
      else out.push(finding('kernel-syn-flood', 'warning', 'SYN_RECEIVED', text.synFloodText(g.count, label(g)), g, label(g)));
    }
    return out.sort(compareFindings);
  }
}
