// Pure (runs anywhere): the byte-level cursor under the fast row scanners (fastRows.ts): blanks, tokens,
// digits and shared strings over an ASCII chunk whose latin1 decoding gives equal offsets.
import type { NameInterner } from './nameInterner';

/** True when b[m, m + 6) is `",pid=` (the caller knows those bytes are there). */
export function isPidMarker(b: Uint8Array, m: number): boolean {
  return (
    b[m] === 34 &&
    b[m + 1] === 44 &&
    b[m + 2] === 112 &&
    b[m + 3] === 105 &&
    b[m + 4] === 100 &&
    b[m + 5] === 61
  );
}

/** Decimal port texts by value, so repeated ports share one string. */
const PORTS: (string | undefined)[] = [];

/** Byte helpers the row scanners share; `colon` and `dot` are set by tokenEnd for the token just read. */
export class ByteCursor implements NameInterner {
  protected bytes: Uint8Array | undefined;
  protected view: DataView | undefined;
  private readonly names: string[] = ['', '', '', ''];
  private nameNext = 0;
  protected colon = -1;
  protected dot = -1;

  /** Points the cursor at a new chunk (no-op for the same one). */
  protected setBytes(bytes: Uint8Array): void {
    if (bytes !== this.bytes) {
      this.bytes = bytes;
      this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    }
  }

  /** First offset at or after p (< end) that is not a space or tab; four bytes at a time through runs of spaces. */
  protected skipBlanks(b: Uint8Array, p: number, end: number): number {
    const v = this.view as DataView;
    while (p + 4 <= end && v.getUint32(p) === 0x20202020) p += 4;
    while (p < end) {
      const c = b[p];
      if (c !== 32 && c !== 9) break;
      p++;
    }
    return p;
  }

  /** The end of the line without its trailing spaces and tabs (never before `from`). */
  protected trimEnd(b: Uint8Array, from: number, end: number): number {
    const v = this.view as DataView;
    while (end - 4 >= from && v.getUint32(end - 4) === 0x20202020) end -= 4;
    while (end > from) {
      const c = b[end - 1];
      if (c !== 32 && c !== 9) break;
      end--;
    }
    return end;
  }

  /** text.slice(s, e), or the same text seen on one of the last rows. */
  intern(text: string, s: number, e: number): string {
    const names = this.names;
    const b = this.bytes as Uint8Array;
    for (let k = 0; k < names.length; k++) if (sameBytes(b, s, e, names[k])) return names[k];
    const out = text.slice(s, e);
    names[this.nameNext] = out;
    this.nameNext = (this.nameNext + 1) & 3;
    return out;
  }

  /** End of the token at p; sets `colon` and `dot` to the last ':' and '.' in it (-1: none). */
  protected tokenEnd(b: Uint8Array, p: number, end: number): number {
    let colon = -1;
    let dot = -1;
    while (p < end) {
      const c = b[p];
      if (c === 32 || c === 9) break;
      if (c === 58) colon = p;
      else if (c === 46) dot = p;
      p++;
    }
    this.colon = colon;
    this.dot = dot;
    return p;
  }

  /** End of the decimal token at p, or -1 when the token at p is not 1–15 digits. */
  protected digits(b: Uint8Array, p: number, end: number): number {
    let q = p;
    while (q < end) {
      const c = b[q];
      if (c < 48 || c > 57) break;
      q++;
    }
    if (q === p || q - p > 15) return -1;
    if (q < end && b[q] !== 32 && b[q] !== 9) return -1;
    return q;
  }

  protected isDecimal(b: Uint8Array, s: number, e: number): boolean {
    if (e <= s || e - s > 15) return false;
    for (let i = s; i < e; i++) if (b[i] < 48 || b[i] > 57) return false;
    return true;
  }
}

export function hasSlash(b: Uint8Array, s: number, e: number): boolean {
  for (let i = s; i < e; i++) if (b[i] === 47) return true;
  return false;
}

/** The port text at [s, e): one shared string per decimal port, '*' as is, anything else sliced. */
export function portText(b: Uint8Array, text: string, s: number, e: number): string {
  const len = e - s;
  if (len === 1 && b[s] === 42) return '*';
  if (len < 1 || len > 5 || (len > 1 && b[s] === 48)) return text.slice(s, e);
  let v = 0;
  for (let i = s; i < e; i++) {
    const d = b[i] - 48;
    if (d < 0 || d > 9) return text.slice(s, e);
    v = v * 10 + d;
  }
  if (v > 65535) return text.slice(s, e);
  let out = PORTS[v];
  if (out === undefined) {
    out = text.slice(s, e);
    PORTS[v] = out;
  }
  return out;
}

/** True when the bytes [s, e) spell `known` (ASCII). */
export function sameBytes(b: Uint8Array, s: number, e: number, known: string): boolean {
  if (known.length !== e - s) return false;
  for (let i = 0; i < known.length; i++) if (b[s + i] !== known.charCodeAt(i)) return false;
  return true;
}
