// Pure (extension host, unit tests): a packet line as the sidebar diagram draws it — both ends' observed paths.
import { formatEndpoint } from '../parse/address';
import type { DiagramSelection, DiagramStep, DiagramTraceEnd } from '../protocol/messages';
import { findTransition, transitionById } from '../tcp/transitions';
import type { Lang, TcpState } from '../tcp/types';
import { packetRole, traceCaption } from '../text/traceText';
import type { TracePacket } from '../trace/traceTypes';
import type { PacketAt, TraceIndex } from './traceIndex';

/** A state change caused by a RST takes the reset edge (RFC 9293 §3.10.7.4), not the timeout or close row. */
function edge(from: TcpState, to: TcpState, rst: boolean): DiagramStep | undefined {
  const t = (rst ? transitionById(`rst-${from}`) : undefined) ?? findTransition(from, to);
  return t === undefined || t.to !== to ? undefined : { from, to, transitionId: t.id, observed: true };
}

/**
 * One end's distinct states from its first packet to `at`, as observed steps. Two states no single edge joins
 * (a capture that missed packets) leave a gap rather than an invented edge.
 */
export function endSteps(
  index: TraceIndex,
  at: PacketAt,
  pick: (p: TracePacket, after: boolean) => TcpState,
): { steps: DiagramStep[]; states: TcpState[] } {
  const first = index.packetOf(at.connection, 0);
  const states: TcpState[] = [pick(first, false)];
  const steps: DiagramStep[] = [];
  for (let pos = 0; pos <= at.position; pos++) {
    const p = index.packetOf(at.connection, pos);
    const to = pick(p, true);
    const from = states[states.length - 1];
    if (to === from) continue;
    states.push(to);
    const s = edge(from, to, p.packet.rst);
    if (s !== undefined) steps.push(s);
  }
  return { steps, states };
}

const clientPick = (p: TracePacket, after: boolean): TcpState => (after ? p.clientState : p.clientBefore);
const serverPick = (p: TracePacket, after: boolean): TcpState => (after ? p.serverState : p.serverBefore);

/** The selection for a packet line: its own state/steps are the client's, so a diagram without `trace` still draws. */
export function traceSelection(index: TraceIndex, at: PacketAt, lang: Lang): DiagramSelection {
  const c = at.connection;
  const client = endSteps(index, at, clientPick);
  const server = endSteps(index, at, serverPick);
  const clientEnd: DiagramTraceEnd = {
    endpoint: formatEndpoint(c.client),
    state: at.packet.clientState,
    steps: client.steps,
  };
  const serverEnd: DiagramTraceEnd = {
    endpoint: formatEndpoint(c.server),
    state: at.packet.serverState,
    steps: server.steps,
  };
  return {
    state: at.packet.clientState,
    rawState: at.packet.clientState,
    local: clientEnd.endpoint,
    remote: serverEnd.endpoint,
    line: at.packet.packet.line,
    steps: client.steps,
    alternatives: [],
    observedStates: client.states,
    caption: traceCaption(at, lang),
    trace: {
      client: clientEnd,
      server: serverEnd,
      packet: at.position + 1,
      packetCount: c.packets.length,
      role: packetRole(index, at, lang),
    },
  };
}
