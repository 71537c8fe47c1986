// Node (CLI): packet lines (tcpdump, tshark) gathered while a file is read, reconstructed at its end and printed
// as one record per packet: both ends' RFC 9293 state right after it.
import { formatEndpoint } from '../core/parse/address';
import { TracePacketParser, type PacketLine } from '../core/trace/packetParser';
import { reconstructTrace } from '../core/trace/reconstruct';
import type { TracePacket, TraceResult } from '../core/trace/traceTypes';
import { jsonString } from './recordJson';
import type { Endpoint } from '../core/parse/types';
import { ownString } from '../core/text/ownString';
import type { TraceSummary } from '../core/analysis/traceSummary';

/**
 * Collects the packet lines of one input. A trace is reconstructed only when it is complete (a later packet can
 * revise an earlier one's effect), so its packets are held until the end: memory grows with the trace's packets.
 */
export class TraceCollector {
  private readonly parser = new TracePacketParser();
  private readonly packets: PacketLine[] = [];
  private readonly endpoints = new Map<string, Endpoint>();

  /** Offers a line no table parser recognised; true when it was a packet line. */
  line(text: string, n: number): boolean {
    const p = this.parser.parseLine(text, n);
    if (p === undefined) return false;
    // One object per distinct endpoint, and texts of their own: a held packet then neither repeats its two
    // endpoints (about 40% of its size) nor pins the 64 KiB chunk its timestamp was cut from (see ownString).
    const time = p.time === undefined ? undefined : ownString(p.time);
    this.packets.push({ ...p, time, src: this.endpoint(p.src), dst: this.endpoint(p.dst) });
    return true;
  }

  private endpoint(e: Endpoint): Endpoint {
    const key = `${e.host} ${e.port} ${e.scope ?? ''} ${e.v4mapped === true ? 1 : 0}`;
    let kept = this.endpoints.get(key);
    if (kept === undefined) {
      kept = { ...e, host: ownString(e.host), port: ownString(e.port) };
      this.endpoints.set(ownString(key), kept);
    }
    return kept;
  }

  /** The same for the line text[start, end) of a larger chunk (sliced only here, never kept). */
  range(text: string, start: number, end: number, n: number): boolean {
    return this.line(start === 0 && end === text.length ? text : text.slice(start, end), n);
  }

  /** Packet lines held so far. */
  get size(): number {
    return this.packets.length;
  }

  get empty(): boolean {
    return this.packets.length === 0;
  }

  result(): TraceResult {
    return reconstructTrace(this.packets);
  }
}

/**
 * `{"line":N,"format":"tcpdump","client":…,"server":…,"flags":…,"clientState":…,"serverState":…,…}`: the
 * endpoints in the notation of a table record's `local`/`remote`; `connection` counts the trace's connections
 * from 0; `revised` names the line that proved this packet was lost before its receiver.
 */
export function packetJson(t: TracePacket, trace: TraceResult, file?: string): string {
  const c = trace.connections[t.connection];
  const p = t.packet;
  let s = file === undefined ? '{' : `{"file":${jsonString(file)},`;
  s += `"line":${p.line},"format":"${p.format}"`;
  if (p.time !== undefined) s += `,"time":${jsonString(p.time)}`;
  s += `,"client":${jsonString(formatEndpoint(c.client))},"server":${jsonString(formatEndpoint(c.server))}`;
  s += `,"from":"${t.fromClient ? 'client' : 'server'}","flags":${jsonString(p.flags)}`;
  if (p.seq !== undefined) s += `,"seq":${p.seq}`;
  if (p.ackNo !== undefined) s += `,"ack":${p.ackNo}`;
  s += `,"length":${p.len}`;
  s += `,"clientState":"${t.clientState}","serverState":"${t.serverState}"`;
  s += `,"clientBefore":"${t.clientBefore}","serverBefore":"${t.serverBefore}"`;
  s += `,"role":"${t.role}","connection":${t.connection}`;
  if (t.retransmission) s += ',"retransmission":true';
  if (t.revision !== undefined)
    s += `,"revised":{"reason":${jsonString(t.revision.reason)},"byLine":${t.revision.byLine}}`;
  return s + '}';
}

/** One table row per packet, beside the table records' columns. */
export function packetRow(t: TracePacket, trace: TraceResult, file?: string): string {
  const c = trace.connections[t.connection];
  const p = t.packet;
  const where = file === undefined ? String(p.line) : `${file}:${p.line}`;
  const arrow = t.fromClient ? '→' : '←';
  const states = `client ${t.clientState} · server ${t.serverState}`;
  return (
    `${where.padStart(7)}  ${p.format.padEnd(9)} [${p.flags}]`.padEnd(32) +
    ` ${formatEndpoint(c.client)} ${arrow} ${formatEndpoint(c.server)}  ${states}`
  );
}

/**
 * `{"packets":N,"connections":N,"outcomes":[{"outcome":"SF","count":N,"midStart":N}],"finalStates":{"client":{…},
 * "server":{…}},"list":[…]}`: host texts come from the log, so they go through JSON.stringify's escaping.
 */
export function traceSummaryJson(s: TraceSummary): string {
  return JSON.stringify(s);
}
