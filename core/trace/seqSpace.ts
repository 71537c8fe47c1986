// Pure (runs anywhere): sequence-number arithmetic and one sequence space per direction for a connection's packets.
import type { PacketLine } from './packetParser';

// RFC 9293 §3.4: sequence numbers are compared modulo 2^32.
export const seqLt = (a: number, b: number): boolean => ((a - b) | 0) < 0;
export const seqGe = (a: number, b: number): boolean => !seqLt(a, b);
export const mod32 = (n: number): number => n >>> 0;

/** One packet with its sequence numbers moved into one space per direction (see normalise). */
export interface Seg {
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
export function normalise(conn: readonly { p: PacketLine; fromClient: boolean }[]): Seg[] {
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
