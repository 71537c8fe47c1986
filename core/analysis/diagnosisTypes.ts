// Pure (runs anywhere): the types and defaults of the diagnosis, shared by diagnosis.ts, the collector, the
// finding builders, the CLI and the extension's settings (one source for the thresholds' defaults).
import { TIME_WAIT_SECONDS } from '../tcp/timeWaitLengths';
import type { Localized, TcpState } from '../tcp/types';

export type Severity = 'error' | 'warning' | 'info';

/** One problem found in the input. */
export interface Finding {
  /** Stable kind: 'close-wait-pileup', 'time-wait-ports', 'syn-recv-backlog', 'syn-sent-stuck',
   *  'accept-queue-full', 'accept-queue-overflow', 'fin-wait-2-orphans', 'last-ack-lingering', 'send-q-stuck',
   *  'kernel-syn-flood', 'kernel-conntrack-full', 'conntrack-table-near-full', 'conntrack-unreplied',
   *  'conntrack-established-long', 'no-time-wait-rows'. Several findings may share a kind (one per subject). */
  readonly id: string;
  readonly severity: Severity;
  readonly state?: TcpState;
  readonly title: Localized;
  /** The explanation, with the numbers. */
  readonly message: Localized;
  /** Evidence lines (1-based), at most MAX_EVIDENCE_LINES. */
  readonly lines: number[];
  /** How many sockets (or kernel messages, or conntrack flows) the finding covers. */
  readonly count: number;
  /** What the finding is about: a process, a listener, a destination. */
  readonly subject?: string;
}

/** Thresholds: a group fires when its count reaches the threshold. */
export interface DiagnosisOptions {
  /** CLOSE_WAIT sockets of one process / listener / destination. */
  readonly closeWaitThreshold: number;
  /** TIME_WAIT sockets to one destination from one local IP. */
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
  /**
   * Size of the ephemeral port range. Undefined: the capture's OS decides (see PORT_PROFILES); a number
   * (`--threshold ephemeral-ports=N`) overrides it for every OS.
   */
  readonly ephemeralPorts?: number;
  /** How long a socket stays in TIME_WAIT. Undefined: the capture's OS decides (see PORT_PROFILES). */
  readonly timeWaitSeconds?: number;
  /** conntrack flows in the table at which the table counts as near full (80 % of nf_conntrack_max), when known. */
  readonly conntrackMax?: number;
  /** conntrack flows stuck in SYN_SENT [UNREPLIED] to one destination. */
  readonly conntrackUnrepliedThreshold: number;
  /** conntrack ESTABLISHED flows whose remaining timeout is above an hour. */
  readonly conntrackLongEstablishedThreshold: number;
}

/**
 * The thresholds' defaults, used by the CLI (`--threshold`), the extension and package.json's
 * `contributes.configuration` (a unit test checks that its defaults equal these).
 */
export const DEFAULT_THRESHOLDS = {
  closeWaitThreshold: 10,
  timeWaitThreshold: 1000,
  synRecvThreshold: 50,
  synSentThreshold: 10,
  lastAckThreshold: 10,
  finWait2Threshold: 10,
  sendQThreshold: 262144,
  conntrackUnrepliedThreshold: 10,
  conntrackLongEstablishedThreshold: 100,
} as const satisfies Partial<DiagnosisOptions>;

export const DEFAULT_DIAGNOSIS_OPTIONS: DiagnosisOptions = { ...DEFAULT_THRESHOLDS };

/** Which OS printed a capture, as its format tells: ss, /proc, conntrack, tcpstates are Linux. */
export type CaptureOs = 'linux' | 'windows' | 'macos';

/** Ephemeral ports and TIME_WAIT length per OS: the port arithmetic of the TIME_WAIT finding. */
export interface PortProfile {
  readonly os: CaptureOs;
  readonly ports: number;
  readonly timeWaitSeconds: number;
  readonly source: string;
}

export const PORT_PROFILES: Readonly<Record<CaptureOs, PortProfile>> = {
  // ip-sysctl.rst, ip_local_port_range: default 32768–60999 (28,232 ports); TIME_WAIT is TCP_TIMEWAIT_LEN,
  // 60 s (include/net/tcp.h), not tunable.
  linux: {
    os: 'linux',
    ports: 60999 - 32768 + 1,
    timeWaitSeconds: TIME_WAIT_SECONDS.linux,
    source: 'net.ipv4.ip_local_port_range',
  },
  // Microsoft, "The default dynamic port range for TCP/IP has changed since Windows Vista and in Windows
  // Server 2008" (KB 929851): 49152–65535 (16,384 ports); TcpTimedWaitDelay default 120 s since Server 2003.
  windows: {
    os: 'windows',
    ports: 65535 - 49152 + 1,
    timeWaitSeconds: TIME_WAIT_SECONDS.windows,
    source: 'netsh int ipv4 show dynamicport tcp',
  },
  // Apple/FreeBSD: net.inet.ip.portrange.first/last 49152–65535; macOS net.inet.tcp.msl 15000 ms → 2 MSL 30 s.
  macos: {
    os: 'macos',
    ports: 65535 - 49152 + 1,
    timeWaitSeconds: TIME_WAIT_SECONDS.macos,
    source: 'net.inet.ip.portrange.first / last',
  },
};
