// Pure (runs anywhere): turns the collector's tallies into findings, thresholds applied, most severe first.
import { formatEndpoint } from '../parse/address';
import type { CaptureOs, DiagnosisOptions, Finding, Severity } from './diagnosisTypes';
import { PORT_PROFILES } from './diagnosisTypes';
import * as text from './findingText';
import * as ct from './conntrackText';
import { compareFindings, MAX_EVIDENCE_LINES, type Group, type Groups, type GroupTable } from './groupTable';
import type { TcpState } from '../tcp/types';

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

/** What the collector knows beyond its groups. */
export interface FindingContext {
  readonly sawProcesses: boolean;
  readonly os: CaptureOs;
}

const label = (g: Group): string => g.label ?? formatEndpoint(g.sample);

function socketFindings(g: Groups, o: DiagnosisOptions, ctx: FindingContext, out: Finding[]): void {
  for (const x of g.closewait.list) {
    if (x.count < o.closeWaitThreshold) continue;
    const s = label(x);
    out.push(
      finding('close-wait-pileup', 'warning', 'CLOSE_WAIT', text.closeWaitText(x.count, s, x.flagged), x, s),
    );
  }
  const profile = PORT_PROFILES[ctx.os];
  const ports = o.ephemeralPorts ?? profile.ports;
  const seconds = o.timeWaitSeconds ?? profile.timeWaitSeconds;
  for (const x of g.timewait.list) {
    if (x.count < o.timeWaitThreshold) continue;
    const share = x.count / ports;
    const severity: Severity = share >= 0.75 ? 'error' : share >= 0.25 ? 'warning' : 'info';
    const s = label(x);
    out.push(
      finding(
        'time-wait-ports',
        severity,
        'TIME_WAIT',
        text.timeWaitText(x.count, s, ports, seconds, ctx.os),
        x,
        s,
      ),
    );
  }
  for (const x of g.synrecv.list) {
    if (x.count < o.synRecvThreshold) continue;
    const s = label(x);
    out.push(finding('syn-recv-backlog', 'warning', 'SYN_RECEIVED', text.synRecvText(x.count, s), x, s));
  }
  for (const x of g.synsent.list) {
    if (x.count < o.synSentThreshold) continue;
    const s = label(x);
    out.push(finding('syn-sent-stuck', 'warning', 'SYN_SENT', text.synSentText(x.count, s), x, s));
  }
  for (const x of g.accept.list) {
    const s = label(x);
    // The kernel drops a new connection when sk_ack_backlog > sk_max_ack_backlog (sk_acceptq_is_full,
    // include/net/sock.h): Recv-Q above Send-Q is overflowing, equal is full.
    const over = x.maxQ > x.backlog;
    out.push(
      finding(
        over ? 'accept-queue-overflow' : 'accept-queue-full',
        over ? 'error' : 'warning',
        'LISTEN',
        text.acceptQueueText(s, x.maxQ, x.backlog),
        x,
        s,
      ),
    );
  }
  const fw2 = g.fw2;
  const orphans = [fw2.get(0, 'timer', ''), ctx.sawProcesses ? fw2.get(0, 'noproc', '') : undefined].filter(
    (x): x is Group => x !== undefined,
  );
  const orphanCount = orphans.reduce((n, x) => n + x.count, 0);
  if (orphanCount > 0 && orphanCount >= o.finWait2Threshold) {
    const lines = orphans
      .flatMap((x) => x.lines)
      .sort((a, b) => a - b)
      .slice(0, MAX_EVIDENCE_LINES);
    const x: Group = {
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
    out.push(finding('fin-wait-2-orphans', 'warning', 'FIN_WAIT_2', text.finWait2Text(orphanCount), x));
  }
  const lastAck = g.lastack.get(0, '', '');
  if (lastAck !== undefined && lastAck.count >= o.lastAckThreshold)
    out.push(finding('last-ack-lingering', 'warning', 'LAST_ACK', text.lastAckText(lastAck.count), lastAck));
  for (const x of g.sendq.list) {
    const s = label(x);
    out.push(
      finding('send-q-stuck', 'warning', 'ESTABLISHED', text.sendQText(x.count, s, x.maxQ, x.flagged), x, s),
    );
  }
  // `ss -t` without -a lists only established-like rows: no LISTEN, TIME-WAIT or SYN-RECV (ss(8), -a).
  const rows = g.ssrows.get(0, 'rows', '');
  if (rows !== undefined && rows.count >= 5 && g.ssrows.get(0, 'hidden', '') === undefined)
    out.push(finding('ss-without-a', 'info', undefined, text.ssWithoutAText(rows.count), rows));
}

function conntrackFindings(g: Groups, o: DiagnosisOptions, out: Finding[]): void {
  const all = g.ctall.get(0, 'all', '');
  if (all !== undefined && o.conntrackMax !== undefined && all.count >= 0.8 * o.conntrackMax)
    out.push(
      finding(
        'conntrack-table-near-full',
        all.count >= o.conntrackMax ? 'error' : 'warning',
        undefined,
        ct.conntrackNearFullText(all.count, o.conntrackMax),
        all,
      ),
    );
  for (const x of g.ctunreplied.list) {
    if (x.count < o.conntrackUnrepliedThreshold) continue;
    const s = label(x);
    out.push(
      finding('conntrack-unreplied', 'warning', 'SYN_SENT', ct.conntrackUnrepliedText(x.count, s), x, s),
    );
  }
  const long = g.ctlong.get(0, 'long', '');
  if (long !== undefined && long.count >= o.conntrackLongEstablishedThreshold)
    out.push(
      finding(
        'conntrack-established-long',
        'info',
        'ESTABLISHED',
        ct.conntrackLongEstablishedText(long.count, long.maxQ),
        long,
      ),
    );
}

function kernelFindings(kernel: GroupTable, out: Finding[]): void {
  for (const x of kernel.list) {
    if (x.a === 'conntrack-full') {
      out.push(finding('kernel-conntrack-full', 'error', undefined, text.conntrackText(x.count), x));
      continue;
    }
    const s = label(x);
    out.push(
      finding(
        'kernel-syn-flood',
        x.flagged > 0 ? 'error' : 'warning',
        'SYN_RECEIVED',
        text.synFloodText(x.count, s, x.flagged > 0),
        x,
        s,
      ),
    );
  }
}

/** All findings of one snapshot's groups and the kernel lines, sorted by compareFindings. */
export function buildFindings(
  g: Groups,
  kernel: GroupTable,
  o: DiagnosisOptions,
  ctx: FindingContext,
): Finding[] {
  const out: Finding[] = [];
  socketFindings(g, o, ctx, out);
  conntrackFindings(g, o, out);
  kernelFindings(kernel, out);
  return out.sort(compareFindings);
}
