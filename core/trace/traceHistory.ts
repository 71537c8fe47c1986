// Pure (runs anywhere): each end of each reconstructed connection as a history: the states it went through, and
// the packet line where it entered each.
import { formatEndpoint } from '../parse/address';
import type { TcpState } from '../tcp/types';
import type { TraceResult } from './traceTypes';

export interface TraceEndHistory {
  readonly side: 'client' | 'server';
  /** Index into TraceResult.connections. */
  readonly connection: number;
  /** This end, formatted `HOST:PORT` as a table record's local endpoint. */
  readonly local: string;
  readonly remote: string;
  /**
   * Distinct successive states, from the state the end was in before the connection's first packet: CLOSED for
   * the client, LISTEN for a server that answered a SYN, CLOSED for an end that never listened (refused, or a
   * simultaneous open), ESTABLISHED for both ends of a trace that starts mid-connection.
   */
  readonly states: readonly TcpState[];
  /**
   * For each state, the 1-based line of the packet that put this end in it; for the first state, the line of the
   * connection's first packet (the state the end was in when that packet was sent).
   */
  readonly lines: readonly number[];
}

/** Client then server, connection by connection, in the order the connections start in the trace. */
export function traceHistories(trace: TraceResult): TraceEndHistory[] {
  const out: TraceEndHistory[] = [];
  for (const c of trace.connections) {
    const first = trace.packets[c.packets[0]];
    const client = formatEndpoint(c.client);
    const server = formatEndpoint(c.server);
    for (const side of ['client', 'server'] as const) {
      const isClient = side === 'client';
      const states: TcpState[] = [isClient ? first.clientBefore : first.serverBefore];
      const lines: number[] = [first.packet.line];
      for (const i of c.packets) {
        const t = trace.packets[i];
        const s = isClient ? t.clientState : t.serverState;
        if (s !== states[states.length - 1]) {
          states.push(s);
          lines.push(t.packet.line);
        }
      }
      out.push({
        side,
        connection: c.index,
        local: isClient ? client : server,
        remote: isClient ? server : client,
        states,
        lines,
      });
    }
  }
  return out;
}
