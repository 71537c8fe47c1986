// Node (CLI): command-line parsing for `tcp-states <command> [options] [FILE…]`, with usage errors as values.
import type { DiagnosisOptions } from '../core/analysis/diagnosis';
import type { Lang } from '../core/tcp/types';

export const COMMANDS = ['parse', 'history', 'summary', 'annotate', 'explain', 'watch'] as const;
export type CommandName = (typeof COMMANDS)[number];

export interface CliArgs {
  /** Undefined only with --help or --version given before any command. */
  readonly command?: CommandName;
  readonly help: boolean;
  readonly version: boolean;
  readonly json: boolean;
  /** Explicit --lang, else undefined (the environment decides). */
  readonly lang?: Lang;
  readonly top?: number;
  /** `--threads N`: how many threads `summary` may use on a large file (1 or 2 matter). */
  readonly threads?: number;
  readonly thresholds: Partial<Record<keyof DiagnosisOptions, number>>;
  /** `watch` options (see WatchArgs); empty for the other commands. */
  readonly watch: WatchArgs;
  /** Files, or positional words for `explain`; '-' is stdin. */
  readonly operands: readonly string[];
}

/** `tcp-states watch` options, as given (defaults are the command's). */
export interface WatchArgs {
  /** --interval MS, 100..10000 */
  interval?: number;
  /** --duration S (may be fractional) */
  duration?: number;
  /** --port N: local or remote port */
  port?: string;
  /** --process NAME (implies owners) */
  process?: string;
  /** --host HOST: the remote host */
  host?: string;
  /** -p, --processes: look up owning processes */
  owners?: boolean;
  /** --record FILE */
  record?: string;
  /** --source auto|proc|ss|netstat */
  source?: 'proc' | 'ss' | 'netstat';
}

/** A mistake in how the tool was called: exit status 2. */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly command?: CommandName,
  ) {
    super(message);
  }
}

/** `--threshold NAME=N` names, as an SRE would type them. */
export const THRESHOLD_NAMES: Readonly<Record<string, keyof DiagnosisOptions>> = {
  'close-wait': 'closeWaitThreshold',
  'time-wait': 'timeWaitThreshold',
  'syn-recv': 'synRecvThreshold',
  'syn-sent': 'synSentThreshold',
  'last-ack': 'lastAckThreshold',
  'fin-wait-2': 'finWait2Threshold',
  'send-q': 'sendQThreshold',
  'ephemeral-ports': 'ephemeralPorts',
  'time-wait-seconds': 'timeWaitSeconds',
};

function isCommand(word: string): word is CommandName {
  return (COMMANDS as readonly string[]).includes(word);
}

function positiveInt(text: string, what: string, command: CommandName | undefined): number {
  if (!/^\d+$/.test(text) || Number(text) <= 0)
    throw new UsageError(`${what} needs a positive whole number, not '${text}'`, command);
  return Number(text);
}

/** Reads one `watch` option into `w`; false when `name` is not one. */
function watchOption(
  name: string,
  value: () => string,
  w: WatchArgs,
  command: CommandName | undefined,
): boolean {
  switch (name) {
    case '--interval': {
      const v = value();
      if (!/^\d+$/.test(v) || Number(v) < 100 || Number(v) > 10000)
        throw new UsageError(`--interval takes milliseconds from 100 to 10000, not '${v}'`, command);
      w.interval = Number(v);
      return true;
    }
    case '--duration': {
      const v = value();
      if (!/^\d+(\.\d+)?$/.test(v) || Number(v) <= 0)
        throw new UsageError(`--duration takes seconds (more than 0), not '${v}'`, command);
      w.duration = Number(v);
      return true;
    }
    case '--port': {
      const v = value();
      if (!/^\d{1,5}$/.test(v) || Number(v) < 1 || Number(v) > 65535)
        throw new UsageError(`--port takes a port from 1 to 65535, not '${v}'`, command);
      w.port = String(Number(v));
      return true;
    }
    case '--process':
      w.process = value();
      if (w.process === '') throw new UsageError('--process needs a name', command);
      return true;
    case '--host':
      w.host = value()
        .replace(/^\[(.*)\]$/, '$1')
        .toLowerCase();
      return true;
    case '-p':
    case '--processes':
      w.owners = true;
      return true;
    case '--record':
      w.record = value();
      return true;
    case '--source': {
      const v = value();
      if (v !== 'auto' && v !== 'proc' && v !== 'ss' && v !== 'netstat')
        throw new UsageError(`--source takes auto, proc, ss or netstat, not '${v}'`, command);
      if (v !== 'auto') w.source = v;
      return true;
    }
    default:
      return false;
  }
}

/** Parses argv (without node and the script). Options may come before or after operands; `--` ends them. */
export function parseCliArgs(argv: readonly string[]): CliArgs {
  let command: CommandName | undefined;
  let help = false;
  let version = false;
  let json = false;
  let lang: Lang | undefined;
  let top: number | undefined;
  let threads: number | undefined;
  const thresholds: Partial<Record<keyof DiagnosisOptions, number>> = {};
  const watch: WatchArgs = {};
  const operands: string[] = [];
  let optionsDone = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (optionsDone || arg === '-' || !arg.startsWith('-')) {
      if (command === undefined && !help && !version) {
        if (arg === 'help') {
          help = true;
          continue;
        }
        if (!isCommand(arg)) throw new UsageError(`unknown command '${arg}'`);
        command = arg;
      } else if (command === undefined && help) {
        if (!isCommand(arg)) throw new UsageError(`unknown command '${arg}'`);
        command = arg;
      } else operands.push(arg);
      continue;
    }
    if (arg === '--') {
      optionsDone = true;
      continue;
    }
    const eq = arg.indexOf('=');
    const name = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg;
    const value = (): string => {
      if (name !== arg) return arg.slice(eq + 1);
      const next = argv[++i];
      if (next === undefined) throw new UsageError(`${name} needs a value`, command);
      return next;
    };
    switch (name) {
      case '-h':
      case '--help':
        help = true;
        break;
      case '-V':
      case '--version':
        version = true;
        break;
      case '--json':
        json = true;
        break;
      case '--lang': {
        const v = value().toLowerCase();
        if (v !== 'en' && v !== 'zh' && !v.startsWith('zh'))
          throw new UsageError(`--lang takes en or zh, not '${v}'`, command);
        lang = v === 'en' ? 'en' : 'zh';
        break;
      }
      case '--top':
        top = positiveInt(value(), '--top', command);
        break;
      case '--threads':
        threads = positiveInt(value(), '--threads', command);
        break;
      case '--threshold': {
        const [k, n] = value().split('=');
        const key = THRESHOLD_NAMES[k];
        if (key === undefined || n === undefined) {
          throw new UsageError(
            `--threshold takes NAME=N with NAME one of ${Object.keys(THRESHOLD_NAMES).join(', ')}`,
            command,
          );
        }
        thresholds[key] = positiveInt(n, `--threshold ${k}`, command);
        break;
      }
      default:
        if (!watchOption(name, value, watch, command))
          throw new UsageError(`unknown option '${name}'`, command);
    }
  }
  if (command === undefined && !help && !version) throw new UsageError('missing command');
  if (command !== 'watch' && Object.keys(watch).length > 0)
    throw new UsageError(
      '--interval, --duration, --port, --process, --host, -p, --record and --source are watch options',
      command,
    );
  return { command, help, version, json, lang, top, threads, thresholds, watch, operands };
}

/** LC_ALL, then LC_MESSAGES, then LANG: a zh* locale means Chinese, anything else English. */
export function langFromEnv(env: NodeJS.ProcessEnv): Lang {
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return /^zh/i.test(locale) ? 'zh' : 'en';
}
