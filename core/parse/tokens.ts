// Pure (runs anywhere): a reusable whitespace tokenizer and small scanners for the line parsers.

/**
 * Splits a line on spaces and tabs into [start, end) offsets. The arrays are reused between lines
 * so that the hot path (a million `ss` lines) allocates nothing but the strings it keeps.
 */
export class Tokens {
  readonly starts: number[] = [];
  readonly ends: number[] = [];
  count = 0;
  text = '';

  /** Tokenises `text` from `from`, stopping after `max` tokens (the rest stays unsplit). */
  split(text: string, from = 0, max = 64): this {
    this.text = text;
    let n = 0;
    let i = from;
    const len = text.length;
    while (i < len && n < max) {
      let c = text.charCodeAt(i);
      while (c === 32 || c === 9) {
        if (++i >= len) break;
        c = text.charCodeAt(i);
      }
      if (i >= len) break;
      const s = i;
      while (i < len) {
        c = text.charCodeAt(i);
        if (c === 32 || c === 9) break;
        i++;
      }
      this.starts[n] = s;
      this.ends[n] = i;
      n++;
    }
    this.count = n;
    return this;
  }

  get(i: number): string {
    return i < this.count ? this.text.slice(this.starts[i], this.ends[i]) : '';
  }

  /** The raw text from token i to token j inclusive (keeps inner spaces, e.g. `9360/Passenger Ruby`). */
  span(i: number, j: number): string {
    return this.text.slice(this.starts[i], this.ends[j]);
  }

  is(i: number, word: string): boolean {
    if (i >= this.count) return false;
    const s = this.starts[i];
    return this.ends[i] - s === word.length && this.text.startsWith(word, s);
  }
}

/** Non-negative decimal integer of text[start, end), or -1. */
export function decimalAt(text: string, start: number, end: number): number {
  if (end <= start || end - start > 15) return -1;
  let v = 0;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v;
}

/** Non-negative decimal integer, or -1. */
export function decimal(text: string): number {
  return decimalAt(text, 0, text.length);
}

/** Hexadecimal integer of text[start, end) (at most 13 digits), or -1. */
export function hexAt(text: string, start: number, end: number): number {
  if (end <= start || end - start > 13) return -1;
  let v = 0;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    let d: number;
    if (c >= 48 && c <= 57) d = c - 48;
    else if (c >= 65 && c <= 70) d = c - 55;
    else if (c >= 97 && c <= 102) d = c - 87;
    else return -1;
    v = v * 16 + d;
  }
  return v;
}

export function isHexString(text: string, min: number, max: number): boolean {
  if (text.length < min || text.length > max) return false;
  return (
    hexAt(text, 0, Math.min(text.length, 13)) >= 0 && (text.length <= 13 || hexAt(text, 13, text.length) >= 0)
  );
}

/** Timer kinds printed in lower case already, so `toLowerCase()` of them is themselves. */
const TIMER_KINDS = ['off', 'on', 'keepalive', 'timewait', 'persist', 'probe', 'delack'];

/** text.slice(s, e).toLowerCase(), without the copies for the usual timer kinds. */
export function lowerKind(text: string, s: number, e: number): string {
  for (let k = 0; k < TIMER_KINDS.length; k++) {
    const w = TIMER_KINDS[k];
    if (w.length === e - s && text.startsWith(w, s)) return w;
  }
  return text.slice(s, e).toLowerCase();
}

const POW10 = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

/**
 * Number(text.slice(s, e)). Plain `123` and `12.34` texts of at most 15 digits are computed exactly
 * (an integer divided by a power of ten rounds once, as the parse does); anything else goes to Number.
 */
export function numberOf(text: string, s: number, e: number): number {
  let v = 0;
  let digits = 0;
  let dot = -1;
  for (let i = s; i < e; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      v = v * 10 + (c - 48);
      digits++;
    } else if (c === 46 && dot < 0) dot = i;
    else return Number(text.slice(s, e));
  }
  if (digits === 0 || digits > 15) return Number(text.slice(s, e));
  return dot < 0 ? v : v / POW10[e - dot - 1];
}
