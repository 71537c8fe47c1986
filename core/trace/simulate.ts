// Pure (runs anywhere): one replay of a connection's packets through the RFC 9293 state machine, both ends at once.
// Packets marked lost are sent but never arrive; the first contradiction found is returned as evidence.
import type { TcpState } from '../tcp/types';
import { mod32, seqGe, seqLt, type Seg } from './seqSpace';
import type { PacketRole, RevisionKind } from './traceTypes';

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

export interface Step {
  cb: TcpState;
  sb: TcpState;
  c: TcpState;
  s: TcpState;
  role: PacketRole;
  retrans: boolean;
}

export interface Evidence {
  lost: number;
  by: number;
  reason: RevisionKind;
  noListener?: boolean;
  /** The server end sent a bare SYN: it opened too (simultaneous open), so it never listened. */
  simOpen?: boolean;
}

/** True when `ack` (in the sender's view of the peer's space) covers sequence point `at`; without numbers, the flag decides. */
function covers(ack: number | undefined, at: number | undefined): boolean {
  return ack === undefined || at === undefined || seqGe(ack, mod32(at + 1));
}

export function simulate(
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
    // The SYN,ACK of a simultaneous open repeats the SYN already sent (§3.5 figure 8, line 4): not a retransmission.
    const firstSynAck = p.syn && p.ack && !x.sentSynAck;
    const retrans =
      segLen > 0 &&
      end !== undefined &&
      x.sndNxt !== undefined &&
      seqGe(x.sndNxt, end) &&
      !p.rst &&
      !firstSynAck;
    let role: PacketRole = p.len > 0 ? 'data' : 'ack';

    // ---- The sender (it did send this; §3.10 user calls and their segments).
    if (!g.fromClient && p.syn && !p.ack && !noListener) {
      // A bare SYN from the server end: it is an active opener too (§3.5 figure 8), it was CLOSED, not LISTEN.
      if (!ignore)
        return { steps, evidence: { lost: -1, by: i, reason: 'simultaneous-open', simOpen: true } };
    }
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
          // §3.10.7.4 SYN-RECEIVED (simultaneous open): its ACK acknowledges our SYN → ESTABLISHED (Linux:
          // tcp_validate_incoming lets exactly this SYN,ACK through in SYN_RECV).
          if ((y.state === 'SYN_SENT' || y.state === 'SYN_RECEIVED') && covers(g.ack, y.iss)) {
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
