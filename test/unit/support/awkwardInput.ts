// Node (unit tier): issue 11's awkward forms of a real input — line ends, UTF-16 with or without a BOM, arbitrary
// chunking — and the CLI run in-process on one, for the fuzz tests of the parser and of the packet traces.
import { Readable } from 'node:stream';
import { LineSplitter } from '../../../cli/lineReader';
import { runCli } from '../../../cli/runCli';

export type LineEnd = 'lf' | 'crlf' | 'cr' | 'mixed';
export type Encoding = 'utf8' | 'utf16le' | 'utf16le-bom' | 'utf16be' | 'utf16be-bom';

/** `lines` joined with the line end; `mixed` takes LF or CRLF per line from `pick` (CR-only cannot mix: see LineSplitter). */
export function joinLines(lines: readonly string[], end: LineEnd, pick: readonly boolean[] = []): string {
  if (end === 'mixed')
    return lines.map((l, i) => l + (pick[i % Math.max(1, pick.length)] ? '\r\n' : '\n')).join('');
  const sep = end === 'lf' ? '\n' : end === 'crlf' ? '\r\n' : '\r';
  return lines.map((l) => l + sep).join('');
}

export function encode(text: string, enc: Encoding): Buffer {
  if (enc === 'utf8') return Buffer.from(text, 'utf8');
  const le = Buffer.from((enc.endsWith('-bom') ? '\ufeff' : '') + text, 'utf16le');
  return enc.startsWith('utf16be') ? le.swap16() : le;
}

/** The lines LineSplitter hands out for `bytes` pushed in chunks of the given sizes (the rest in one), as [n, text]. */
export function splitLines(bytes: Buffer, chunks: readonly number[] = []): [number, string][] {
  const out: [number, string][] = [];
  const splitter = new LineSplitter((text, n) => out.push([n, text]));
  let at = 0;
  for (const size of chunks) {
    if (at >= bytes.length) break;
    const end = Math.min(bytes.length, at + Math.max(1, size));
    splitter.push(bytes.subarray(at, end));
    at = end;
  }
  if (at < bytes.length) splitter.push(bytes.subarray(at));
  splitter.finish();
  return out;
}

/** The CLI run in-process on `input` as its stdin (not a terminal, so no colours): exit status and output. */
export async function cliOnStdin(
  argv: string[],
  input: Buffer,
): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli({
    argv,
    env: { NO_COLOR: '1', LANG: 'C' },
    stdin: Readable.from([input]),
    stdoutIsTty: false,
    writeOut: (t) => void (out += t),
    writeErr: (t) => void (err += t),
  });
  return { code, out, err };
}

// C0 controls but TAB and LF, DEL, C1 (core/text/terminalText.ts).
// eslint-disable-next-line no-control-regex
export const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;
