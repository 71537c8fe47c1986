// Node (webview tier): trace selections built from the real packet captures (test/fixtures/traces) with the product's
// own reconstruction, as the host sends them when the cursor is on a packet line.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DiagramSelection, DiagramStep, DiagramTraceEnd } from '../../core/protocol/messages';
import { formatEndpoint } from '../../core/parse/address';
import { TracePacketParser, type PacketLine } from '../../core/trace/packetParser';
import { reconstructTrace, type TracePacket } from '../../core/trace/reconstruct';
import { findTransition } from '../../core/tcp/transitions';
import type { TcpState } from '../../core/tcp/types';

const dir = join(__dirname, '..', 'fixtures', 'traces');

/** One trace fixture, reconstructed: `at(k)` is the selection with the cursor on the connection's k-th packet (1-based). */
export interface FixtureTrace {
  readonly packetCount: number;
  /** Both ends' states after each packet, as the reconstruction (and the fixture's truth file) has them. */
  readonly packets: readonly TracePacket[];
  at(packet: number): DiagramSelection;
}

function steps(states: readonly TcpState[]): DiagramStep[] {
  const out: DiagramStep[] = [];
  for (let i = 1; i < states.length; i++) {
    const from = states[i - 1];
    const to = states[i];
    const tr = from && to ? findTransition(from, to) : undefined;
    if (from && to && tr) out.push({ from, to, transitionId: tr.id, observed: true });
  }
  return out;
}

/** The states an end went through up to packet k, collapsed. */
function endPath(packets: readonly TracePacket[], k: number, pick: 'client' | 'server'): TcpState[] {
  const first = packets[0];
  if (!first) return [];
  const out: TcpState[] = [pick === 'client' ? first.clientBefore : first.serverBefore];
  for (const p of packets.slice(0, k)) {
    const s = pick === 'client' ? p.clientState : p.serverState;
    if (out[out.length - 1] !== s) out.push(s);
  }
  return out;
}

export function fixtureTrace(name: string, connection = 0): FixtureTrace {
  const parser = new TracePacketParser();
  const lines: PacketLine[] = [];
  readFileSync(join(dir, name), 'utf8')
    .split('\n')
    .forEach((l, i) => {
      const p = parser.parseLine(l, i + 1);
      if (p) lines.push(p);
    });
  const result = reconstructTrace(lines);
  const conn = result.connections[connection];
  if (!conn) throw new Error(`${name}: no connection ${connection}`);
  const packets = conn.packets.map((i) => result.packets[i]).filter((p): p is TracePacket => p !== undefined);
  const client = formatEndpoint(conn.client);
  const server = formatEndpoint(conn.server);
  const end = (endpoint: string, path: TcpState[]): DiagramTraceEnd => ({
    endpoint,
    state: path[path.length - 1] ?? 'CLOSED',
    steps: steps(path),
  });
  return {
    packetCount: packets.length,
    packets,
    at(k: number): DiagramSelection {
      const p = packets[k - 1];
      if (!p) throw new Error(`${name}: no packet ${k}`);
      const c = end(client, endPath(packets, k, 'client'));
      const s = end(server, endPath(packets, k, 'server'));
      const local = p.fromClient ? c : s;
      return {
        state: local.state,
        rawState: local.state,
        local: p.fromClient ? client : server,
        remote: p.fromClient ? server : client,
        line: p.packet.line,
        steps: local.steps,
        alternatives: [],
        observedStates: [],
        caption: `${client} → ${server}`,
        trace: { client: c, server: s, packet: k, packetCount: packets.length, role: p.role },
      };
    },
  };
}
