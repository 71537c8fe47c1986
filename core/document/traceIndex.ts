// Pure (extension host, bench, unit tests): the packet lines of one document, reconstructed, indexed by line.
// Kept apart from the table index (lineIndex.ts): a trace is reconstructed only once it has been read whole.
import { TracePacketParser, type PacketLine } from '../trace/packetParser';
import { TraceReconstruction } from '../trace/reconstruct';
import { packetSeconds } from '../trace/traceTiming';
import type { TraceConnection, TracePacket, TraceResult } from '../trace/traceTypes';

/** Collects the packet lines of a document while the table index is built (fed the lines no table parser took). */
export class TraceCollector {
  private readonly parser = new TracePacketParser();
  readonly packets: PacketLine[] = [];

  line(text: string, line: number): void {
    const p = this.parser.parseLine(text, line);
    if (p !== undefined) this.packets.push(p);
  }
}

/** One packet with where it sits in its connection. */
export interface PacketAt {
  readonly packet: TracePacket;
  readonly connection: TraceConnection;
  /** Index into the trace's packets. */
  readonly index: number;
  /** 0-based position among the connection's packets. */
  readonly position: number;
}

/** A finished trace: queries are a binary search over the packet lines. */
export class TraceIndex {
  private readonly lines: Int32Array;

  /** `seconds`: each packet's time (traceTiming.ts), when the builder has read them; else read on first use. */
  constructor(
    readonly trace: TraceResult,
    private seconds?: Float64Array,
  ) {
    this.lines = Int32Array.from(trace.packets, (p) => p.packet.line);
  }

  get packetCount(): number {
    return this.trace.packets.length;
  }

  get connections(): readonly TraceConnection[] {
    return this.trace.connections;
  }

  /** Index of the packet on a 1-based line, or -1. */
  private find(line: number): number {
    let lo = 0;
    let hi = this.lines.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const v = this.lines[mid];
      if (v === line) return mid;
      if (v < line) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  /** The first packet index on or after `line`. */
  private lowerBound(line: number): number {
    let lo = 0;
    let hi = this.lines.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.lines[mid] < line) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** The packet on a 1-based line (its TCP line, or the `-v` IP header line above it). */
  packetAt(line: number): PacketAt | undefined {
    let i = this.find(line);
    if (i < 0) {
      const next = this.lowerBound(line);
      if (next >= this.lines.length || this.trace.packets[next].packet.headerLine !== line) return undefined;
      i = next;
    }
    const packet = this.trace.packets[i];
    const connection = this.trace.connections[packet.connection];
    return { packet, connection, index: i, position: positionOf(connection.packets, i) };
  }

  /** Packets whose line is within [first, last] (1-based, inclusive), for decorating a visible range. */
  packetsIn(first: number, last: number): TracePacket[] {
    const out: TracePacket[] = [];
    for (let i = this.lowerBound(first); i < this.lines.length && this.lines[i] <= last; i++)
      out.push(this.trace.packets[i]);
    return out;
  }

  /** The packet `delta` positions away in the same connection, if any. */
  step(at: PacketAt, delta: number): PacketAt | undefined {
    const pos = at.position + delta;
    const members = at.connection.packets;
    if (pos < 0 || pos >= members.length) return undefined;
    const index = members[pos];
    return { packet: this.trace.packets[index], connection: at.connection, index, position: pos };
  }

  /** The packet of a connection at a 0-based position. */
  packetOf(connection: TraceConnection, position: number): TracePacket {
    return this.trace.packets[connection.packets[position]];
  }

  /** Milliseconds from the connection's first SYN to the ACK that completed its handshake, when both are timed. */
  handshakeMs(connection: TraceConnection): number | undefined {
    this.seconds ??= packetSeconds(this.trace.packets.map((p) => p.packet));
    const members = connection.packets;
    const first = members[0];
    if (first === undefined || !this.trace.packets[first].packet.syn) return undefined;
    const done = members.find((i) => this.trace.packets[i].role === 'handshake-ack');
    if (done === undefined) return undefined;
    const ms = (this.seconds[done] - this.seconds[first]) * 1000;
    return Number.isFinite(ms) && ms >= 0 ? ms : undefined;
  }
}

function positionOf(members: readonly number[], index: number): number {
  let lo = 0;
  let hi = members.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    if (members[mid] === index) return mid;
    if (members[mid] < index) lo = mid + 1;
    else hi = mid - 1;
  }
  return 0;
}

/** Reconstructs at once (unit tests, small inputs); undefined when the document has no packet line. */
export function buildTraceIndexSync(collector: TraceCollector): TraceIndex | undefined {
  if (collector.packets.length === 0) return undefined;
  return new TraceIndex(new TraceReconstruction(collector.packets).result());
}
