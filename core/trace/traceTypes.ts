// Pure (runs anywhere): the types of a reconstructed trace, shared by the reconstruction, the CLI and the editor.
import type { Endpoint } from '../parse/types';
import type { TcpState } from '../tcp/types';
import type { ClientBasis } from './clientGuess';
import type { PacketLine } from './packetParser';

/** What a packet does in its connection, for hovers and the CLI. */
export type PacketRole =
  | 'syn'
  | 'syn-ack'
  | 'handshake-ack'
  | 'data'
  | 'ack'
  | 'duplicate-ack'
  | 'fin'
  | 'fin-ack'
  | 'final-ack'
  | 'retransmission'
  | 'reset-refused'
  | 'reset'
  | 'reset-time-wait';

/** What a later packet showed about this one (worded in core/text/revisionText.ts), for text in any language. */
export type RevisionKind =
  'fin-not-acked' | 'ack-lost' | 'fin-lost' | 'syn-lost' | 'no-listener' | 'simultaneous-open';

export interface Revision {
  readonly kind: RevisionKind;
  /** Why this packet's effect was revised (English; the CLI prints it). */
  readonly reason: string;
  /** The line of the packet that proved it. */
  readonly byLine: number;
}

export interface TracePacket {
  readonly packet: PacketLine;
  /** Index into TraceResult.connections. */
  readonly connection: number;
  readonly fromClient: boolean;
  readonly clientBefore: TcpState;
  readonly serverBefore: TcpState;
  readonly clientState: TcpState;
  readonly serverState: TcpState;
  readonly role: PacketRole;
  /** True when the sender had sent this sequence space before. */
  readonly retransmission: boolean;
  /** Set when a later packet proved this one never reached its receiver. */
  readonly revision?: Revision;
}

/** Zeek-like connection outcome. */
export type TraceOutcome = 'SF' | 'S0' | 'S1' | 'S2' | 'S3' | 'REJ' | 'RSTO' | 'RSTR' | 'OTH';

export interface TraceConnection {
  readonly index: number;
  readonly client: Endpoint;
  readonly server: Endpoint;
  /** The trace starts after the handshake: client and server were guessed from the ports. */
  readonly midStart: boolean;
  /** How the client was told (`ports`: guessed, the trace starts mid-connection). */
  readonly clientBasis: ClientBasis;
  /** Says why this end is the client; starts with "guessed" when the ports decided. */
  readonly clientReason: string;
  /** Both ends sent a bare SYN (RFC 9293 §3.5 figure 8): there is no listener, "client" is the first SYN's sender. */
  readonly simultaneousOpen: boolean;
  /** Indices into TraceResult.packets. */
  readonly packets: readonly number[];
  readonly clientStates: readonly TcpState[];
  readonly serverStates: readonly TcpState[];
  readonly outcome: TraceOutcome;
  /** Zeek-style history (`ShADadFf`): upper case client, lower case server, each letter once. */
  readonly history: string;
  /** Nothing listened on the server port (the SYN was answered by a RST). */
  readonly refused: boolean;
  readonly zeroWindow: boolean;
  readonly finRetransmitted: boolean;
}

export interface TraceResult {
  readonly packets: readonly TracePacket[];
  readonly connections: readonly TraceConnection[];
}
