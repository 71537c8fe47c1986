// Pure (runs anywhere): both ends' RFC 9293 state after every packet of a trace, per connection.
//
// The capture point is not the socket: a packet seen may never have reached its receiver, so the
// packets are first applied as if each arrived, and when a later packet proves one did not (an ACK
// that does not cover a FIN that "arrived", a retransmission of something already acknowledged),
// that packet is marked lost and the connection is replayed, with the reason kept for the hover.
import { formatEndpoint } from '../parse/address';
import type { Endpoint } from '../parse/types';
import type { TcpState } from '../tcp/types';
import type { PacketLine } from './packetParser';
import { guessClient, type ClientGuess } from './clientGuess';
import { normalise, type Seg } from './seqSpace';
import { simulate, type Step } from './simulate';
import type {
  Revision,
  RevisionKind,
  TraceConnection,
  TraceOutcome,
  TracePacket,
  TraceResult,
} from './traceTypes';

export type {
  PacketRole,
  Revision,
  RevisionKind,
  TraceConnection,
  TraceOutcome,
  TracePacket,
  TraceResult,
} from './traceTypes';

const epKey = (e: Endpoint): string => formatEndpoint(e);

const REASONS: Record<RevisionKind, (line: number) => string> = {
  'fin-not-acked': (l) =>
    `this FIN never reached its receiver before the segment on line ${l}, whose ACK does not cover it`,
  'ack-lost': (l) => `this ACK was lost: the retransmission on line ${l} proves it never arrived`,
  'fin-lost': (l) => `this FIN was lost: it is retransmitted on line ${l} and nothing acknowledged it`,
  'syn-lost': (l) => `this SYN was lost: it is retransmitted on line ${l} and nothing answered it`,
  'no-listener': (l) => `nothing listened on the server port: the RST on line ${l} answered this SYN`,
  'simultaneous-open': (l) =>
    `the other end never listened: it sent its own SYN on line ${l}, both ends opened at once (simultaneous open, RFC 9293 §3.5)`,
};

/** At most this many replays per connection; beyond it the remaining evidence is ignored. */
const MAX_REVISIONS = 256;

function reconstructConnection(
  raw: readonly { p: PacketLine; fromClient: boolean }[],
  midStart: boolean,
): { steps: Step[]; revisions: Map<number, Revision>; noListener: boolean; simOpen: boolean } {
  const segs = normalise(raw);
  const lost = new Set<number>();
  const revisions = new Map<number, Revision>();
  let noListener = false;
  let simOpen = false;
  for (let round = 0; ; round++) {
    const r = simulate(segs, lost, noListener || simOpen, midStart);
    if (r.evidence === undefined || round >= MAX_REVISIONS) {
      // Past the bound, the remaining evidence is ignored: the packets stay as last replayed, completed.
      return {
        steps:
          r.evidence === undefined ? r.steps : completeSteps(segs, lost, noListener || simOpen, midStart),
        revisions,
        noListener,
        simOpen,
      };
    }
    const e = r.evidence;
    const reason = REASONS[e.reason](segs[e.by].p.line);
    if (e.simOpen === true) {
      simOpen = true;
      revisions.set(0, { kind: e.reason, reason, byLine: segs[e.by].p.line });
    } else if (e.noListener === true) {
      noListener = true;
      revisions.set(0, { kind: e.reason, reason, byLine: segs[e.by].p.line });
    } else {
      lost.add(e.lost);
      revisions.set(e.lost, { kind: e.reason, reason, byLine: segs[e.by].p.line });
    }
  }
}

function completeSteps(
  segs: readonly Seg[],
  lost: ReadonlySet<number>,
  noListener: boolean,
  midStart: boolean,
): Step[] {
  return simulate(segs, lost, noListener, midStart, true).steps;
}

function history(raw: readonly { p: PacketLine; fromClient: boolean }[], steps: readonly Step[]): string {
  let h = '';
  const add = (c: string, client: boolean): void => {
    const l = client ? c : c.toLowerCase();
    if (!h.includes(l)) h += l;
  };
  raw.forEach((r, i) => {
    const p = r.p;
    if (p.syn && !p.ack) add('S', r.fromClient);
    else if (p.syn) add('H', r.fromClient);
    if (p.rst) add('R', r.fromClient);
    if (p.fin) add('F', r.fromClient);
    if (p.len > 0) add('D', r.fromClient);
    else if (p.ack && !p.syn && !p.fin && !p.rst) add('A', r.fromClient);
    if (steps[i]?.retrans) add('T', r.fromClient);
  });
  return h;
}

function outcome(
  raw: readonly { p: PacketLine; fromClient: boolean }[],
  midStart: boolean,
  refused: boolean,
): TraceOutcome {
  if (refused) return 'REJ';
  const rst = raw.find((r) => r.p.rst);
  const synAck = raw.some((r) => r.p.syn && r.p.ack);
  if (!midStart && !synAck && rst === undefined) return 'S0';
  if (rst !== undefined) return rst.fromClient ? 'RSTO' : 'RSTR';
  const cf = raw.some((r) => r.fromClient && r.p.fin);
  const sf = raw.some((r) => !r.fromClient && r.p.fin);
  if (midStart && !cf && !sf) return 'OTH';
  if (cf && sf) return 'SF';
  if (cf) return 'S2';
  if (sf) return 'S3';
  return 'S1';
}

/** Groups packets into connections (4-tuple; a SYN after the handshake starts a new one) and reconstructs each. */
export function reconstructTrace(lines: readonly PacketLine[]): TraceResult {
  interface Open {
    index: number;
    client: Endpoint;
    server: Endpoint;
    midStart: boolean;
    guess: ClientGuess;
    members: number[];
    handshakeDone: boolean;
    iss?: number;
  }
  const open = new Map<string, Open>();
  const conns: Open[] = [];
  const owner: { conn: Open; fromClient: boolean }[] = [];
  lines.forEach((p, i) => {
    const a = epKey(p.src);
    const b = epKey(p.dst);
    const key = a < b ? `${a}|${b}` : `${b}|${a}`;
    let c = open.get(key);
    const newSyn =
      p.syn &&
      !p.ack &&
      c !== undefined &&
      (c.handshakeDone || c.midStart) &&
      // tshark numbers every SYN 0 (relative); after the handshake a bare SYN is a new connection on the same 4-tuple.
      (p.format === 'tshark' || p.seq !== c.iss);
    if (c === undefined || newSyn) {
      const midStart = !p.syn;
      const guess = guessClient(p);
      const srcIsClient = guess.srcIsClient;
      c = {
        index: conns.length,
        client: srcIsClient ? p.src : p.dst,
        server: srcIsClient ? p.dst : p.src,
        midStart,
        guess,
        members: [],
        handshakeDone: false,
        iss: p.syn && !p.ack ? p.seq : undefined,
      };
      conns.push(c);
      open.set(key, c);
    }
    if (!p.syn) c.handshakeDone = true;
    c.members.push(i);
    owner.push({ conn: c, fromClient: epKey(p.src) === epKey(c.client) });
  });
  const packets: TracePacket[] = new Array<TracePacket>(lines.length);
  const connections: TraceConnection[] = conns.map((c) => {
    const raw = c.members.map((i) => ({ p: lines[i], fromClient: owner[i].fromClient }));
    const { steps, revisions, noListener, simOpen } = reconstructConnection(raw, c.midStart);
    c.members.forEach((pi, k) => {
      const s = steps[k];
      packets[pi] = {
        packet: lines[pi],
        connection: c.index,
        fromClient: raw[k].fromClient,
        clientBefore: s.cb,
        serverBefore: s.sb,
        clientState: s.c,
        serverState: s.s,
        role: s.role,
        retransmission: s.retrans,
        revision: revisions.get(k),
      };
    });
    const path = (pick: (s: Step) => TcpState, first: TcpState): TcpState[] => {
      const out: TcpState[] = [first];
      for (const s of steps) if (out[out.length - 1] !== pick(s)) out.push(pick(s));
      return out;
    };
    const refused = noListener;
    return {
      index: c.index,
      client: c.client,
      server: c.server,
      midStart: c.midStart,
      clientBasis: c.guess.basis,
      clientReason: simOpen ? 'the sender of the first SYN (both ends opened)' : c.guess.reason,
      simultaneousOpen: simOpen,
      packets: c.members,
      clientStates: path((s) => s.c, steps.length > 0 ? steps[0].cb : 'CLOSED'),
      serverStates: path((s) => s.s, steps.length > 0 ? steps[0].sb : 'LISTEN'),
      outcome: outcome(raw, c.midStart, refused),
      history: history(raw, steps),
      refused,
      zeroWindow: raw.some((r) => r.p.win === 0 && !r.p.rst && !r.p.syn),
      finRetransmitted: raw.some((r, k) => r.p.fin && steps[k].retrans),
    };
  });
  return { packets, connections };
}
