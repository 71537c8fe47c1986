// Pure (runs anywhere): both ends' RFC 9293 state after every packet of a trace, per connection.
//
// The capture point is not the socket: a packet seen may never have reached its receiver, so the
// packets are first applied as if each arrived, and when a later packet proves one did not (an ACK
// that does not cover a FIN that "arrived", a retransmission of something already acknowledged),
// that packet is marked lost and the connection is replayed, with the reason kept for the hover.
import { formatEndpoint } from '../parse/address';
import { revisionText } from '../text/revisionText';
import type { Endpoint } from '../parse/types';
import type { TcpState } from '../tcp/types';
import type { PacketLine } from './packetParser';
import { guessClient, type ClientGuess } from './clientGuess';
import { normalise, type Seg } from './seqSpace';
import { simulate, type Step } from './simulate';
import type { Revision, TraceConnection, TraceOutcome, TracePacket, TraceResult } from './traceTypes';

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
    const kind = e.reason;
    const reason = revisionText(kind, segs[e.by].p.line, 'en');
    if (e.simOpen === true) {
      simOpen = true;
      revisions.set(0, { kind, reason, byLine: segs[e.by].p.line });
    } else if (e.noListener === true) {
      noListener = true;
      revisions.set(0, { kind, reason, byLine: segs[e.by].p.line });
    } else {
      lost.add(e.lost);
      revisions.set(e.lost, { kind, reason, byLine: segs[e.by].p.line });
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

/**
 * Zeek's conn.log `history` (https://docs.zeek.org/en/master/scripts/base/protocols/conn/main.zeek.html):
 * S a SYN without ACK, H a SYN,ACK, A a pure ACK, D a packet with payload, F a FIN, R a RST, T a retransmitted
 * packet; upper case for the originator (the client), lower case for the responder. Each letter once per
 * direction (Zeek repeats some letters with counts; this is the first-occurrence form).
 */
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

/** Packets grouped and reconstructed between checks of the clock. */
const CHECK_EVERY = 256;

/**
 * Groups packets into connections (4-tuple; a SYN after the handshake starts a new one) and reconstructs each,
 * in steps bounded by a time budget so that a long trace never blocks its caller (the editor's index build).
 * One connection is reconstructed whole within a step.
 */
export class TraceReconstruction {
  private readonly open = new Map<string, Open>();
  private readonly conns: Open[] = [];
  private readonly owner: { conn: Open; fromClient: boolean }[] = [];
  private readonly packets: TracePacket[];
  private readonly connections: TraceConnection[] = [];
  private grouped = 0;

  constructor(
    private readonly lines: readonly PacketLine[],
    private readonly now: () => number = Date.now,
  ) {
    this.packets = new Array<TracePacket>(lines.length);
  }

  get done(): boolean {
    return this.grouped >= this.lines.length && this.connections.length >= this.conns.length;
  }

  /** Works until `budgetMs` has passed; true when every connection is reconstructed. */
  step(budgetMs: number): boolean {
    const started = this.now();
    while (this.grouped < this.lines.length) {
      const end = Math.min(this.lines.length, this.grouped + CHECK_EVERY);
      for (; this.grouped < end; this.grouped++) this.group(this.grouped);
      if (this.now() - started >= budgetMs) return this.done;
    }
    // A connection costs a replay per revision: the clock is read after each one.
    while (this.connections.length < this.conns.length) {
      this.connections.push(this.reconstruct(this.conns[this.connections.length]));
      if (this.now() - started >= budgetMs) break;
    }
    return this.done;
  }

  result(): TraceResult {
    this.step(Number.POSITIVE_INFINITY);
    return { packets: this.packets, connections: this.connections };
  }

  private group(i: number): void {
    const p = this.lines[i];
    const a = epKey(p.src);
    const b = epKey(p.dst);
    const key = a < b ? `${a}|${b}` : `${b}|${a}`;
    let c = this.open.get(key);
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
        index: this.conns.length,
        client: srcIsClient ? p.src : p.dst,
        server: srcIsClient ? p.dst : p.src,
        midStart,
        guess,
        members: [],
        handshakeDone: false,
        iss: p.syn && !p.ack ? p.seq : undefined,
      };
      this.conns.push(c);
      this.open.set(key, c);
    }
    if (!p.syn) c.handshakeDone = true;
    c.members.push(i);
    this.owner.push({ conn: c, fromClient: a === epKey(c.client) });
  }

  private reconstruct(c: Open): TraceConnection {
    const lines = this.lines;
    const raw = c.members.map((i) => ({ p: lines[i], fromClient: this.owner[i].fromClient }));
    const { steps, revisions, noListener, simOpen } = reconstructConnection(raw, c.midStart);
    c.members.forEach((pi, k) => {
      const s = steps[k];
      this.packets[pi] = {
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
  }
}

/** Groups packets into connections (4-tuple; a SYN after the handshake starts a new one) and reconstructs each. */
export function reconstructTrace(lines: readonly PacketLine[]): TraceResult {
  return new TraceReconstruction(lines).result();
}
