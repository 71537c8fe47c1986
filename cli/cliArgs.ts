// Node (CLI): command-line parsing for `tcp-states <command> [options] [FILE…]`, with usage errors as values.
import type { DiagnosisOptions } from '../core/analysis/diagnosis';
import type { Lang } from '../core/tcp/types';

export const COMMANDS = ['parse', 'history', 'summary', 'annotate', 'explain'] as const;
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
  /** Files, or positional words for `explain`; '-' is stdin. */
  readonly operands: readonly string[];
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
        throw new UsageError(`unknown option '${name}'`, command);
    }
  }
  if (command === undefined && !help && !version) throw new UsageError('missing command');
  return { command, help, version, json, lang, top, threads, thresholds, operands };
}

/** LC_ALL, then LC_MESSAGES, then LANG: a zh* locale means Chinese, anything else English. */
export function langFromEnv(env: NodeJS.ProcessEnv): Lang {
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return /^zh/i.test(locale) ? 'zh' : 'en';
}
