// Pure (extension host, unit tests): the snapshot blocks of an index with their counts and warned states, for CodeLens and status bar.
import { groupDigits } from '../analysis/findingText';
import type { StateCounts } from '../analysis/summary';
import { TCP_STATES, type TcpState } from '../tcp/types';
import type { LineIndex } from './lineIndex';

export interface SnapshotBlock {
  /** Snapshot index, or undefined for a file that is one table. */
  readonly snapshot?: number;
  /** 1-based line the lens sits on: the block's first line. */
  readonly line: number;
  readonly endLine: number;
  readonly time?: string;
  readonly counts: StateCounts;
  /** States with a finding whose evidence falls in this block. */
  readonly warned: readonly TcpState[];
}

/** "812 TIME_WAIT · 45 CLOSE_WAIT ⚠ · 3 SYN_RECEIVED": largest first, ties in canonical order. */
export function countsTitle(counts: StateCounts, warned: readonly TcpState[] = []): string {
  const entries = TCP_STATES.filter((s) => (counts[s] ?? 0) > 0).map((s) => [s, counts[s] ?? 0] as const);
  entries.sort((a, b) => b[1] - a[1]);
  return entries.map(([s, n]) => `${groupDigits(n)} ${s}${warned.includes(s) ? ' ⚠' : ''}`).join(' · ');
}

function warnedIn(index: LineIndex, first: number, last: number): TcpState[] {
  const out: TcpState[] = [];
  for (const f of index.facts.findings) {
    if (f.state === undefined || out.includes(f.state)) continue;
    if (f.lines.some((l) => l >= first && l <= last)) out.push(f.state);
  }
  return out;
}

/** One block per snapshot of a time series, or one for the whole file. */
export function snapshotBlocks(index: LineIndex): SnapshotBlock[] {
  if (index.recordCount === 0) return [];
  const perSnapshot = index.facts.snapshotCounts;
  const infos = index.facts.snapshots;
  if (perSnapshot.length > 1) {
    const out: SnapshotBlock[] = [];
    perSnapshot.forEach((counts, snapshot) => {
      const info = infos[snapshot];
      if (info === undefined || Object.keys(counts).length === 0) return;
      out.push({
        snapshot,
        line: info.startLine,
        endLine: info.endLine,
        time: info.time,
        counts,
        warned: warnedIn(index, info.startLine, info.endLine),
      });
    });
    return out;
  }
  const first = infos[0]?.startLine ?? firstRecordLine(index);
  return [
    {
      line: first,
      endLine: index.lineCount,
      counts: index.facts.counts,
      warned: warnedIn(index, 1, index.lineCount),
    },
  ];
}

function firstRecordLine(index: LineIndex): number {
  for (let line = 1; line <= index.lineCount; line++) if (index.stateAt(line) !== undefined) return line;
  return 1;
}
