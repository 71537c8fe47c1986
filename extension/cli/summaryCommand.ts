// Node (CLI): `tcp-states summary [--json] [FILE…]`: counts and diagnosis, streamed so a million lines stay cheap.
import { DEFAULT_DIAGNOSIS_OPTIONS, DiagnosisCollector } from '../logs/diagnosis';
import { LogParser } from '../logs/logParser';
import { formatSummaryText, SummaryBuilder } from '../logs/summary';
import type { CliArgs } from './cliArgs';
import { forEachInput } from './cliInput';
import { paint, type CliContext } from './cliOutput';
import { jsonString } from './recordJson';

export async function summaryCommand(args: CliArgs, ctx: CliContext): Promise<number> {
  const several = args.operands.length > 1;
  const options = { ...DEFAULT_DIAGNOSIS_OPTIONS, ...args.thresholds };
  let first = true;
  return forEachInput(args.operands, ctx, (file) => {
    const parser = new LogParser();
    const builder = new SummaryBuilder();
    const collector = new DiagnosisCollector(options);
    return {
      // The hot loop of the benchmark: parse, count, diagnose; nothing is kept per line.
      line: (text, n): void => {
        const r = parser.parseLine(text, n);
        if (r !== undefined) {
          builder.add(r);
          collector.add(r);
        }
      },
      range: (text, bytes, start, end, n): void => {
        const r = parser.parseRange(text, bytes, start, end, n);
        if (r !== undefined) {
          builder.add(r);
          collector.add(r);
        }
      },
      end: (): void => {
        for (const e of parser.kernelEvents) collector.addKernelEvent(e);
        const summary = builder.result(parser.snapshots, { top: args.top });
        const findings = collector.findings();
        if (args.json) {
          const head = several ? `{"file":${jsonString(file)},` : '{';
          ctx.out.line(`${head}"summary":${JSON.stringify(summary)},"findings":${JSON.stringify(findings)}}`);
          return;
        }
        if (several) ctx.out.write(`${first ? '' : '\n'}${paint(ctx.color, 'bold', `==> ${file} <==`)}\n`);
        first = false;
        ctx.out.write(formatSummaryText(summary, findings, ctx.lang));
      },
    };
  });
}
