// Node (CLI): `summary`'s reader for regular files: byte chunks whose lines are found with Buffer.indexOf (memchr),
// each offered to the byte-level row reader first; only the lines it declines are decoded for the general parser.
import { isAscii } from 'node:buffer';
import { readSync } from 'node:fs';

/** A line [s, e) of `b` (no line break) numbered `n` folded in from its bytes; false when declined. */
export type ByteRowHandler = (b: Buffer, s: number, e: number, n: number) => boolean;

/** The general path: text[start, end) is the line, `bytes` the same characters at the same offsets when ASCII. */
export type TextRowHandler = (
  text: string,
  bytes: Uint8Array | undefined,
  start: number,
  end: number,
  n: number,
) => void;

/*
 * The lines and their numbers are LineSplitter's for LF input (the caller sends CR-only and UTF-16 input
 * there): a chunk holds whole lines, a CR before the LF is cut off, and a declined line is handed on as
 * LineSplitter would have handed it — from the chunk decoded once as latin1 when the chunk is ASCII (so the
 * general path may read the bytes too), else from that line decoded as UTF-8. 64 KiB chunks, for the reason
 * LineSplitter gives: a chunk string larger than that lands in V8's large-object space and slows everything.
 */
const CHUNK = 1 << 16;

/** True when the file at `fd` has an LF in its first 64 KiB, or no CR there (LineSplitter then splits on LF too). */
export function splitsOnLf(fd: number): boolean {
  const head = Buffer.allocUnsafe(CHUNK);
  const n = readSync(fd, head, 0, head.length, 0);
  const bytes = head.subarray(0, n);
  return bytes.indexOf(10) >= 0 || bytes.indexOf(13) < 0;
}

/**
 * Reads the bytes [start, end) of the open file `fd` (end -1: to its end, the last line then read even
 * without a line break), numbering lines from `firstLine` + 1; returns how many lines were read.
 */
export function drainSummary(
  fd: number,
  start: number,
  end: number,
  firstLine: number,
  fast: ByteRowHandler,
  general: TextRowHandler,
): number {
  let buf = Buffer.allocUnsafe(CHUNK);
  let filled = 0;
  let pos = start;
  let n = firstLine;
  const lines = (upto: number): void => {
    // Lines of buf[0, upto), upto just past a '\n' or the end of the input.
    let text: string | undefined;
    let ascii: boolean | undefined;
    let p = 0;
    while (p < upto) {
      let nl = buf.indexOf(10, p);
      if (nl < 0 || nl >= upto) nl = upto;
      const e = nl > p && buf[nl - 1] === 13 ? nl - 1 : nl;
      n++;
      if (!fast(buf, p, e, n)) {
        ascii ??= isAscii(buf.subarray(0, upto));
        if (ascii) {
          text ??= buf.toString('latin1', 0, upto);
          general(text, buf, p, e, n);
        } else {
          const line = buf.toString('utf8', p, e);
          general(line, undefined, 0, line.length, n);
        }
      }
      p = nl + 1;
    }
  };
  for (;;) {
    if (filled === buf.length) {
      const bigger = Buffer.allocUnsafe(buf.length * 2);
      buf.copy(bigger, 0, 0, filled);
      buf = bigger;
    }
    const want = end < 0 ? buf.length - filled : Math.min(buf.length - filled, end - pos);
    const got = want > 0 ? readSync(fd, buf, filled, want, pos) : 0;
    if (got === 0) {
      if (end < 0 && filled > 0) lines(filled);
      return n - firstLine;
    }
    pos += got;
    const data = filled + got;
    const last = buf.lastIndexOf(10, data - 1);
    if (last < filled) {
      filled = data;
      continue;
    }
    lines(last + 1);
    buf.copyWithin(0, last + 1, data);
    filled = data - last - 1;
  }
}
