// Pure (runs anywhere): lean scanners for the rows that dominate big dumps — `ss -tan…` and Linux `netstat -tan…` —
// reading the bytes of an ASCII chunk and slicing strings from the same chunk decoded as latin1 (equal offsets).
import { endpointOf, normalizeHost, parseColonEndpoint, WILDCARD_HOST, type NormalizedHost } from './address';
import { ByteCursor, hasSlash, isPidMarker, portText, sameBytes } from './byteCursor';
import { NETSTAT_WORDS, SS_WORDS, wordAt } from './fastWords';
import type { NetstatColumns } from './netstatParser';
import { processRef, rowDraft, type RecordDraft } from './recordDraft';
import { parseSsTimer } from './timers';
import { decimalAt, lowerKind, numberOf } from './tokens';
import type { Endpoint, ProcessRef, TimerInfo } from './types';

/*
 * Contract: `scan` returns exactly the record LogParser's general path (tokenise, dispatch, parseSsLine /
 * parseNetstatLine) makes for the same line, or undefined when the row is anything it does not handle
 * (a localized or glued state, a bracketed or BSD address, a conntrack-looking row, > 64 columns…):
 * the caller then runs the general path. test/unit/logs/fastRows.test.ts checks the two agree on every
 * fixture line and on mutated ones. Nothing here allocates per line except the strings and objects the
 * record keeps; repeated host, port and process texts are shared instead of sliced again.
 */

const MAX_TOKENS = 64;

export class RowScanner extends ByteCursor {
  /** The last host text seen in each address column and what normalizeHost made of it. */
  private readonly hostRaw = ['', '', '', ''];
  private readonly hostNorm: NormalizedHost[] = [WILDCARD_HOST, WILDCARD_HOST, WILDCARD_HOST, WILDCARD_HOST];
  private readonly port: (string | undefined)[] = [undefined, undefined, undefined, undefined];
  private readonly ep: Endpoint[] = [];
  private readonly starts = new Int32Array(MAX_TOKENS);
  private readonly ends = new Int32Array(MAX_TOKENS);

  /**
   * The record of the line [start, end) of `text` (no line break, no trailing CR), whose bytes are
   * `bytes` at the same offsets; undefined when the general path must decide.
   */
  scan(
    bytes: Uint8Array,
    text: string,
    start: number,
    end: number,
    line: number,
    cols: NetstatColumns | undefined,
  ): RecordDraft | undefined {
    this.setBytes(bytes);
    const c = bytes[start];
    if (c === 116 /* t */) return this.netstat(bytes, text, start, end, line, cols);
    // E L S F C T U B: the first letters of ss's state words.
    if (c === 69 || c === 76 || c === 83 || c === 70 || c === 67 || c === 84 || c === 85 || c === 66)
      return this.ss(bytes, text, start, end, line);
    return undefined;
  }

  /**
   * `host:port` at [s, e) whose last ':' is at `colon` (-1: none): parseColonEndpoint(text.slice(s, e)),
   * remembering the host per column and handing out the previous row's Endpoint again when host and
   * port repeat (endpoints are read-only).
   */
  private endpoint(
    b: Uint8Array,
    text: string,
    s: number,
    e: number,
    colon: number,
    column: number,
  ): Endpoint | undefined {
    if (b[s] === 91 /* [ */) return parseColonEndpoint(text.slice(s, e));
    if (colon < s) return undefined;
    const port = portText(b, text, colon + 1, e);
    const known = this.hostRaw[column];
    let h: NormalizedHost;
    if (sameBytes(b, s, colon, known)) {
      h = this.hostNorm[column];
      if (port === this.port[column]) return this.ep[column];
    } else {
      const raw = text.slice(s, colon);
      h = normalizeHost(raw);
      this.hostRaw[column] = raw;
      this.hostNorm[column] = h;
    }
    const ep = endpointOf(h, port);
    if (ep === undefined) return undefined;
    this.port[column] = port;
    this.ep[column] = ep;
    return ep;
  }

  /** `State Recv-Q Send-Q Local Peer [extras…]` at column 0 (parseSsLine without a Netid column). */
  private ss(b: Uint8Array, text: string, start: number, end: number, line: number): RecordDraft | undefined {
    let p = start;
    while (p < end && b[p] !== 32 && b[p] !== 9) p++;
    const w = wordAt(SS_WORDS, b, start, p);
    if (w === undefined) return undefined;
    const stateEnd = p;
    p = this.skipBlanks(b, p, end);
    const rq = this.digits(b, p, end);
    if (rq < 0) return undefined;
    const recvQ = decimalAt(text, p, rq);
    p = this.skipBlanks(b, rq, end);
    const sq = this.digits(b, p, end);
    if (sq < 0) return undefined;
    const sendQ = decimalAt(text, p, sq);
    p = this.skipBlanks(b, sq, end);
    let e = this.tokenEnd(b, p, end);
    if (e === p) return undefined;
    const local = this.endpoint(b, text, p, e, this.colon, 0);
    p = this.skipBlanks(b, e, end);
    e = this.tokenEnd(b, p, end);
    if (e === p || local === undefined) return undefined;
    const remote = this.endpoint(b, text, p, e, this.colon, 1);
    if (remote === undefined) return undefined;
    const rec = rowDraft(line, 'ss', w.state, w.word, 0, stateEnd - start, local, remote);
    rec.recvQ = recvQ;
    rec.sendQ = sendQ;
    // Trailing blanks hold nothing parseExtras looks for, so it may stop where the text stops.
    const last = this.trimEnd(b, e, end);
    if (last > e && !this.extras(b, text, e, last, rec)) return undefined;
    return rec;
  }

  /**
   * parseExtras(text, from, rec, end) on the bytes, for rows whose users:(…) and timer:(…) lists are
   * closed; false (the row goes to the general path) on anything else it would have to guess at.
   */
  private extras(b: Uint8Array, text: string, from: number, end: number, rec: RecordDraft): boolean {
    let p = this.skipBlanks(b, from, end);
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
        p = this.users(b, text, p + 7, end, rec.processes);
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
        rec.timer = parseSsTimer(text, p + 7, close);
        p = close + 1;
      } else {
        let stop = p;
        while (stop < end && b[stop] !== 32 && b[stop] !== 9) stop++;
        if (stop - p >= 4 && b[p + 3] === 58) {
          if (b[p] === 117 && b[p + 1] === 105 && b[p + 2] === 100) {
            const v = decimalAt(text, p + 4, stop);
            if (v >= 0) rec.uid = v;
          } else if (b[p] === 105 && b[p + 1] === 110 && b[p + 2] === 111) {
            const v = decimalAt(text, p + 4, stop);
            if (v > 0) rec.inode = v;
          }
        }
        p = stop;
      }
      p = this.skipBlanks(b, p, end);
    }
    return true;
  }

  /** parseUsers from the first inner '(' of `users:((…))`; -1 when a name or entry is not closed. */
  private users(b: Uint8Array, text: string, p: number, end: number, out: ProcessRef[]): number {
    while (p < end && b[p] === 40 && b[p + 1] === 34) {
      const nameStart = p + 2;
      // The first `",pid=` after the opening quote ends the name.
      let marker = nameStart;
      for (;;) {
        if (marker + 6 > end) return -1;
        if (isPidMarker(b, marker)) break;
        marker++;
      }
      const name = this.intern(text, nameStart, marker);
      let q = marker + 6;
      const pidStart = q;
      while (q < end && b[q] >= 48 && b[q] <= 57) q++;
      const pid = decimalAt(text, pidStart, q);
      let fd = -1;
      if (q + 4 <= end && b[q] === 44 && b[q + 1] === 102 && b[q + 2] === 100 && b[q + 3] === 61) {
        const fdStart = q + 4;
        q = fdStart;
        while (q < end && b[q] >= 48 && b[q] <= 57) q++;
        fd = decimalAt(text, fdStart, q);
      }
      out.push(processRef(name, pid, fd));
      while (q < end && b[q] !== 41) q++;
      if (q === end) return -1;
      p = q + 1;
      if (p < end && b[p] === 44) p++;
      else break;
    }
    if (p < end && b[p] === 41) p++;
    return p;
  }

  /** `Proto Recv-Q Send-Q Local Foreign State [User Inode] [PID/Program name] [Timer]` (parseNetstatLine's common case). */
  private netstat(
    b: Uint8Array,
    text: string,
    start: number,
    end: number,
    line: number,
    cols: NetstatColumns | undefined,
  ): RecordDraft | undefined {
    if (start + 4 > end || b[start + 1] !== 99 || b[start + 2] !== 112) return undefined;
    let p = start + 3;
    let proto: string;
    if (b[p] === 32 || b[p] === 9) proto = 'tcp';
    else if (b[p] === 54 && (b[p + 1] === 32 || b[p + 1] === 9) && p + 1 < end) {
      proto = 'tcp6';
      p++;
    } else return undefined;
    p = this.skipBlanks(b, p, end);
    const rq = this.digits(b, p, end);
    // A `6` here may be conntrack's protocol number (`tcp 6 431999 ESTABLISHED src=…`): general path.
    if (rq < 0 || (rq === p + 1 && b[p] === 54)) return undefined;
    const recvQ = decimalAt(text, p, rq);
    p = this.skipBlanks(b, rq, end);
    const sq = this.digits(b, p, end);
    if (sq < 0) return undefined;
    const sendQ = decimalAt(text, p, sq);
    p = this.skipBlanks(b, sq, end);
    let e = this.tokenEnd(b, p, end);
    if (e === p) return undefined;
    // looksLinuxAddress: a port after the last ':', not before the last '.'.
    if (this.colon < 0 || this.colon < this.dot) return undefined;
    const local = this.endpoint(b, text, p, e, this.colon, 2);
    p = this.skipBlanks(b, e, end);
    e = this.tokenEnd(b, p, end);
    if (e === p || local === undefined) return undefined;
    const remote = this.endpoint(b, text, p, e, this.colon, 3);
    if (remote === undefined) return undefined;
    p = this.skipBlanks(b, e, end);
    e = p;
    while (e < end && b[e] !== 32 && b[e] !== 9) e++;
    const w = wordAt(NETSTAT_WORDS, b, p, e);
    if (w === undefined) return undefined;
    const rec = rowDraft(line, 'netstat', w.state, w.word, p - start, e - start, local, remote);
    rec.proto = proto;
    rec.recvQ = recvQ;
    rec.sendQ = sendQ;

    // The columns after the state, as Tokens would have cut them (at most 64 tokens on the line).
    const starts = this.starts;
    const ends = this.ends;
    const stop = this.trimEnd(b, e, end);
    let n = 0;
    p = this.skipBlanks(b, e, stop);
    while (p < stop) {
      if (n === MAX_TOKENS - 6) return undefined;
      let q = p;
      while (q < stop && b[q] !== 32 && b[q] !== 9) q++;
      starts[n] = p;
      ends[n] = q;
      n++;
      p = this.skipBlanks(b, q, stop);
    }
    let next = 0;
    let last = n - 1;
    if (
      (cols === undefined || cols.timer) &&
      last > next &&
      b[starts[last]] === 40 &&
      b[ends[last] - 1] === 41
    ) {
      // isParenTimer: its '/' test cannot fail on the last column (indexOf is -1 or inside it).
      const t = this.netstatTimer(b, text, starts[last - 1], ends[last - 1], starts[last], ends[last]);
      if (t !== undefined) rec.timer = t;
      last -= 2;
    }
    const hasUser = cols
      ? cols.user
      : last - next >= 1 &&
        this.isDecimal(b, starts[next + 1], ends[next + 1]) &&
        !hasSlash(b, starts[next], ends[next]);
    if (hasUser && last - next >= 1) {
      const user = text.slice(starts[next], ends[next]);
      rec.user = user;
      const uid = decimalAt(text, starts[next], ends[next]);
      if (uid >= 0) rec.uid = uid;
      const inode = decimalAt(text, starts[next + 1], ends[next + 1]);
      if (inode > 0) rec.inode = inode;
      next += 2;
    }
    if ((cols === undefined || cols.pid) && next <= last) {
      const s = starts[next];
      const stopAt = ends[last];
      let slash = s;
      while (slash < stopAt && b[slash] !== 47) slash++;
      if (slash > s && slash < stopAt) {
        const pid = decimalAt(text, s, slash);
        if (pid >= 0) rec.processes.push({ name: this.intern(text, slash + 1, stopAt), pid });
      }
    }
    return rec;
  }

  /** parseNetstatTimer(kind, paren) for the kind column [ks, ke) and the `(…)` column [ps, pe). */
  private netstatTimer(
    b: Uint8Array,
    text: string,
    ks: number,
    ke: number,
    ps: number,
    pe: number,
  ): TimerInfo | undefined {
    if (pe - ps < 3) return undefined;
    const kind = lowerKind(text, ks, ke);
    const raw =
      ke + 1 === ps && b[ke] === 32 ? text.slice(ks, pe) : `${text.slice(ks, ke)} ${text.slice(ps, pe)}`;
    const t: { kind: string; raw: string; seconds?: number; retrans?: number; probes?: number } = {
      kind,
      raw,
    };
    // `(secs/retrans/probes)` split on '/': parts[0] to the first '/', and so on.
    const inEnd = pe - 1;
    let s1 = ps + 1;
    while (s1 < inEnd && b[s1] !== 47) s1++;
    if (s1 > ps + 1) {
      const seconds = numberOf(text, ps + 1, s1);
      if (Number.isFinite(seconds)) t.seconds = seconds;
    }
    if (s1 < inEnd) {
      let s2 = s1 + 1;
      while (s2 < inEnd && b[s2] !== 47) s2++;
      const r = decimalAt(text, s1 + 1, s2);
      if (r >= 0) t.retrans = r;
      if (s2 < inEnd) {
        let s3 = s2 + 1;
        while (s3 < inEnd && b[s3] !== 47) s3++;
        const pr = decimalAt(text, s2 + 1, s3);
        if (pr >= 0) t.probes = pr;
      }
    }
    return t;
  }
}
