// Node (CLI): `tcp-states history [--json] [FILE]`: each connection's observed path.
import { terminalSafe } from '../core/text/terminalText';
import { HistoryBuilder } from '../core/analysis/history';
import { LogParser } from '../core/parse/logParser';
import type { CliArgs } from './cliArgs';
import { forEachInput } from './cliInput';
import { paint, type CliContext } from './cliOutput';
import { jsonString } from './recordJson';
import { traceHistories } from '../core/trace/traceHistory';
import { TraceCollector } from './traceOutput';

export async function historyCommand(args: CliArgs, ctx: CliContext): Promise<number> {
  return forEachInput(args.operands, ctx, () => {
    const parser = new LogParser();
    // One running state per connection, fed as lines arrive: no record outlives its line.
    const histories = new HistoryBuilder(false);
    const trace = new TraceCollector();
    return {
      line: (text, n): void => {
        const r = parser.parseLine(text, n);
        if (r !== undefined) histories.add(r);
        else trace.line(text, n);
      },
      range: (text, bytes, start, end, n): void => {
        const r = parser.parseRange(text, bytes, start, end, n);
        if (r !== undefined) histories.add(r);
        else trace.range(text, start, end, n);
      },
      end: (): void => {
        for (const h of histories.histories()) {
          if (args.json) {
            const states = h.states.map((s) => `"${s}"`).join(',');
            ctx.out.line(
              `{"local":${jsonString(h.local)},"remote":${jsonString(h.remote)},"states":[${states}],"lines":[${h.lines.join(',')}]}`,
            );
          } else {
            const path = h.states.map((s) => paint(ctx.color, 'bold', s)).join(' → ');
            const lines = paint(
              ctx.color,
              'dim',
              `(line${h.lines.length > 1 ? 's' : ''} ${h.lines.join(', ')})`,
            );
            ctx.out.line(`${terminalSafe(h.local)} → ${terminalSafe(h.remote)}: ${path} ${lines}`);
          }
        }
        // Both ends of every traced connection, after the table rows' histories (a trace is replayed once whole).
        if (trace.empty) return;
        for (const h of traceHistories(trace.result())) {
          if (args.json) {
            const states = h.states.map((s) => `"${s}"`).join(',');
            ctx.out.line(
              `{"side":"${h.side}","connection":${h.connection},"local":${jsonString(h.local)},"remote":${jsonString(h.remote)},"states":[${states}],"lines":[${h.lines.join(',')}]}`,
            );
          } else {
            const path = h.states.map((s) => paint(ctx.color, 'bold', s)).join(' → ');
            const lines = paint(
              ctx.color,
              'dim',
              `(line${h.lines.length > 1 ? 's' : ''} ${h.lines.join(', ')})`,
            );
            const who = `#${h.connection} ${h.side.padEnd(6)}`;
            ctx.out.line(`${who} ${terminalSafe(h.local)} → ${terminalSafe(h.remote)}: ${path} ${lines}`);
          }
        }
      },
    };
  });
}
