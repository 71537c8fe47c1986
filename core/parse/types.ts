// Pure (runs anywhere): what the log parsers produce.
import type { TcpState } from '../tcp/types';

/** The dialect a connection line was recognised as. */
export type LogFormat = 'ss' | 'netstat' | 'bsd' | 'windows' | 'proc' | 'lsof' | 'conntrack' | 'tcpstates';

/** One side of a connection. */
export interface Endpoint {
  /** Normalised host: IPv4 dotted, IPv6 lowercase compressed without brackets, '*' for a wildcard. */
  readonly host: string;
  /** Port as printed in decimal, or '*' for a wildcard. */
  readonly port: string;
  /** IPv6 zone or interface suffix (`%eth0`, `%lo`), kept apart from the host. */
  readonly scope?: string;
  /** True when the host was written as an IPv4-mapped IPv6 address (`::ffff:10.0.0.1`); host then holds the IPv4 form. */
  readonly v4mapped?: boolean;
}

/** A process owning the socket, as far as the tool showed it. */
export interface ProcessRef {
  readonly name: string;
  readonly pid?: number;
  readonly fd?: number;
}

/** A socket timer (`ss -o`, `netstat -o`, /proc `tr`/`tm->when`). */
export interface TimerInfo {
  /** on | keepalive | timewait | persist | delack | probe | off | unknown, as the tool named it (lowercase). */
  readonly kind: string;
  /** Remaining time in seconds, when shown. */
  readonly seconds?: number;
  readonly retrans?: number;
  readonly probes?: number;
  /** The timer text exactly as it appeared. */
  readonly raw: string;
}

/** One recognised connection line. Column offsets are 0-based UTF-16 offsets into the line. */
export interface ConnectionRecord {
  /** 1-based line number in the input. */
  readonly line: number;
  readonly format: LogFormat;
  /** Canonical state (for conntrack: conntrack's own state mapped; for tcpstates: the new state). */
  readonly state: TcpState;
  /** The state text exactly as printed (`ESTAB`, `VERBUNDEN`, `ABH™REN`, `06`). */
  readonly rawState: string;
  /** Column range [stateStart, stateEnd) of rawState in the line. */
  readonly stateStart: number;
  readonly stateEnd: number;
  readonly local: Endpoint;
  readonly remote: Endpoint;
  /** tcp, tcp6, tcp4, tcp46 … when the line names it. */
  readonly proto?: string;
  readonly recvQ?: number;
  readonly sendQ?: number;
  readonly processes: readonly ProcessRef[];
  /** Owning process id when the tool printed a PID column without a name (Windows `netstat -o`, macOS `netstat -v`). */
  readonly pid?: number;
  readonly user?: string;
  readonly uid?: number;
  readonly inode?: number;
  readonly timer?: TimerInfo;
  /** 0-based snapshot index when the input holds repeated snapshots. */
  readonly snapshot?: number;
  /** The snapshot's or the transition's time as printed. */
  readonly time?: string;
  /** Previous state, for transition logs (bcc tcpstates). */
  readonly from?: TcpState;
  /** Raw text of the previous state, for transition logs. */
  readonly rawFrom?: string;
  /** Extra detail attached from a continuation line (`ss -i` tcp_info), with that line's number. */
  info?: string;
  infoLine?: number;
  /** conntrack extras */
  readonly conntrack?: { readonly ttl?: number; readonly unreplied?: boolean; readonly assured?: boolean };
}

/** A block of lines that is one snapshot of the connection table. */
export interface SnapshotInfo {
  readonly index: number;
  /** 1-based line of the first line of the block (the timestamp or header line). */
  readonly startLine: number;
  /** Last line of the block, inclusive. */
  endLine: number;
  /** The snapshot's time as printed, when a timestamp or `date` line preceded it. */
  readonly time?: string;
}

/** The whole-input result of parsing. */
export interface ParseResult {
  readonly records: readonly ConnectionRecord[];
  readonly snapshots: readonly SnapshotInfo[];
  /** Notable non-connection lines (kernel SYN flood / conntrack table full). */
  readonly kernelEvents: readonly KernelEvent[];
}

export interface KernelEvent {
  readonly line: number;
  readonly kind: 'syn-flood' | 'conntrack-full';
  readonly text: string;
  readonly port?: string;
}
