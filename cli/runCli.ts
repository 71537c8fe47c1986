// Node (CLI): dispatches a parsed command line to its command and turns errors into exit statuses.
import { availableParallelism } from 'node:os';
import { version } from '../package.json';
import { annotateCommand } from './annotateCommand';
import { langFromEnv, parseCliArgs, UsageError, type CliArgs, type CommandName } from './cliArgs';
import { helpText } from './cliHelp';
import { CliOutput, colorWanted, type CliContext } from './cliOutput';
import { explainCommand } from './explainCommand';
import { historyCommand } from './historyCommand';
import { parseCommand } from './parseCommand';
import { summaryCommand } from './summaryCommand';
import { watchCommand } from './watchCommand';

/** The process as the CLI sees it; tests and the entry supply the real one. */
export interface CliIo {
  readonly argv: readonly string[];
  readonly env: NodeJS.ProcessEnv;
  readonly stdin: NodeJS.ReadableStream & { readonly isTTY?: boolean };
  readonly stdoutIsTty: boolean;
  readonly writeOut: (text: string) => void;
  readonly writeErr: (text: string) => void;
  /** The entry script, which a Worker can run to parse part of a large file (see summarySplit). */
  readonly workerScript?: string;
  /** Calls the handler on Ctrl+C (SIGINT) or SIGTERM until the returned function unhooks it (`watch`). */
  readonly onInterrupt?: (handler: () => void) => () => void;
}

/** --threads, else TCP_STATES_THREADS (a positive whole number), else 2 when the machine has two CPUs or more. */
function threadCount(args: CliArgs, env: NodeJS.ProcessEnv): number {
  if (args.threads !== undefined) return args.threads;
  const fromEnv = env.TCP_STATES_THREADS;
  if (fromEnv !== undefined && /^\d+$/.test(fromEnv) && Number(fromEnv) > 0) return Number(fromEnv);
  return Math.min(2, availableParallelism());
}

const COMMAND_RUNNERS: Record<CommandName, (args: CliArgs, ctx: CliContext) => Promise<number>> = {
  parse: parseCommand,
  history: historyCommand,
  summary: summaryCommand,
  annotate: annotateCommand,
  explain: explainCommand,
  watch: watchCommand,
};

/** Commands that read one input at most. */
const SINGLE_INPUT: readonly CommandName[] = ['history', 'annotate'];

/** Commands with a --json form; the others refuse the option rather than silently print text. */
const JSON_OUTPUT: readonly CommandName[] = ['parse', 'history', 'summary', 'watch'];

function usage(io: CliIo, err: UsageError): number {
  const hint = err.command !== undefined ? `tcp-states ${err.command} --help` : 'tcp-states --help';
  io.writeErr(`tcp-states: ${err.message}\nTry '${hint}' for more information.\n`);
  return 2;
}

/** Runs the tool and resolves to its exit status: 0 ok, 1 an input could not be read, 2 usage error. */
export async function runCli(io: CliIo): Promise<number> {
  const out = new CliOutput(io.writeOut);
  try {
    const args = parseCliArgs(io.argv);
    if (args.help) {
      out.write(helpText(args.command));
      return 0;
    }
    if (args.version || args.command === undefined) {
      out.line(`tcp-states ${version}`);
      return 0;
    }
    if (args.json && !JSON_OUTPUT.includes(args.command)) {
      throw new UsageError(`${args.command} has no JSON output: unknown option '--json'`, args.command);
    }
    if (SINGLE_INPUT.includes(args.command) && args.operands.length > 1) {
      throw new UsageError(`${args.command} reads one input, got ${args.operands.length}`, args.command);
    }
    if (
      args.command !== 'explain' &&
      args.command !== 'watch' &&
      args.operands.length === 0 &&
      io.stdin.isTTY === true
    ) {
      throw new UsageError(
        'no input: give a FILE, or pipe ss / netstat output in (ss -tanpo | tcp-states summary)',
        args.command,
      );
    }
    const ctx: CliContext = {
      out,
      error: (message) => io.writeErr(`tcp-states: ${message}\n`),
      lang: args.lang ?? langFromEnv(io.env),
      color: colorWanted(io.stdoutIsTty, io.env),
      stdin: io.stdin,
      threads: threadCount(args, io.env),
      workerScript: io.workerScript,
      onInterrupt: io.onInterrupt,
    };
    return await COMMAND_RUNNERS[args.command](args, ctx);
  } catch (err) {
    if (err instanceof UsageError) return usage(io, err);
    throw err;
  } finally {
    out.flush();
  }
}
