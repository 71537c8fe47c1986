// Pure (runs anywhere): the `summary` hot path for plain `ss -tan…` rows — the bytes of a line folded straight into
// the counts and the diagnosis, without a record, a token list or a string per row.
import { endpointOf, normalizeHost, type NormalizedHost } from '../parse/address';
import { isPidMarker } from '../parse/byteCursor';
import { SS_WORDS, wordAt } from '../parse/fastWords';
import type { LogParser } from '../parse/logParser';
import type { Endpoint } from '../parse/types';
import type { TcpState } from '../tcp/types';
import type { DiagnosisCollector } from './diagnosisCollector';
import type { EndpointSource } from './groupTable';
import type { SummaryBuilder, Tally } from './summary';
import {
  copyOf,
  isAsciiRange,
  sameAs,
  SPACES_8,
  timerOf,
  TIMER_OTHER,
  TIMER_WORDS,
  type Interned,
} from './ssRowBytes';

/*
 * Contract: `row` either folds the line in exactly as LogParser.parseRange + SummaryBuilder.add +
 * DiagnosisCollector.add would for the record RowScanner.ss makes of it, or returns false having changed
 * nothing (the caller then runs that general path). It declines whatever RowScanner would decline and a few
 * rare cases more (a bracketed host, a port with a leading zero, an owner without a name, a non-ASCII host).
 * What a row costs: the bytes visited once, a hash of each host and owner name looked up in small tables
 * (strings are made once per distinct host and name), and the counters bumped.
 */

interface NameEntry extends Interned {
  /** The builder's tally for this label, fetched when a row first counts it (so none is made for a declined row). */
  tally: Tally | undefined;
}

interface HostEntry extends Interned {
  readonly norm: NormalizedHost;
  /** False when no endpoint can carry this host (too long): the row goes to the general path. */
  readonly valid: boolean;
  lastPort: string;
  lastEp: Endpoint | undefined;
}

const TABLE_BITS = 14;
const TABLE_MASK = (1 << TABLE_BITS) - 1;
/** Decimal port texts by value, shared by every row (a packed array: a sparse one is a slow dictionary). */
const PORT_TEXT: readonly string[] = Array.from({ length: 65536 }, (_, v) => String(v));

export class SsSummaryRows implements EndpointSource {
  private readonly hosts: (HostEntry | undefined)[] = new Array<HostEntry | undefined>(1 << TABLE_BITS);
  private readonly names: (NameEntry | undefined)[] = new Array<NameEntry | undefined>(1 << TABLE_BITS);
  /** Owners of the current row, distinct labels in order (reused). */
  private readonly owners: NameEntry[] = [];
  /** The name read at each position of the last `users:((…))` list: the next row's is most often the same. */
  private readonly recentNames: (NameEntry | undefined)[] = [];
  private readonly ownerTallies: Tally[] = [];
  private ownerCount = 0;
  /** 0: no timer; TIMER_OTHER; 2 + index in TIMER_WORDS. */
  private timer = 0;
  private hostHash = 0;
  private bytes: Uint8Array | undefined;
  private view: DataView | undefined;
  private colon = -1;
  /** The local port of the row just read as a number; -1 for '*'. */
  private portValue = -1;
  private readonly hostOf: (HostEntry | undefined)[] = [undefined, undefined];
  private readonly portOf: string[] = ['', ''];

  constructor(
    private readonly parser: LogParser,
    private readonly builder: SummaryBuilder,
    private readonly collector: DiagnosisCollector,
    /** Decodes bytes [s, e) that are not all ASCII (UTF-8, as the general path's text has them). */
    private readonly decode: (b: Uint8Array, s: number, e: number) => string,
  ) {}

  /** Folds in the line [s, e) of `b` (no line break) numbered `n`; false when the general path must read it. */
  row(b: Uint8Array, s: number, e: number, n: number): boolean {
    if (e > s && b[e - 1] === 13) e--;
    if (e <= s || !this.parser.plainRows) return false;
    if (b !== this.bytes) {
      this.bytes = b;
      this.view = new DataView(b.buffer, b.byteOffset, b.byteLength);
    }
    let p = s;
    while (p < e && b[p] !== 32 && b[p] !== 9) p++;
    const w = wordAt(SS_WORDS, b, s, p);
    if (w === undefined) return false;
    p = this.skip(b, p, e);
    let q = p;
    let recvQ = 0;
    while (q < e && b[q] >= 48 && b[q] <= 57) recvQ = recvQ * 10 + b[q++] - 48;
    if (q === p || q - p > 15 || (q < e && b[q] !== 32 && b[q] !== 9)) return false;
    p = this.skip(b, q, e);
    q = p;
    let sendQ = 0;
    while (q < e && b[q] >= 48 && b[q] <= 57) sendQ = sendQ * 10 + b[q++] - 48;
    if (q === p || q - p > 15 || (q < e && b[q] !== 32 && b[q] !== 9)) return false;
    p = this.skip(b, q, e);
    q = this.token(b, p, e);
    if (q === p || !this.endpoint(b, p, q, 0)) return false;
    p = this.skip(b, q, e);
    q = this.token(b, p, e);
    if (q === p || !this.endpoint(b, p, q, 1)) return false;
    this.ownerCount = 0;
    this.timer = 0;
    // RowScanner trims trailing blanks first; they hold nothing extras() stops at, so it reads to `e`.
    if (q < e && !this.extras(b, q, e)) return false;

    const snapshot = this.parser.acceptPlainSs(n);
    const state = w.stateIndex;
    const stateName: TcpState = w.state;
    const owners = this.owners;
    const count = this.ownerCount;
    const tallies = this.ownerTallies;
    for (let i = 0; i < count; i++) tallies[i] = owners[i].tally ??= this.builder.procTally(owners[i].text);
    const lh = this.hostOf[0] as HostEntry;
    const rh = this.hostOf[1] as HostEntry;
    const lp = this.portOf[0];
    this.builder.addRow('ss', state, this.portValue, lp, tallies, count, snapshot, n);
    const t = this.timer;
    const timerKind = t === 0 ? undefined : t === TIMER_OTHER ? '' : TIMER_WORDS[t - 2];
    this.collector.addRow(
      'ss',
      stateName,
      lh.norm.host,
      lp,
      rh.norm.host,
      this.portOf[1],
      this,
      n,
      snapshot,
      recvQ,
      sendQ,
      timerKind,
      count > 0 ? owners[0].text : undefined,
    );
    return true;
  }

  /** The first offset at or after p (< e) that is not a space or tab; eight bytes at a time through runs of spaces. */
  private skip(b: Uint8Array, p: number, e: number): number {
    const v = this.view as DataView;
    while (p + 8 <= e && v.getFloat64(p) === SPACES_8) p += 8;
    if (p + 4 <= e && v.getUint32(p) === 0x20202020) p += 4;
    while (p < e && (b[p] === 32 || b[p] === 9)) p++;
    return p;
  }

  /** End of the token at p; sets `colon` to its last ':' and `hostHash` to the hash of the bytes before it. */
  private token(b: Uint8Array, p: number, e: number): number {
    let h = 0;
    let colon = -1;
    let atColon = 0;
    while (p < e) {
      const c = b[p];
      if (c === 32 || c === 9) break;
      if (c === 58) {
        colon = p;
        atColon = h;
      }
      h = (Math.imul(h, 31) + c) | 0;
      p++;
    }
    this.colon = colon;
    this.hostHash = atColon;
    return p;
  }

  /**
   * Reads `host:port` at [s, e) (the port after the last ':') as side 0 (local) or 1 (remote): its host entry
   * and port text as the endpoint would hold them; false to decline the row.
   */
  private endpoint(b: Uint8Array, s: number, e: number, side: number): boolean {
    let colon = this.colon;
    let hostEnd = colon;
    if (b[s] === 91 /* [ */) {
      // parseColonEndpoint: `[v6]:port`, the host with its brackets; `[v6]%if:port` is left to the general path.
      let close = s + 1;
      let h = 91;
      while (close < e && b[close] !== 93) h = (Math.imul(h, 31) + b[close++]) | 0;
      if (close >= e - 1 || b[close + 1] !== 58) return false;
      hostEnd = close + 1;
      colon = hostEnd;
      this.hostHash = (Math.imul(h, 31) + 93) | 0;
    } else if (colon < s) return false;
    let port: string;
    let value = -1;
    const len = e - colon - 1;
    if (len === 1 && b[colon + 1] === 42) port = '*';
    else {
      if (len < 1 || len > 5 || (len > 1 && b[colon + 1] === 48)) return false;
      let v = 0;
      for (let i = colon + 1; i < e; i++) {
        const d = b[i] - 48;
        if (d < 0 || d > 9) return false;
        v = v * 10 + d;
      }
      if (v > 65535) return false;
      port = PORT_TEXT[v];
      value = v;
    }
    const host = this.host(b, s, hostEnd);
    if (host === undefined) return false;
    // endpointOf: a wildcard host's port 0 is the unbound wildcard '*'.
    if (value === 0 && host.norm.host === '*') {
      port = '*';
      value = -1;
    }
    this.hostOf[side] = host;
    this.portOf[side] = port;
    if (side === 0) this.portValue = value;
    return true;
  }

  /** The endpoint of a side of the row just read (made when a diagnosis group needs a sample). */
  endpointAt(side: number): Endpoint {
    const host = this.hostOf[side] as HostEntry;
    const port = this.portOf[side];
    if (host.lastPort !== port || host.lastEp === undefined) {
      host.lastPort = port;
      host.lastEp = endpointOf(host.norm, port);
    }
    return host.lastEp as Endpoint;
  }

  private host(b: Uint8Array, s: number, e: number): HostEntry | undefined {
    const slot = (this.hostHash ^ (this.hostHash >>> TABLE_BITS)) & TABLE_MASK;
    const view = this.view as DataView;
    let h = this.hosts[slot];
    while (h !== undefined && !sameAs(b, view, s, e, h)) h = h.next as HostEntry | undefined;
    if (h !== undefined) return h.valid ? h : undefined;
    if (!isAsciiRange(b, s, e)) return undefined;
    let text = '';
    for (let i = s; i < e; i++) text += String.fromCharCode(b[i]);
    const norm = normalizeHost(text);
    const bytes = copyOf(b, s, e);
    const entry: HostEntry = {
      bytes,
      view: new DataView(bytes.buffer),
      text,
      next: this.hosts[slot],
      norm,
      valid: endpointOf(norm, '1') !== undefined,
      lastPort: '',
      lastEp: undefined,
    };
    this.hosts[slot] = entry;
    return entry.valid ? entry : undefined;
  }

  /** The owner name [s, e) with hash `hash`, one string per distinct name; undefined to decline the row. */
  private name(b: Uint8Array, s: number, e: number, hash: number): NameEntry | undefined {
    const slot = (hash ^ (hash >>> TABLE_BITS)) & TABLE_MASK;
    const view = this.view as DataView;
    let h = this.names[slot];
    while (h !== undefined && !sameAs(b, view, s, e, h)) h = h.next as NameEntry | undefined;
    if (h !== undefined) return h;
    // processLabel of an empty name is `pid N`: rare, left to the general path.
    if (e === s) return undefined;
    const text = this.decode(b, s, e);
    if (text.includes('\uFFFD')) return undefined;
    const bytes = copyOf(b, s, e);
    const entry: NameEntry = {
      bytes,
      view: new DataView(bytes.buffer),
      text,
      next: this.names[slot],
      tally: undefined,
    };
    this.names[slot] = entry;
    return entry;
  }

  /** RowScanner.extras on [from, end) (trimmed): owners and the timer kind noted; false to decline the row. */
  private extras(b: Uint8Array, from: number, end: number): boolean {
    let p = this.skip(b, from, end);
    while (p < end) {
      const c = b[p];
      if (
        c === 117 /* u */ &&
        p + 8 <= end &&
        b[p + 1] === 115 &&
        b[p + 2] === 101 &&
        b[p + 3] === 114 &&
        b[p + 4] === 115 &&
        b[p + 5] === 58 &&
        b[p + 6] === 40 &&
        b[p + 7] === 40
      ) {
        p = this.users(b, p + 7, end);
        if (p < 0) return false;
      } else if (
        c === 116 /* t */ &&
        p + 7 <= end &&
        b[p + 1] === 105 &&
        b[p + 2] === 109 &&
        b[p + 3] === 101 &&
        b[p + 4] === 114 &&
        b[p + 5] === 58 &&
        b[p + 6] === 40
      ) {
        let close = p + 7;
        while (close < end && b[close] !== 41) close++;
        if (close === end) return false;
        let comma = p + 7;
        while (comma < close && b[comma] !== 44) comma++;
        this.timer = timerOf(b, p + 7, comma);
        p = close + 1;
      } else {
        while (p < end && b[p] !== 32 && b[p] !== 9) p++;
      }
      p = this.skip(b, p, end);
    }
    return true;
  }

  /** RowScanner.users from the first inner '(' of `users:((…))`, keeping distinct labels; -1 to decline. */
  private users(b: Uint8Array, p: number, end: number): number {
    const recent = this.recentNames;
    for (let at = 0; p < end && b[p] === 40 && b[p + 1] === 34; at++) {
      const nameStart = p + 2;
      // The name at this position in the last list, when its bytes and a `",pid=` right after them are here: no
      // earlier `",pid=` can start inside them (there was none when that name was read), so it is the name.
      let name = recent[at];
      let marker = name === undefined ? -1 : nameStart + name.bytes.length;
      if (
        name === undefined ||
        marker + 6 > end ||
        !isPidMarker(b, marker) ||
        !sameAs(b, this.view as DataView, nameStart, marker, name)
      ) {
        marker = nameStart;
        let hash = 0;
        for (;;) {
          if (marker + 6 > end) return -1;
          const c = b[marker];
          if (c === 34 && isPidMarker(b, marker)) break;
          hash = (Math.imul(hash, 31) + c) | 0;
          marker++;
        }
        name = this.name(b, nameStart, marker, hash);
        if (name === undefined) return -1;
        recent[at] = name;
      }
      let seen = false;
      for (let k = 0; k < this.ownerCount && !seen; k++) seen = this.owners[k] === name;
      // SummaryBuilder counts each distinct label once per row; the diagnosis uses the first owner.
      if (!seen) this.owners[this.ownerCount++] = name;
      let q = marker + 6;
      while (q < end && b[q] !== 41) q++;
      if (q === end) return -1;
      p = q + 1;
      if (p < end && b[p] === 44) p++;
      else break;
    }
    if (p < end && b[p] === 41) p++;
    return p;
  }
}
