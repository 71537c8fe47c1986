// Pure (runs anywhere): the plain-text report of a summary and its findings ("Copy summary", the CLI's `summary`).
import { TCP_STATES, type Lang } from '../tcp/types';
import type { Finding } from './diagnosis';
import { groupDigits } from './findingText';
import { formatCountsLine, type CountEntry, type SnapshotSummary, type Summary } from './summary';

const WORDS = {
  en: {
    records: (n: string, formats: string): string => `${n} connections${formats ? ` (${formats})` : ''}`,
    none: 'No connection lines recognised.',
    states: 'States',
    ports: 'Busiest local ports',
    procs: 'Processes',
    snapshots: (n: number): string => `Snapshots (${n})`,
    line: 'line',
    more: (n: string): string => `… ${n} more`,
    diagnosis: 'Diagnosis',
    lastSnapshot: 'Diagnosis of the last snapshot',
    healthy: 'Nothing looks wrong.',
    lines: 'lines',
    of: (shown: number, total: number): string =>
      shown < total ? ` (first ${shown} of ${groupDigits(total)})` : '',
  },
  zh: {
    records: (n: string, formats: string): string => `共 ${n} 条连接${formats ? `（${formats}）` : ''}`,
    none: '没有识别出任何连接行。',
    states: '状态',
    ports: '连接最多的本地端口',
    procs: '进程',
    snapshots: (n: number): string => `快照（${n} 个）`,
    line: '行',
    more: (n: string): string => `…… 另有 ${n} 项`,
    diagnosis: '诊断',
    lastSnapshot: '诊断（基于最后一个快照）',
    healthy: '没有发现异常。',
    lines: '行号',
    of: (shown: number, total: number): string =>
      shown < total ? `（仅列出 ${groupDigits(total)} 行中的前 ${shown} 行）` : '',
  },
} as const;

const SEVERITY: Record<Finding['severity'], Record<Lang, string>> = {
  error: { en: 'ERROR', zh: '错误' },
  warning: { en: 'WARNING', zh: '警告' },
  info: { en: 'INFO', zh: '提示' },
};

function entries(list: readonly CountEntry[], distinct: number, lang: Lang, prefix: string): string[] {
  const w = WORDS[lang];
  const width = Math.max(...list.map((e) => prefix.length + e.key.length), 4);
  const out = list.map(
    (e) =>
      `  ${(prefix + e.key).padEnd(width)}  ${groupDigits(e.count).padStart(9)}  ${formatCountsLine(e.states)}`,
  );
  if (distinct > list.length) out.push(`  ${w.more(groupDigits(distinct - list.length))}`);
  return out;
}

function snapshotRows(snaps: readonly SnapshotSummary[], lang: Lang): string[] {
  const w = WORDS[lang];
  const row = (s: SnapshotSummary): string =>
    `  #${String(s.index).padEnd(5)} ${(s.time ?? '').padEnd(24)} ${w.line} ${String(s.startLine).padEnd(8)} ${groupDigits(s.total).padStart(8)}  ${formatCountsLine(s.states)}`;
  if (snaps.length <= 20) return snaps.map(row);
  return [
    ...snaps.slice(0, 5).map(row),
    `  ${w.more(groupDigits(snaps.length - 15))}`,
    ...snaps.slice(-10).map(row),
  ];
}

/** Evidence lines as "12, 13, 40–44": runs of consecutive lines folded. */
export function formatLineList(lines: readonly number[]): string {
  const parts: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    let j = i;
    while (j + 1 < lines.length && lines[j + 1] === lines[j] + 1) j++;
    parts.push(
      j > i + 1 ? `${lines[i]}–${lines[j]}` : j === i + 1 ? `${lines[i]}, ${lines[j]}` : `${lines[i]}`,
    );
    i = j;
  }
  return parts.join(', ');
}

/** The summary as plain text in one language: counts, top ports and processes, snapshots, then the findings. */
export function formatSummaryText(summary: Summary, findings: readonly Finding[], lang: Lang): string {
  const w = WORDS[lang];
  const out: string[] = [];
  if (summary.total === 0) out.push(w.none);
  else {
    out.push(w.records(groupDigits(summary.total), summary.formats.join(', ')));
    out.push(formatCountsLine(summary.states), '', `${w.states}:`);
    for (const s of TCP_STATES) {
      const n = summary.states[s];
      if (n !== undefined) out.push(`  ${s.padEnd(13)} ${groupDigits(n).padStart(9)}`);
    }
    if (summary.localPorts.length > 0)
      out.push('', `${w.ports}:`, ...entries(summary.localPorts, summary.distinctLocalPorts, lang, ':'));
    if (summary.processes.length > 0)
      out.push('', `${w.procs}:`, ...entries(summary.processes, summary.distinctProcesses, lang, ''));
    if (summary.snapshots.length > 0)
      out.push('', `${w.snapshots(summary.snapshots.length)}:`, ...snapshotRows(summary.snapshots, lang));
  }
  out.push('', `${summary.snapshots.length > 0 ? w.lastSnapshot : w.diagnosis}:`);
  if (findings.length === 0) out.push(`  ${w.healthy}`);
  for (const f of findings) {
    out.push(`  [${SEVERITY[f.severity][lang]}] ${f.title[lang]}`, `    ${f.message[lang]}`);
    if (f.lines.length > 0)
      out.push(`    ${w.lines}: ${formatLineList(f.lines)}${w.of(f.lines.length, f.count)}`);
  }
  return out.join('\n') + '\n';
}
