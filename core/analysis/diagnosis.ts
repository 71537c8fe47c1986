// Pure (runs anywhere: host, webview, CLI): what a connection table says is wrong, with the numbers and the evidence lines.
import type { Localized, TcpState } from '../tcp/types';
import { DiagnosisCollector } from './diagnosisCollector';
export { compareFindings, MAX_EVIDENCE_LINES, DiagnosisCollector } from './diagnosisCollector';
import type { ConnectionRecord, KernelEvent } from '../parse/types';

export type Severity = 'error' | 'warning' | 'info';

/** One problem found in the input. */
export interface Finding {
  /** Stable kind: 'close-wait-pileup', 'time-wait-ports', 'syn-recv-backlog', 'syn-sent-stuck',
   *  'accept-queue-overflow', 'fin-wait-2-orphans', 'last-ack-lingering', 'send-q-stuck',
   *  'kernel-syn-flood', 'kernel-conntrack-full'. Several findings may share a kind (one per subject). */
  readonly id: string;
  readonly severity: Severity;
  readonly state?: TcpState;
  readonly title: Localized;
  /** The explanation, with the numbers. */
  readonly message: Localized;
  /** Evidence lines (1-based), at most MAX_EVIDENCE_LINES. */
  readonly lines: number[];
  /** How many sockets (or kernel messages) the finding covers. */
  readonly count: number;
  /** What the finding is about: a process, a listener, a destination. */
  readonly subject?: string;
}

/** Thresholds: a group fires when its count reaches the threshold. */
export interface DiagnosisOptions {
  /** CLOSE_WAIT sockets of one process / listener / destination. */
  readonly closeWaitThreshold: number;
  /** TIME_WAIT sockets to one destination. */
  readonly timeWaitThreshold: number;
  /** SYN_RECEIVED sockets on one listener. */
  readonly synRecvThreshold: number;
  /** SYN_SENT sockets to one destination. */
  readonly synSentThreshold: number;
  /** LAST_ACK sockets in the table. */
  readonly lastAckThreshold: number;
  /** Orphaned FIN_WAIT_2 sockets in the table. */
  readonly finWait2Threshold: number;
  /** Bytes in Send-Q of an ESTABLISHED socket. */
  readonly sendQThreshold: number;
  /** Size of the ephemeral port range (Linux default 32768–60999). */
  readonly ephemeralPorts: number;
  /** How long a socket stays in TIME_WAIT (Linux: TCP_TIMEWAIT_LEN, 60 s). */
  readonly timeWaitSeconds: number;
}

export const DEFAULT_DIAGNOSIS_OPTIONS: DiagnosisOptions = {
  closeWaitThreshold: 10,
  timeWaitThreshold: 1000,
  synRecvThreshold: 50,
  synSentThreshold: 10,
  lastAckThreshold: 10,
  finWait2Threshold: 10,
  sendQThreshold: 262144,
  ephemeralPorts: 60999 - 32768 + 1,
  timeWaitSeconds: 60,
};

/**
 * Diagnoses a parsed input. A time series (records with `snapshot`) is judged on its last snapshot, a
 * transition log (records with `from`) on the state each connection was left in, anything else as a whole.
 * Kernel events count wherever they appear. Findings come most severe first, then largest first.
 */
export function diagnose(
  records: readonly ConnectionRecord[],
  kernelEvents: readonly KernelEvent[] = [],
  options: Partial<DiagnosisOptions> = {},
): Finding[] {
  const collector = new DiagnosisCollector({ ...DEFAULT_DIAGNOSIS_OPTIONS, ...options });
  for (const r of records) collector.add(r);
  for (const e of kernelEvents) collector.addKernelEvent(e);
  return collector.findings();
}
