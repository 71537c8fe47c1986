// Node (CLI): `tcp-states summary [--json] [FILE…]`: counts and diagnosis, streamed so a million lines stay cheap.
import { terminalSafe } from '../core/text/terminalText';
import { DEFAULT_DIAGNOSIS_OPTIONS } from '../core/analysis/diagnosis';
import { formatSummaryText } from '../core/analysis/summaryText';
import type { CliArgs } from './cliArgs';
import { forEachInput } from './cliInput';
import { paint, type CliContext } from './cliOutput';
import { jsonString } from './recordJson';
import { partInWorker, readSummaryInput, SummaryState, type SplitConfig } from './summarySplit';

export async function summaryCommand(args: CliArgs, ctx: CliContext): Promise<number> {
  const several = args.operands.length > 1;
  const options = { ...DEFAULT_DIAGNOSIS_OPTIONS, ...args.thresholds };
  const threads = ctx.threads ?? 1;
  const split: SplitConfig = {
    threads,
    runPart: threads > 1 && ctx.workerScript !== undefined ? partInWorker(ctx.workerScript) : undefined,
  };
  let first = true;
  return forEachInput(args.operands, ctx, (file) => {
    const state = new SummaryState(options);
    const { parser, builder, collector } = state;
    return {
      line: (text, n): void => {
        const r = parser.parseLine(text, n);
        if (r !== undefined) {
          builder.add(r);
          collector.add(r);
        }
      },
      range: state.range,
      read: async (name) => void (await readSummaryInput(name, state, options, split, ctx.stdin)),
      end: (): void => {
        for (const e of parser.kernelEvents) collector.addKernelEvent(e);
        const summary = builder.result(parser.snapshots, { top: args.top });
        const findings = collector.findings();
        if (args.json) {
          const head = several ? `{"file":${jsonString(file)},` : '{';
          ctx.out.line(`${head}"summary":${JSON.stringify(summary)},"findings":${JSON.stringify(findings)}}`);
          return;
        }
        if (several)
          ctx.out.write(`${first ? '' : '\n'}${paint(ctx.color, 'bold', `==> ${terminalSafe(file)} <==`)}\n`);
        first = false;
        ctx.out.write(terminalSafe(formatSummaryText(summary, findings, ctx.lang)));
      },
    };
  });
}
