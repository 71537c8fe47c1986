// Pure (runs anywhere): a reconstructed packet trace in numbers (connections by outcome, each end's final state)
// and as plain text, for `tcp-states summary` beside the table summary.
import { formatEndpoint } from '../parse/address';
import type { Lang, TcpState } from '../tcp/types';
import { SIDE } from '../text/traceText';
import { OUTCOME } from '../text/traceWords';
import type { TraceOutcome, TraceResult } from '../trace/traceTypes';
import { groupDigits } from './findingText';
import { formatCountsLine, type StateCounts } from './summary';

export interface OutcomeCount {
  readonly outcome: TraceOutcome;
  readonly count: number;
  /** How many of them the trace caught after their handshake (client and server guessed from the ports). */
  readonly midStart: number;
}

export interface TraceConnectionSummary {
  readonly connection: number;
  readonly client: string;
  readonly server: string;
  readonly outcome: TraceOutcome;
  readonly midStart: boolean;
  readonly clientState: TcpState;
  readonly serverState: TcpState;
  readonly packets: number;
  readonly firstLine: number;
  readonly lastLine: number;
}

export interface TraceSummary {
  readonly packets: number;
  readonly connections: number;
  /** Largest first; ties in the order of Zeek's table. */
  readonly outcomes: readonly OutcomeCount[];
  /** Each end's state after the trace's last packet of its connection, counted over the connections. */
  readonly finalStates: { readonly client: StateCounts; readonly server: StateCounts };
  /** The first `top` connections, in trace order. */
  readonly list: readonly TraceConnectionSummary[];
}

const ORDER: readonly TraceOutcome[] = ['SF', 'S1', 'S2', 'S3', 'S0', 'REJ', 'RSTO', 'RSTR', 'OTH'];

export function summarizeTrace(trace: TraceResult, top = 10): TraceSummary {
  const outcomes = new Map<TraceOutcome, { count: number; midStart: number }>();
  const client: Partial<Record<TcpState, number>> = {};
  const server: Partial<Record<TcpState, number>> = {};
  const list: TraceConnectionSummary[] = [];
  for (const c of trace.connections) {
    const o = outcomes.get(c.outcome) ?? { count: 0, midStart: 0 };
    o.count++;
    if (c.midStart) o.midStart++;
    outcomes.set(c.outcome, o);
    const first = trace.packets[c.packets[0]];
    const last = trace.packets[c.packets[c.packets.length - 1]];
    client[last.clientState] = (client[last.clientState] ?? 0) + 1;
    server[last.serverState] = (server[last.serverState] ?? 0) + 1;
    if (list.length < top)
      list.push({
        connection: c.index,
        client: formatEndpoint(c.client),
        server: formatEndpoint(c.server),
        outcome: c.outcome,
        midStart: c.midStart,
        clientState: last.clientState,
        serverState: last.serverState,
        packets: c.packets.length,
        firstLine: first.packet.line,
        lastLine: last.packet.line,
      });
  }
  const counted = [...outcomes].map(([outcome, v]) => ({ outcome, ...v }));
  counted.sort((a, b) => b.count - a.count || ORDER.indexOf(a.outcome) - ORDER.indexOf(b.outcome));
  return {
    packets: trace.packets.length,
    connections: trace.connections.length,
    outcomes: counted,
    finalStates: { client, server },
    list,
  };
}

const WORDS = {
  en: {
    head: (c: string, p: string): string =>
      `Packet trace: ${c} connection${c === '1' ? '' : 's'}, ${p} packets`,
    outcomes: 'Outcomes',
    mid: (n: number): string => ` (${n} started mid-connection: ends guessed from the ports)`,
    finals: 'Final states',
    list: 'Connections',
    lines: (a: number, b: number): string => `(lines ${a}–${b})`,
    more: (n: string): string => `… ${n} more`,
  },
  zh: {
    head: (c: string, p: string): string => `抓包：${c} 条连接，${p} 个报文`,
    outcomes: '连接结局',
    mid: (n: number): string => `（其中 ${n} 条从连接中途开始：两端按端口推测）`,
    finals: '最终状态',
    list: '连接',
    lines: (a: number, b: number): string => `（第 ${a}–${b} 行）`,
    more: (n: string): string => `…… 另有 ${n} 条`,
  },
} as const;

/** The trace part of `summary`'s text, in one language. */
export function formatTraceSummaryText(s: TraceSummary, lang: Lang): string {
  const w = WORDS[lang];
  const out = [w.head(groupDigits(s.connections), groupDigits(s.packets)), '', `${w.outcomes}:`];
  for (const o of s.outcomes)
    out.push(
      `  ${o.outcome.padEnd(5)} ${groupDigits(o.count).padStart(9)}  ${OUTCOME[o.outcome][lang]}${o.midStart > 0 ? w.mid(o.midStart) : ''}`,
    );
  out.push('', `${w.finals}:`);
  for (const side of ['client', 'server'] as const)
    out.push(`  ${SIDE[side][lang].padEnd(lang === 'zh' ? 4 : 7)} ${formatCountsLine(s.finalStates[side])}`);
  out.push('', `${w.list}:`);
  for (const c of s.list) {
    const ends = `${SIDE.client[lang]} ${c.clientState} · ${SIDE.server[lang]} ${c.serverState}`;
    out.push(
      `  #${String(c.connection).padEnd(4)} ${c.client} → ${c.server}  ${c.outcome.padEnd(4)}  ${ends}  ${w.lines(c.firstLine, c.lastLine)}`,
    );
  }
  if (s.connections > s.list.length) out.push(`  ${w.more(groupDigits(s.connections - s.list.length))}`);
  return out.join('\n') + '\n';
}
