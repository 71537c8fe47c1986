// Pure (runs anywhere): which end of a connection is the client, and how sure that is.
import type { Endpoint } from '../parse/types';
import type { PacketLine } from './packetParser';

/** How the client was told: a bare SYN's sender and a SYN,ACK's receiver are proved; otherwise the ports guess. */
export type ClientBasis = 'syn' | 'syn-ack' | 'ports';

export interface ClientGuess {
  readonly srcIsClient: boolean;
  readonly basis: ClientBasis;
  /** One sentence for hovers and the CLI; starts with "guessed" when the ports decided. */
  readonly reason: string;
}

// IANA system ports 0–1023 (RFC 6335 §6) are servers' ports; Linux picks a connecting socket's port from
// net.ipv4.ip_local_port_range, 32768–60999 by default (ip-sysctl.rst).
const SYSTEM_PORTS_END = 1024;
const EPHEMERAL_LOW = 32768;
const EPHEMERAL_HIGH = 60999;

const ephemeral = (p: number): boolean => p >= EPHEMERAL_LOW && p <= EPHEMERAL_HIGH;

/**
 * The client of the connection whose first packet in the trace is `first`. A mid-connection start
 * proves nothing about who opened (data, ACKs and FINs flow both ways from either end), so the rule
 * is, in order: the end on a system port (< 1024) is the server; else the end on a port in the
 * ephemeral range 32768–60999 against one outside it is the client; else the higher port is the client.
 */
export function guessClient(first: PacketLine): ClientGuess {
  if (first.syn && !first.ack)
    return { srcIsClient: true, basis: 'syn', reason: 'the sender of the first SYN' };
  if (first.syn) return { srcIsClient: false, basis: 'syn-ack', reason: 'the receiver of the SYN,ACK' };
  return portsGuess(first.src, first.dst);
}

type Why = (c: Endpoint, s: Endpoint) => string;

function portsGuess(a: Endpoint, b: Endpoint): ClientGuess {
  const pa = Number(a.port);
  const pb = Number(b.port);
  const said = (aIsClient: boolean, why: Why): ClientGuess => {
    const c = aIsClient ? a : b;
    const s = aIsClient ? b : a;
    return { srcIsClient: aIsClient, basis: 'ports', reason: `guessed from the ports: ${why(c, s)}` };
  };
  const sys: Why = (_c, s) => `:${s.port} is a system port (below 1024), so that end is the server`;
  const eph: Why = (c) => `:${c.port} is in Linux's ephemeral range 32768–60999, so that end is the client`;
  const high: Why = (c) => `:${c.port} is the higher port, so that end is the client`;
  if (!Number.isInteger(pa) || !Number.isInteger(pb)) {
    // Service names (tcpdump without -nn): the named end is the server.
    const why: Why = (_c, s) => `:${s.port} is a service name, so that end is the server`;
    return said(Number.isInteger(pa) || !Number.isInteger(pb), why);
  }
  if (pa < SYSTEM_PORTS_END !== pb < SYSTEM_PORTS_END) return said(pb < SYSTEM_PORTS_END, sys);
  if (ephemeral(pa) !== ephemeral(pb)) return said(ephemeral(pa), eph);
  return said(pa > pb, high);
}
