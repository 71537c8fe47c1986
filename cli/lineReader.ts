// Node (CLI): reads a file or stdin line by line, fast: 64 KiB byte chunks cut at the last newline, decoded once.
import { isAscii } from 'node:buffer';
import { closeSync, openSync, readSync } from 'node:fs';
import { TextDecoder } from 'node:util';

/** Called once per line, without its line break (LF or CRLF); `lineNumber` is 1-based. */
export type LineHandler = (text: string, lineNumber: number) => void;

/**
 * The same, without slicing: the line is text[start, end) (LF or CRLF cut off). `bytes` holds the same
 * characters at the same offsets when the chunk was ASCII (else undefined); it is reused after the call.
 */
export type RangeHandler = (
  text: string,
  bytes: Uint8Array | undefined,
  start: number,
  end: number,
  lineNumber: number,
) => void;

/*
 * Why bytes and not a stream of strings: cutting each chunk at its last '\n' *before* decoding means a
 * UTF-8 sequence is never split (0x0A is never part of one), so no StringDecoder and no `rest + chunk`
 * string concatenation are needed; a pure-ASCII chunk (the usual ss/netstat dump) is decoded as latin1,
 * a plain copy. 64 KiB keeps every chunk string in V8's young generation; 1 MiB chunks land in large-object
 * space and made the whole read ~4× slower on a 1M-line dump.
 */
const CHUNK = 1 << 16;

/** sniffEncoding looks at up to 1 KiB; fewer bytes are held undecided until the end of a shorter input. */
const SNIFF_BYTES = 1024;

export type InputEncoding = 'utf8' | 'utf16le' | 'utf16be';

/**
 * UTF-16 when the bytes start with its BOM (FF FE little-endian, FE FF big-endian), or, without one, when
 * text of mostly ASCII characters shows a NUL in every other byte (odd bytes: LE, even bytes: BE); else UTF-8.
 * Decided on at least 2 bytes; fewer count as UTF-8.
 */
export function sniffEncoding(head: Uint8Array): InputEncoding {
  if (head.length >= 2 && head[0] === 0xff && head[1] === 0xfe) return 'utf16le';
  if (head.length >= 2 && head[0] === 0xfe && head[1] === 0xff) return 'utf16be';
  const pairs = Math.min(head.length >> 1, 512);
  if (pairs < 4) return 'utf8';
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < pairs; i++) {
    if (head[2 * i] === 0) evenNul++;
    if (head[2 * i + 1] === 0) oddNul++;
  }
  if (oddNul >= pairs * 0.9 && evenNul <= pairs * 0.1) return 'utf16le';
  if (evenNul >= pairs * 0.9 && oddNul <= pairs * 0.1) return 'utf16be';
  return 'utf8';
}

/** Accumulates bytes and hands complete lines to the handler. */
export class LineSplitter {
  private buf = Buffer.allocUnsafe(CHUNK);
  private filled = 0;
  private line = 0;
  private ascii = false;
  /** The line break: '\n' (LF, CRLF), or '\r' for CR-only input (old Mac tools), chosen on the first lines seen. */
  private sep = 10;
  private sepKnown = false;
  /** Decided on the first bytes: UTF-8 (ASCII included) unless they show UTF-16. */
  private encoding: InputEncoding | undefined;
  private decoder: TextDecoder | undefined;
  private readonly onRange: RangeHandler;

  /** Hands out lines as strings (a LineHandler) or as ranges of the decoded chunk (`ranges` true, a RangeHandler). */
  constructor(onLine: LineHandler);
  constructor(onRange: RangeHandler, ranges: true);
  constructor(handler: LineHandler | RangeHandler, ranges = false) {
    if (ranges) this.onRange = handler as RangeHandler;
    else {
      const onLine = handler as LineHandler;
      this.onRange = (text, _bytes, start, end, n) =>
        onLine(start === 0 && end === text.length ? text : text.slice(start, end), n);
    }
  }

  /** The free tail of the buffer, grown when one line is longer than everything read so far. */
  space(): Buffer {
    if (this.filled === this.buf.length) {
      const bigger = Buffer.allocUnsafe(this.buf.length * 2);
      this.buf.copy(bigger, 0, 0, this.filled);
      this.buf = bigger;
    }
    return this.buf.subarray(this.filled);
  }

  /** `n` bytes were written into `space()`. */
  commit(n: number): void {
    if (this.encoding === undefined) {
      // A stream's first chunk may be a single byte: the encoding waits for SNIFF_BYTES (or the end, or settle()).
      if (this.filled + n < SNIFF_BYTES) {
        this.filled += n;
        return;
      }
      this.decide(this.filled + n);
      return;
    }
    if (this.encoding === 'utf8') this.commitUtf8(n);
    else this.transcode(n);
  }

  /** Decides the encoding on the bytes held so far, if not decided yet (a reader that stops before the end). */
  settle(): void {
    if (this.encoding === undefined) this.decide(this.filled);
  }

  private decide(held: number): void {
    this.encoding = sniffEncoding(this.buf.subarray(0, held));
    this.filled = 0;
    if (held === 0) return;
    if (this.encoding === 'utf8') this.commitUtf8(held);
    else this.transcode(held);
  }

  /**
   * UTF-16 input (PowerShell's `>` writes UTF-16LE with a BOM): the `n` new bytes are decoded (a code unit or a
   * surrogate pair cut by the chunk waits for the next) and handed on as UTF-8, so everything after is as for UTF-8.
   */
  private transcode(n: number): void {
    const raw = Buffer.from(this.buf.subarray(this.filled, this.filled + n));
    this.decoder ??= new TextDecoder(this.encoding === 'utf16be' ? 'utf-16be' : 'utf-16le');
    this.pushUtf8(Buffer.from(this.decoder.decode(raw, { stream: true }), 'utf8'));
  }

  private pushUtf8(bytes: Buffer): void {
    let at = 0;
    while (at < bytes.length) {
      const n = bytes.copy(this.space(), 0, at);
      at += n;
      this.commitUtf8(n);
    }
  }

  private commitUtf8(n: number): void {
    const end = this.filled + n;
    if (!this.sepKnown) this.chooseSeparator(end);
    const last = this.buf.lastIndexOf(this.sep, end - 1);
    if (last < this.filled) {
      this.filled = end;
      return;
    }
    this.emit(this.decode(0, last));
    this.buf.copyWithin(0, last + 1, end);
    this.filled = end - last - 1;
  }

  /** Copies a chunk in (for streams, which own their buffers). */
  push(chunk: Buffer): void {
    let at = 0;
    while (at < chunk.length) {
      const room = this.space();
      const n = chunk.copy(room, 0, at);
      at += n;
      this.commit(n);
    }
  }

  /** Lines handed out so far. */
  get lines(): number {
    return this.line;
  }

  /** Emits the last line if the input did not end with a newline; returns the line count. */
  finish(): number {
    this.settle();
    if (this.decoder !== undefined) this.pushUtf8(Buffer.from(this.decoder.decode(), 'utf8'));
    if (this.filled > 0) this.emit(this.decode(0, this.filled));
    this.filled = 0;
    return this.line;
  }

  /**
   * LF unless the input so far has CRs and no LF at all (CR-only line ends); decided once there is a line break
   * of either kind, or at the end.
   */
  private chooseSeparator(end: number): void {
    const head = this.buf.subarray(0, end);
    if (head.indexOf(10) >= 0) this.sepKnown = true;
    else {
      // A CR as the last byte so far may be the first half of a CRLF cut by the chunk: wait for the next byte.
      const cr = head.indexOf(13);
      if (cr >= 0 && cr < end - 1) {
        this.sep = 13;
        this.sepKnown = true;
      }
    }
  }

  private decode(start: number, end: number): string {
    this.ascii = isAscii(this.buf.subarray(start, end));
    return this.ascii ? this.buf.toString('latin1', start, end) : this.buf.toString('utf8', start, end);
  }

  /** `text` holds whole lines separated by '\n', without the final one. */
  private emit(text: string): void {
    const onRange = this.onRange;
    const bytes = this.ascii ? this.buf : undefined;
    const sep = this.sep === 10 ? '\n' : '\r';
    let n = this.line;
    let start = 0;
    let nl = text.indexOf(sep);
    for (;;) {
      const stop = nl === -1 ? text.length : nl;
      const end = stop > start && text.charCodeAt(stop - 1) === 13 ? stop - 1 : stop;
      onRange(text, bytes, start, end, ++n);
      if (nl === -1) break;
      start = nl + 1;
      nl = text.indexOf(sep, start);
    }
    this.line = n;
  }
}

function isErrno(err: unknown, code: string): boolean {
  return err !== null && typeof err === 'object' && 'code' in err && err.code === code;
}

/** Reads `fd` synchronously to the end; false when it would block (non-blocking stdin), so the caller streams instead. */
function drainSync(fd: number, splitter: LineSplitter): boolean {
  try {
    while (readChunk(fd, splitter));
    return true;
  } catch (err) {
    if (isErrno(err, 'EAGAIN')) return false;
    throw err;
  }
}

/**
 * Reads one chunk of `fd` at its current position (a file, a FIFO, a pipe: no offsets, so no ESPIPE) into the
 * splitter; false at the end. Throws EAGAIN for a non-blocking descriptor with nothing to read yet.
 */
function readChunk(fd: number, splitter: LineSplitter): boolean {
  const room = splitter.space();
  let n: number;
  try {
    n = readSync(fd, room, 0, room.length, null);
  } catch (err) {
    if (isErrno(err, 'EOF')) return false;
    throw err;
  }
  if (n === 0) return false;
  splitter.commit(n);
  return true;
}

/** Chunks read between two turns of the event loop (4 MiB), so a closed stdout (`| head`) is noticed early. */
const CHUNKS_PER_TURN = 64;

/**
 * Reads the open descriptor `fd` to the end, in order, giving the event loop a turn every few MiB: the
 * reading stays synchronous and fast, but an EPIPE from a reader that went away stops the run early.
 */
export async function drainSequential(fd: number, splitter: LineSplitter): Promise<void> {
  for (let k = 1; ; k++) {
    if (!readChunk(fd, splitter)) return;
    if (k % CHUNKS_PER_TURN === 0) await new Promise<void>((resolve) => setImmediate(resolve));
  }
}

/**
 * Feeds the bytes [start, end) of the open file `fd` (end -1: to the end of the file) to `splitter`; the
 * caller calls finish() when this was the last part.
 */
export function drainRange(fd: number, splitter: LineSplitter, start: number, end: number): void {
  let pos = start;
  while (end < 0 || pos < end) {
    const room = splitter.space();
    const n = readSync(fd, room, 0, end < 0 ? room.length : Math.min(room.length, end - pos), pos);
    if (n === 0) return;
    pos += n;
    splitter.commit(n);
  }
}

/**
 * Feeds every line of `path` (stdin when it is '-') to `onLine` and resolves to the number of lines.
 * Rejects with the file system error when the input cannot be read.
 */
export async function readLines(
  path: string,
  onLine: LineHandler,
  stdin: NodeJS.ReadableStream = process.stdin,
): Promise<number> {
  return readInto(path, new LineSplitter(onLine), stdin);
}

/** readLines handing out ranges of the decoded chunks instead of line strings (see RangeHandler). */
export async function readLineRanges(
  path: string,
  onRange: RangeHandler,
  stdin: NodeJS.ReadableStream = process.stdin,
): Promise<number> {
  return readInto(path, new LineSplitter(onRange, true), stdin);
}

async function readInto(path: string, splitter: LineSplitter, stdin: NodeJS.ReadableStream): Promise<number> {
  if (path !== '-') {
    const fd = openSync(path, 'r');
    try {
      await drainSequential(fd, splitter);
    } finally {
      closeSync(fd);
    }
    return splitter.finish();
  }
  if (stdin !== process.stdin || !drainSync(0, splitter)) {
    for await (const chunk of stdin) splitter.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  }
  return splitter.finish();
}

const REASONS: Record<string, string> = {
  ENOENT: 'No such file or directory',
  EACCES: 'Permission denied',
  EPERM: 'Operation not permitted',
  EISDIR: 'Is a directory',
  ENOTDIR: 'Not a directory',
  ELOOP: 'Too many levels of symbolic links',
  EMFILE: 'Too many open files',
  EIO: 'Input/output error',
};

/** The reason part of "cannot read FILE: reason", worded like the C library does. */
export function readErrorReason(err: unknown): string {
  if (
    err !== null &&
    typeof err === 'object' &&
    'code' in err &&
    typeof err.code === 'string' &&
    err.code in REASONS
  )
    return REASONS[err.code];
  return err instanceof Error ? err.message : String(err);
}

const WRITE_REASONS: Record<string, string> = {
  ENOSPC: 'No space left on device',
  EIO: 'Input/output error',
  EBADF: 'Bad file descriptor',
  EDQUOT: 'Disk quota exceeded',
  EFBIG: 'File too large',
};

/** The reason part of "write error: reason", worded like the C library does. */
export function writeErrorReason(err: NodeJS.ErrnoException): string {
  return (err.code !== undefined && WRITE_REASONS[err.code]) || err.code || err.message;
}
