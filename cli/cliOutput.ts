// Node (CLI): buffered stdout (one write per ~64 KiB, not per line), stderr messages and ANSI colour.
import type { Lang } from '../core/tcp/types';

/** What a command may touch: injected so the commands stay testable and the entry stays small. */
export interface CliContext {
  readonly out: CliOutput;
  /** Prints `tcp-states: message` on stderr. */
  readonly error: (message: string) => void;
  readonly lang: Lang;
  readonly color: boolean;
  readonly stdin: NodeJS.ReadableStream;
  /** Threads `summary` may use (--threads, else TCP_STATES_THREADS, else 2 when the machine has 2 CPUs). */
  readonly threads?: number;
  /** The script a Worker runs to parse part of a file (the CLI entry); without it, one thread. */
  readonly workerScript?: string;
  /** Calls the handler on Ctrl+C / SIGTERM until unhooked; without it, a signal ends the process as usual. */
  readonly onInterrupt?: (handler: () => void) => () => void;
}

const FLUSH_AT = 1 << 16;

/** Collects output text and hands it to the sink in large pieces. */
export class CliOutput {
  private parts: string[] = [];
  private size = 0;

  constructor(private readonly sink: (text: string) => void) {}

  write(text: string): void {
    this.parts.push(text);
    this.size += text.length;
    if (this.size >= FLUSH_AT) this.flush();
  }

  line(text: string): void {
    this.write(text + '\n');
  }

  flush(): void {
    if (this.parts.length === 0) return;
    const text = this.parts.join('');
    this.parts = [];
    this.size = 0;
    this.sink(text);
  }
}

const CODES = {
  bold: '1',
  dim: '2',
  red: '31',
  green: '32',
  yellow: '33',
  blue: '34',
  magenta: '35',
  cyan: '36',
} as const;
export type Style = keyof typeof CODES;

/** Wraps text in an ANSI style when colour is on. */
export function paint(on: boolean, style: Style, text: string): string {
  return on ? `\x1b[${CODES[style]}m${text}\x1b[0m` : text;
}

/** Colour only for a terminal, and never when NO_COLOR is set to a non-empty value (https://no-color.org). */
export function colorWanted(isTty: boolean | undefined, env: NodeJS.ProcessEnv): boolean {
  return isTty === true && (env.NO_COLOR ?? '') === '';
}
