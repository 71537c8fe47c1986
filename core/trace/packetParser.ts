// Pure (runs anywhere): one line of tcpdump or tshark text → one TCP packet, or nothing.
import type { Endpoint } from '../parse/types';

/** Which tool printed the packet line. */
export type TraceFormat = 'tcpdump' | 'tshark';

/** One TCP segment as printed. Sequence numbers are as printed (relative or absolute); see reconstruct.ts. */
export interface PacketLine {
  /** 1-based line of the TCP part (for `tcpdump -v` IPv4, the indented second line). */
  readonly line: number;
  /** The IP header line above it (`tcpdump -v` IPv4), when there was one. */
  readonly headerLine?: number;
  readonly format: TraceFormat;
  /** The timestamp as printed, when the line had one. */
  readonly time?: string;
  readonly src: Endpoint;
  readonly dst: Endpoint;
  /** Flags in tcpdump's notation and order (`S`, `S.`, `F.`, `FP.`, `R.`, `SEW`, `S.E`), also for tshark lines. */
  readonly flags: string;
  readonly syn: boolean;
  readonly ack: boolean;
  readonly fin: boolean;
  readonly rst: boolean;
  readonly seq?: number;
  readonly ackNo?: number;
  /** Payload length. */
  readonly len: number;
  readonly win?: number;
  /** `-i any`: In / Out, and the interface. */
  readonly direction?: string;
  readonly iface?: string;
  /** tshark's expert notes (`TCP Retransmission`, `TCP Dup ACK 7#1`, `TCP ZeroWindow`). */
  readonly notes?: readonly string[];
  /** Column range of the flags text in the line. */
  readonly flagsStart: number;
  readonly flagsEnd: number;
}

/** Work on one line is bounded: only this many characters are looked at. */
const MAX_SCAN = 4096;

const TS_RE = /^\s*(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(?:\.\d+)?|\d\d:\d\d:\d\d(?:\.\d+)?|\d{9,11}\.\d+)\s/;
const ANY_RE = /^\s*(?:\d{4}-\d\d-\d\d )?(?:[\d:.]+\s+)?(\S{1,32})\s+(In|Out|M|B|P)\s+/;
/** `addr.port > addr.port: Flags [..]` anywhere in the line (tcpdump). */
const TCPDUMP_RE =
  /(?:^|[\s:(])([0-9A-Za-z:][\w.:%-]{0,260})\.([\w-]{1,40}) > ([0-9A-Za-z:][\w.:%-]{0,260})\.([\w-]{1,40}): Flags \[([A-Za-z.]{1,12})\]/;
/** A `tcpdump -v` IPv4 header line whose TCP part follows on the next, indented line. */
const V_HEADER_RE = /(?:(?:^|\s)IP |: )\(tos 0x[0-9a-f]+,.*proto TCP \(6\), length \d+\)\s*$/;
/** tshark one-line summary: `  1 0.000000 127.0.0.1 → 127.0.0.1 TCP 74 56552 → 7100 [SYN] Seq=0 …`. */
const TSHARK_RE =
  /^\s*(\d+)\s+(-?\d+\.\d+)\s+([0-9A-Za-z:][\w.:%-]{0,260})\s+(?:→|->|>)\s+([0-9A-Za-z:][\w.:%-]{0,260})\s+TCP\s+\d+\s+(.*)$/;
const TSHARK_INFO_RE =
  /^((?:\[[^\]]{1,80}\]\s*)*)(\w[\w-]{0,40})\s+(?:→|->|>)\s+(\w[\w-]{0,40})\s+\[([A-Z, ]{1,60})\]\s*(.*)$/;

const TSHARK_FLAGS: Record<string, string> = {
  FIN: 'F',
  SYN: 'S',
  RST: 'R',
  PSH: 'P',
  ACK: '.',
  URG: 'U',
  ECE: 'E',
  ECN: 'E',
  CWR: 'W',
  AE: 'e',
  NS: 'e',
};
/** tcpdump prints flags in this order (FIN, SYN, RST, PUSH, ACK, URG, ECE, CWR, AE). */
const FLAG_ORDER = 'FSRP.UEWe';

function endpoint(host: string, port: string): Endpoint {
  let h = host;
  let scope: string | undefined;
  const pct = h.indexOf('%');
  if (pct > 0) {
    scope = h.slice(pct + 1);
    h = h.slice(0, pct);
  }
  if (h.indexOf(':') >= 0) h = h.toLowerCase();
  return scope !== undefined ? { host: h, port, scope } : { host: h, port };
}

function num(rest: string, key: RegExp): number | undefined {
  const m = key.exec(rest);
  if (m === null) return undefined;
  const n = Number(m[1]);
  return Number.isFinite(n) ? n : undefined;
}

/** Sequence and acknowledgment numbers are 32 bits (RFC 9293 §3.4): a larger printed value is not one. */
const SEQ_MAX = 0xffffffff;

function seqNum(text: string | undefined): number | undefined {
  if (text === undefined || text.length > 10) return undefined;
  const n = Number(text);
  return n <= SEQ_MAX ? n : undefined;
}

function flagBits(flags: string): { syn: boolean; ack: boolean; fin: boolean; rst: boolean } {
  return {
    syn: flags.includes('S'),
    ack: flags.includes('.'),
    fin: flags.includes('F'),
    rst: flags.includes('R'),
  };
}

/**
 * Per-line recogniser for tcpdump and tshark packet lines. Stateful only to join a `tcpdump -v`
 * IPv4 header line to the indented TCP line under it. Never throws; other lines give undefined.
 */
export class TracePacketParser {
  private pending: { line: number; time?: string; direction?: string; iface?: string } | undefined;

  parseLine(text: string, line: number): PacketLine | undefined {
    try {
      return this.parse(text.length > MAX_SCAN ? text.slice(0, MAX_SCAN) : text, line);
    } catch {
      return undefined;
    }
  }

  private parse(text: string, line: number): PacketLine | undefined {
    const header = this.pending;
    this.pending = undefined;
    if (text.indexOf('Flags [') >= 0) return this.tcpdump(text, line, header);
    if (text.indexOf('TCP') >= 0) {
      const t = this.tshark(text, line);
      if (t !== undefined) return t;
    }
    if (V_HEADER_RE.test(text)) {
      const ts = TS_RE.exec(text);
      const any = ANY_RE.exec(text);
      this.pending = {
        line,
        time: ts?.[1],
        direction: any !== null && any[1] !== 'IP' ? any[2] : undefined,
        iface: any !== null && any[1] !== 'IP' ? any[1] : undefined,
      };
    }
    return undefined;
  }

  private tcpdump(
    text: string,
    line: number,
    header: { line: number; time?: string; direction?: string; iface?: string } | undefined,
  ): PacketLine | undefined {
    const m = TCPDUMP_RE.exec(text);
    if (m === null) return undefined;
    const prefix = text.slice(0, m.index);
    // The indented TCP line under a `-v` IPv4 header line.
    const continuation = header !== undefined && prefix.trim() === '';
    const ts = TS_RE.exec(text);
    const any = ANY_RE.exec(prefix.length > 0 ? text : '');
    const flags = m[5];
    if (!/^[FSRP.UEWe]+$/.test(flags) && flags !== 'none') return undefined;
    const rest = text.slice(m.index + m[0].length);
    const seqM = /^(?:.*?), seq (\d+)(?::(\d+))?/.exec(rest);
    const seq = seqNum(seqM?.[1]);
    const seqEnd = seqNum(seqM?.[2]);
    const len = num(rest, /, length (\d+)/) ?? (seq !== undefined && seqEnd !== undefined ? seqEnd - seq : 0);
    const flagsStart = m.index + m[0].length - flags.length - 1;
    const useAny = any !== null && any[1] !== 'IP' && any[1] !== 'IP6';
    return {
      line,
      headerLine: continuation ? header.line : undefined,
      format: 'tcpdump',
      time: ts?.[1] ?? (continuation ? header.time : undefined),
      src: endpoint(m[1], m[2]),
      dst: endpoint(m[3], m[4]),
      flags: flags === 'none' ? '' : flags,
      ...flagBits(flags),
      seq,
      ackNo: seqNum(/, ack (\d+)/.exec(rest)?.[1]),
      len,
      win: num(rest, /, win (\d+)/),
      direction: useAny ? any[2] : continuation ? header.direction : undefined,
      iface: useAny ? any[1] : continuation ? header.iface : undefined,
      flagsStart,
      flagsEnd: flagsStart + flags.length,
    };
  }

  private tshark(text: string, line: number): PacketLine | undefined {
    const m = TSHARK_RE.exec(text);
    if (m === null) return undefined;
    const info = TSHARK_INFO_RE.exec(m[5]);
    if (info === null) return undefined;
    const notes = info[1].length > 0 ? [...info[1].matchAll(/\[([^\]]+)\]/g)].map((n) => n[1]) : undefined;
    let flags = '';
    for (const f of info[4].split(',')) {
      const c = TSHARK_FLAGS[f.trim()];
      if (c === undefined) return undefined;
      if (!flags.includes(c)) flags += c;
    }
    flags = [...flags].sort((a, b) => FLAG_ORDER.indexOf(a) - FLAG_ORDER.indexOf(b)).join('');
    const rest = info[5];
    const flagsStart = text.indexOf(`[${info[4]}]`) + 1;
    return {
      line,
      format: 'tshark',
      time: m[2],
      src: endpoint(m[3], info[2]),
      dst: endpoint(m[4], info[3]),
      flags,
      ...flagBits(flags),
      seq: seqNum(/(?:^|\s)Seq=(\d+)/.exec(rest)?.[1]),
      ackNo: flags.includes('.') ? seqNum(/(?:^|\s)Ack=(\d+)/.exec(rest)?.[1]) : undefined,
      len: num(rest, /(?:^|\s)Len=(\d+)/) ?? 0,
      win: num(rest, /(?:^|\s)Win=(\d+)/),
      notes,
      flagsStart,
      flagsEnd: flagsStart + info[4].length,
    };
  }
}
