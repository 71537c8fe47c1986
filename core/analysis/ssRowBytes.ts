// Pure (runs anywhere): byte-level helpers of the plain ss row reader (ssSummaryRows.ts) — interned byte strings
// and their comparison, copies, the `",pid=` marker and timer kinds read from a line's bytes.

export interface Interned {
  readonly bytes: Uint8Array;
  /** The same bytes, for sameAs to read four at a time. */
  readonly view: DataView;
  readonly text: string;
  next: Interned | undefined;
}

/**
 * Eight spaces read as one big-endian float64: a normal, non-zero number, so `===` holds for that bit pattern
 * alone (skip() compares eight bytes at once through the padding ss puts after the last column).
 */
export const SPACES_8 = new DataView(new Uint8Array(8).fill(32).buffer).getFloat64(0);

/** timerOf's codes: TIMER_OTHER for an unlisted kind, 2 + its index for one of TIMER_WORDS. */
export const TIMER_OTHER = 1;
export const TIMER_WORDS = ['timewait', 'persist', 'probe'] as const;

/** True when b[s, e) (`v` a view of b) holds the bytes of `known`: four bytes at a time, then the rest. */
export function sameAs(b: Uint8Array, v: DataView, s: number, e: number, known: Interned): boolean {
  const k = known.bytes;
  const n = k.length;
  if (n !== e - s) return false;
  const kv = known.view;
  let i = 0;
  for (; i + 4 <= n; i += 4) if (v.getUint32(s + i) !== kv.getUint32(i)) return false;
  for (; i < n; i++) if (b[s + i] !== k[i]) return false;
  return true;
}

/** A copy of b[s, e) (a Node Buffer's slice() would be a view of memory the next chunk overwrites). */
export function copyOf(b: Uint8Array, s: number, e: number): Uint8Array {
  const out = new Uint8Array(e - s);
  out.set(b.subarray(s, e));
  return out;
}

/** True when no byte of b[s, e) is above 0x7F. */
export function isAsciiRange(b: Uint8Array, s: number, e: number): boolean {
  for (let i = s; i < e; i++) if (b[i] >= 0x80) return false;
  return true;
}

/** The timer kind [s, e) as lowerKind would compare it: one of TIMER_WORDS (2 + index) or TIMER_OTHER. */
export function timerOf(b: Uint8Array, s: number, e: number): number {
  next: for (let k = 0; k < TIMER_WORDS.length; k++) {
    const w = TIMER_WORDS[k];
    if (w.length !== e - s) continue;
    for (let i = 0; i < w.length; i++) if ((b[s + i] | 0x20) !== w.charCodeAt(i)) continue next;
    return 2 + k;
  }
  return TIMER_OTHER;
}
