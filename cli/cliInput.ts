// Node (CLI): runs a command over each input (files, or stdin), reporting unreadable ones and going on.
import type { CliContext } from './cliOutput';
import {
  readErrorReason,
  readLineRanges,
  readLines,
  type LineHandler,
  type RangeHandler,
} from './lineReader';

/** What a command does with one input: every line, then the end (not called when the input failed). */
export interface InputSink {
  readonly line: LineHandler;
  /** When present, used instead of `line`: the same lines as ranges of the decoded chunk. */
  readonly range?: RangeHandler;
  /** When present, reads the input itself (instead of `line` / `range`); rejects when it cannot be read. */
  readonly read?: (file: string) => Promise<void>;
  readonly end: () => void;
}

/**
 * Streams each input into a fresh sink. An input that cannot be read is reported on stderr as
 * `tcp-states: cannot read FILE: reason` and skipped; the result is then 1 (else 0).
 */
export async function forEachInput(
  files: readonly string[],
  ctx: CliContext,
  start: (name: string) => InputSink,
): Promise<number> {
  const inputs = files.length === 0 ? ['-'] : files;
  let status = 0;
  for (const file of inputs) {
    const sink = start(file);
    try {
      await (sink.read
        ? sink.read(file)
        : sink.range
          ? readLineRanges(file, sink.range, ctx.stdin)
          : readLines(file, sink.line, ctx.stdin));
    } catch (err) {
      ctx.error(`cannot read ${file === '-' ? 'standard input' : file}: ${readErrorReason(err)}`);
      status = 1;
      continue;
    }
    sink.end();
  }
  return status;
}
