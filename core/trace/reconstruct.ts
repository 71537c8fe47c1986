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

export interface Revision {
  /** Why this packet's effect was revised. */
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

// RFC 9293 §3.4: sequence numbers are compared modulo 2^32.
const seqLt = (a: number, b: number): boolean => ((a - b) | 0) < 0;
const seqGe = (a: number, b: number): boolean => !seqLt(a, b);
const mod32 = (n: number): number => n >>> 0;

const epKey = (e: Endpoint): string => formatEndpoint(e);

/** Linux's default ephemeral range (net.ipv4.ip_local_port_range 32768 60999): the likely client of a mid-stream trace. */
function likelyClient(a: Endpoint, b: Endpoint): boolean {
  const pa = Number(a.port);
  const pb = Number(b.port);
  if (!Number.isFinite(pa)) return false;
  if (!Number.isFinite(pb)) return true;
  if (pa >= 1024 !== pb >= 1024) return pa >= 1024;
  if (pa >= 32768 !== pb >= 32768) return pa >= 32768;
  return pa > pb;
}

/** One packet with its sequence numbers moved into one space per direction (see normalise). */
interface Seg {
  readonly p: PacketLine;
  readonly fromClient: boolean;
  readonly seq?: number;
  readonly ack?: number;
}

/**
 * tcpdump prints numbers relative to the first ACK-bearing packet of a 4-tuple (a SYN-ACK restarts
 * it) and absolute for packets before it and without ACK; `-S` prints all absolute; tshark prints
 * its own relative numbers throughout. Everything is moved into "relative to tcpdump's base" so
 * one direction's seq and the other's ack compare (print-tcp.c's th->seq / th->ack logic).
 */
function normalise(conn: readonly { p: PacketLine; fromClient: boolean }[]): Seg[] {
  if (conn.length === 0 || conn[0].p.format === 'tshark')
    return conn.map((c) => ({ ...c, seq: c.p.seq, ack: c.p.ackNo }));
  const base: [number | undefined, number | undefined] = [undefined, undefined]; // [client, server]
  let based = false;
  let mode: 'unknown' | 'absolute' | 'relative' = 'unknown';
  const printedAbs: boolean[] = [];
  const bases: [number | undefined, number | undefined][] = [];
  for (const c of conn) {
    const s = c.fromClient ? 0 : 1;
    const r = 1 - s;
    let abs = !c.p.ack;
    if (c.p.ack && (!based || c.p.syn)) {
      based = true;
      abs = true;
      base[s] = c.p.seq;
      base[r] = c.p.ackNo !== undefined ? mod32(c.p.ackNo - 1) : undefined;
    } else if (c.p.ack && mode === 'unknown') {
      const v = c.p.seq ?? c.p.ackNo;
      const b = c.p.seq !== undefined ? base[s] : base[r];
      if (v !== undefined && b !== undefined) mode = mod32(v - b) < v ? 'absolute' : 'relative';
    }
    printedAbs.push(abs);
    bases.push([base[0], base[1]]);
  }
  const final = base;
  return conn.map((c, i) => {
    const s = c.fromClient ? 0 : 1;
    const abs = printedAbs[i] || mode === 'absolute';
    const bs = bases[i][s] ?? final[s];
    const br = bases[i][1 - s] ?? final[1 - s];
    const fix = (v: number | undefined, b: number | undefined): number | undefined =>
      v === undefined ? undefined : abs && b !== undefined ? mod32(v - b) : v;
    return { ...c, seq: fix(c.p.seq, bs), ack: fix(c.p.ackNo, br) };
  });
}

interface End {
  state: TcpState;
  iss?: number;
  sndNxt?: number;
  /** Sequence number of our FIN, once sent. */
  finSeq?: number;
  /** Packet (index in the connection) whose FIN reached this end, and whose ACK of our SYN/FIN did. */
  peerFinAt?: number;
  peerSynAt?: number;
  finAckedAt?: number;
  synAckedAt?: number;
  sentSynAck: boolean;
  /** Packets this end sent since the peer's FIN/SYN reached it. */
  sentSince: number;
}

interface Step {
  cb: TcpState;
  sb: TcpState;
  c: TcpState;
  s: TcpState;
  role: PacketRole;
  retrans: boolean;
}

interface Evidence {
  lost: number;
  by: number;
  reason: string;
  noListener?: boolean;
}

/** True when `ack` (in the sender's view of the peer's space) covers sequence point `at`; without numbers, the flag decides. */
function covers(ack: number | undefined, at: number | undefined): boolean {
  return ack === undefined || at === undefined || seqGe(ack, mod32(at + 1));
}

function simulate(
  segs: readonly Seg[],
  lost: ReadonlySet<number>,
  noListener: boolean,
  midStart: boolean,
  ignore = false,
): { steps: Step[]; evidence?: Evidence } {
  const fresh = (state: TcpState): End => ({ state, sentSynAck: false, sentSince: 0 });
  const ends = [
    fresh(midStart ? 'ESTABLISHED' : 'CLOSED'),
    fresh(midStart ? 'ESTABLISHED' : noListener ? 'CLOSED' : 'LISTEN'),
  ];
  const steps: Step[] = [];
  for (let i = 0; i < segs.length; i++) {
    const g = segs[i];
    const p = g.p;
    const x = ends[g.fromClient ? 0 : 1];
    const y = ends[g.fromClient ? 1 : 0];
    const cb = ends[0].state;
    const sb = ends[1].state;
    const segLen = p.len + (p.syn ? 1 : 0) + (p.fin ? 1 : 0);
    const seq = g.seq ?? x.sndNxt;
    const end = seq !== undefined ? mod32(seq + segLen) : undefined;
    const retrans =
      segLen > 0 && end !== undefined && x.sndNxt !== undefined && seqGe(x.sndNxt, end) && !p.rst;
    let role: PacketRole = p.len > 0 ? 'data' : 'ack';

    // ---- The sender (it did send this; §3.10 user calls and their segments).
    if (p.ack && !p.rst) {
      // §3.10.7.4 / §3.4: an ACK that does not cover the peer's FIN proves the FIN had not arrived when this was sent.
      if (x.peerFinAt !== undefined && y.finSeq !== undefined && !covers(g.ack, y.finSeq)) {
        if (!ignore) return { steps, evidence: { lost: x.peerFinAt, by: i, reason: 'fin-not-acked' } };
      }
    }
    if (retrans && p.fin && x.finAckedAt !== undefined) {
      // A retransmitted FIN proves the ACK that "acknowledged" it never arrived (§3.8.1 retransmission timeout).
      if (!ignore) return { steps, evidence: { lost: x.finAckedAt, by: i, reason: 'ack-lost' } };
    }
    if (retrans && p.fin && y.peerFinAt !== undefined && y.sentSince === 0) {
      if (!ignore) return { steps, evidence: { lost: y.peerFinAt, by: i, reason: 'fin-lost' } };
    }
    if (retrans && p.syn && x.synAckedAt !== undefined) {
      if (!ignore) return { steps, evidence: { lost: x.synAckedAt, by: i, reason: 'ack-lost' } };
    }
    if (retrans && p.syn && !p.ack && y.peerSynAt !== undefined && !y.sentSynAck) {
      if (!ignore) return { steps, evidence: { lost: y.peerSynAt, by: i, reason: 'syn-lost' } };
    }
    if (p.rst) {
      // §3.10.7.2: a LISTEN end answers a SYN it cannot accept with RST; a RST for a SYN with no SYN-ACK before it
      // means nothing listened (the server end never existed).
      if (!g.fromClient && !noListener && !x.sentSynAck && x.state === 'SYN_RECEIVED') {
        if (!ignore) return { steps, evidence: { lost: -1, by: i, reason: 'no-listener', noListener: true } };
      }
      x.state = 'CLOSED'; // §3.10.5 ABORT call: send RST, enter CLOSED
      role =
        y.state === 'TIME_WAIT'
          ? 'reset-time-wait'
          : noListener || y.state === 'SYN_SENT'
            ? 'reset-refused'
            : 'reset';
    } else if (p.syn && !p.ack) {
      role = 'syn';
      if (x.state === 'CLOSED') x.state = 'SYN_SENT'; // §3.10.1 OPEN call, active: send SYN, enter SYN-SENT
      if (!retrans) x.iss = seq;
    } else if (p.syn && p.ack) {
      role = 'syn-ack';
      x.sentSynAck = true; // §3.10.7.2: LISTEN, rcv SYN → send SYN,ACK, stay SYN-RECEIVED
      if (!retrans) x.iss = seq;
    } else if (p.fin) {
      role = 'fin';
      // §3.10.4 CLOSE call: ESTABLISHED → FIN-WAIT-1, CLOSE-WAIT → LAST-ACK, SYN-RECEIVED → FIN-WAIT-1.
      if (x.state === 'ESTABLISHED' || x.state === 'SYN_RECEIVED') x.state = 'FIN_WAIT_1';
      else if (x.state === 'CLOSE_WAIT') x.state = 'LAST_ACK';
      if (x.finSeq === undefined && seq !== undefined) x.finSeq = mod32(seq + p.len);
      if (x.peerFinAt !== undefined) role = 'fin-ack';
    }
    if (end !== undefined && (x.sndNxt === undefined || seqLt(x.sndNxt, end))) x.sndNxt = end;
    x.sentSince++;
    if (retrans) role = 'retransmission';

    // ---- The receiver, unless this packet was proved lost (§3.10.7 SEGMENT ARRIVES).
    if (!lost.has(i)) {
      if (p.rst) {
        // §3.10.7.3 SYN-SENT: a RST is acceptable if its ACK acknowledges our SYN; §3.10.7.4: in any other
        // synchronized state (TIME-WAIT included: RFC 1337's assassination, which Linux allows) → CLOSED.
        if (y.state === 'SYN_SENT') {
          if (!p.ack || covers(g.ack, y.iss)) y.state = 'CLOSED';
        } else if (y.state !== 'LISTEN' && y.state !== 'CLOSED') y.state = 'CLOSED';
      } else {
        if (p.syn && !p.ack) {
          // §3.10.7.2 LISTEN: rcv SYN → SYN-RECEIVED; §3.10.7.3 SYN-SENT: rcv SYN (simultaneous open) → SYN-RECEIVED.
          if (y.state === 'LISTEN' || y.state === 'SYN_SENT') {
            y.state = 'SYN_RECEIVED';
            y.peerSynAt = i;
            y.sentSince = 0;
          }
        } else if (p.syn && p.ack) {
          // §3.10.7.3 SYN-SENT: SYN,ACK acknowledging our SYN → ESTABLISHED (and send ACK).
          if (y.state === 'SYN_SENT' && covers(g.ack, y.iss)) {
            y.state = 'ESTABLISHED';
            y.synAckedAt = i;
          }
        }
        if (p.ack && !p.syn) {
          // §3.10.7.4, fifth: check the ACK field.
          if (y.state === 'SYN_RECEIVED' && covers(g.ack, y.iss)) {
            y.state = 'ESTABLISHED';
            y.synAckedAt = i;
            role = role === 'ack' ? 'handshake-ack' : role;
          }
          const finAcked = y.finSeq !== undefined && covers(g.ack, y.finSeq);
          if (finAcked && y.finAckedAt === undefined) {
            if (y.state === 'FIN_WAIT_1') y.state = 'FIN_WAIT_2';
            else if (y.state === 'CLOSING') y.state = 'TIME_WAIT';
            else if (y.state === 'LAST_ACK') {
              y.state = 'CLOSED';
              if (role === 'ack') role = 'final-ack';
            }
            if (y.state !== 'ESTABLISHED') y.finAckedAt = i;
          }
        }
        if (p.fin && y.peerFinAt === undefined) {
          // §3.10.7.4, eighth: check the FIN bit.
          y.peerFinAt = i;
          y.sentSince = 0;
          if (y.state === 'ESTABLISHED' || y.state === 'SYN_RECEIVED') y.state = 'CLOSE_WAIT';
          else if (y.state === 'FIN_WAIT_1') y.state = 'CLOSING';
          else if (y.state === 'FIN_WAIT_2') y.state = 'TIME_WAIT';
        }
      }
    }
    if (role === 'ack' && !p.fin && !retrans && ends[0].state === cb && ends[1].state === sb && i > 0) {
      const prev = segs[i - 1];
      if (
        prev.fromClient === g.fromClient &&
        prev.p.len === 0 &&
        prev.ack === g.ack &&
        !prev.p.fin &&
        !prev.p.syn
      )
        role = 'duplicate-ack';
    }
    steps.push({ cb, sb, c: ends[0].state, s: ends[1].state, role, retrans });
  }
  return { steps };
}

const REASONS: Record<string, (line: number) => string> = {
  'fin-not-acked': (l) =>
    `this FIN never reached its receiver before the segment on line ${l}, whose ACK does not cover it`,
  'ack-lost': (l) => `this ACK was lost: the retransmission on line ${l} proves it never arrived`,
  'fin-lost': (l) => `this FIN was lost: it is retransmitted on line ${l} and nothing acknowledged it`,
  'syn-lost': (l) => `this SYN was lost: it is retransmitted on line ${l} and nothing answered it`,
  'no-listener': (l) => `nothing listened on the server port: the RST on line ${l} answered this SYN`,
};

/** At most this many replays per connection; beyond it the remaining evidence is ignored. */
const MAX_REVISIONS = 256;

function reconstructConnection(
  raw: readonly { p: PacketLine; fromClient: boolean }[],
  midStart: boolean,
): { steps: Step[]; revisions: Map<number, Revision>; noListener: boolean } {
  const segs = normalise(raw);
  const lost = new Set<number>();
  const revisions = new Map<number, Revision>();
  let noListener = false;
  for (let round = 0; ; round++) {
    const r = simulate(segs, lost, noListener, midStart);
    if (r.evidence === undefined || round >= MAX_REVISIONS) {
      // Past the bound, the remaining evidence is ignored: the packets stay as last replayed, completed.
      return {
        steps: r.evidence === undefined ? r.steps : completeSteps(segs, lost, noListener, midStart),
        revisions,
        noListener,
      };
    }
    const e = r.evidence;
    const reason = REASONS[e.reason](segs[e.by].p.line);
    if (e.noListener === true) {
      noListener = true;
      revisions.set(0, { reason, byLine: segs[e.by].p.line });
    } else {
      lost.add(e.lost);
      revisions.set(e.lost, { reason, byLine: segs[e.by].p.line });
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
    const newSyn = p.syn && !p.ack && c !== undefined && (c.handshakeDone || c.midStart) && p.seq !== c.iss;
    if (c === undefined || newSyn) {
      const midStart = !(p.syn && !p.ack) && !(p.syn && p.ack);
      const srcIsClient = p.syn ? !p.ack : midStart ? likelyClient(p.src, p.dst) : false;
      c = {
        index: conns.length,
        client: srcIsClient ? p.src : p.dst,
        server: srcIsClient ? p.dst : p.src,
        midStart,
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
    const { steps, revisions, noListener } = reconstructConnection(raw, c.midStart);
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
