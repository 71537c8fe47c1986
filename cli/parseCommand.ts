// Node (CLI): `tcp-states parse [--json] [FILE…]`: every recognised connection line, as JSON Lines or a table.
import { terminalSafe } from '../core/text/terminalText';
import { formatEndpoint } from '../core/parse/address';
import { LogParser } from '../core/parse/logParser';
import type { ConnectionRecord } from '../core/parse/types';
import type { CliArgs } from './cliArgs';
import { forEachInput } from './cliInput';
import type { CliContext } from './cliOutput';
import { recordJson } from './recordJson';
import { processLabel } from '../core/parse/recordDraft';
import { TraceCollector, packetJson, packetRow } from './traceOutput';

function owner(r: ConnectionRecord): string {
  return r.processes
    .map((p) => (p.pid !== undefined && p.name !== '' ? `${p.name}/${p.pid}` : processLabel(p)))
    .join(',');
}

function tableRow(r: ConnectionRecord, file: string | undefined): string {
  const where = file === undefined ? String(r.line) : `${file}:${r.line}`;
  const state = r.from !== undefined ? `${r.from}→${r.state}` : r.state;
  const q = r.recvQ !== undefined || r.sendQ !== undefined ? `${r.recvQ ?? '-'}/${r.sendQ ?? '-'}` : '';
  return `${where.padStart(7)}  ${r.format.padEnd(9)} ${state.padEnd(12)} ${q.padStart(9)}  ${formatEndpoint(r.local).padEnd(28)} ${formatEndpoint(r.remote).padEnd(28)} ${owner(r)}`.trimEnd();
}

export async function parseCommand(args: CliArgs, ctx: CliContext): Promise<number> {
  const several = args.operands.length > 1;
  if (!args.json)
    ctx.out.line(
      `${'LINE'.padStart(7)}  ${'FORMAT'.padEnd(9)} ${'STATE'.padEnd(12)} ${'RECV/SEND'.padStart(9)}  ${'LOCAL'.padEnd(28)} ${'REMOTE'.padEnd(28)} PROCESS`,
    );
  return forEachInput(args.operands, ctx, (file) => {
    const parser = new LogParser();
    const trace = new TraceCollector();
    const name = several ? file : undefined;
    const out = ctx.out;
    return {
      line: args.json
        ? (text, n): void => {
            const r = parser.parseLine(text, n);
            if (r !== undefined) out.line(recordJson(r, name));
            else trace.line(text, n);
          }
        : (text, n): void => {
            const r = parser.parseLine(text, n);
            if (r !== undefined) out.line(terminalSafe(tableRow(r, name)));
            else trace.line(text, n);
          },
      // Packet lines come after the table rows of the same input: a trace is reconstructed once it is whole.
      end: (): void => {
        if (trace.empty) return;
        const result = trace.result();
        for (const t of result.packets)
          out.line(args.json ? packetJson(t, result, name) : terminalSafe(packetRow(t, result, name)));
      },
    };
  });
}
