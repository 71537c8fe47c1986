// Node (CLI): `tcp-states summary [--json] [FILE…]`: counts and diagnosis, streamed so a million lines stay cheap.
import { terminalSafe } from '../core/text/terminalText';
import { DEFAULT_DIAGNOSIS_OPTIONS } from '../core/analysis/diagnosis';
import { formatSummaryText } from '../core/analysis/summaryText';
import type { CliArgs } from './cliArgs';
import { forEachInput } from './cliInput';
import { paint, type CliContext } from './cliOutput';
import { jsonString } from './recordJson';
import { formatTraceSummaryText, summarizeTrace } from '../core/analysis/traceSummary';
import { traceSummaryJson } from './traceOutput';
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
    const { parser, builder, collector, trace } = state;
    return {
      line: (text, n): void => {
        const r = parser.parseLine(text, n);
        if (r !== undefined) {
          builder.add(r);
          collector.add(r);
        } else trace.line(text, n);
      },
      range: state.range,
      read: async (name) => void (await readSummaryInput(name, state, options, split, ctx.stdin)),
      end: (): void => {
        for (const e of parser.kernelEvents) collector.addKernelEvent(e);
        const summary = builder.result(parser.snapshots, { top: args.top });
        const findings = collector.findings();
        const traced = trace.empty ? undefined : summarizeTrace(trace.result(), args.top);
        // A pure trace has no table part to report; a table, or an input with neither, keeps its summary.
        const table = traced === undefined || summary.total > 0 || findings.length > 0;
        if (args.json) {
          const parts: string[] = several ? [`"file":${jsonString(file)}`] : [];
          if (table)
            parts.push(`"summary":${JSON.stringify(summary)}`, `"findings":${JSON.stringify(findings)}`);
          if (traced !== undefined) parts.push(`"trace":${traceSummaryJson(traced)}`);
          ctx.out.line(`{${parts.join(',')}}`);
          return;
        }
        if (several)
          ctx.out.write(`${first ? '' : '\n'}${paint(ctx.color, 'bold', `==> ${terminalSafe(file)} <==`)}\n`);
        first = false;
        if (table) ctx.out.write(terminalSafe(formatSummaryText(summary, findings, ctx.lang)));
        if (traced !== undefined)
          ctx.out.write((table ? '\n' : '') + terminalSafe(formatTraceSummaryText(traced, ctx.lang)));
      },
    };
  });
}
