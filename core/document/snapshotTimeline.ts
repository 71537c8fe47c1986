// Pure (extension host, unit tests): a time series' per-state counts per snapshot, for the sidebar's counts-over-time chart.
import { LIMITS } from '../protocol/guards';
import type { Timeline, TimelinePoint } from '../protocol/messages';
import type { LineIndex } from './lineIndex';

/**
 * One point per snapshot, in file order; null when the document is not a time series (fewer than two snapshots with
 * connections). Past `maxPoints` the snapshots are picked evenly, always keeping the first and the last.
 */
export function snapshotTimeline(
  index: LineIndex,
  source: string,
  maxPoints: number = LIMITS.timelinePoints,
): Timeline | null {
  const perSnapshot = index.facts.snapshotCounts;
  const infos = index.facts.snapshots;
  const all: TimelinePoint[] = [];
  perSnapshot.forEach((counts, snapshot) => {
    const info = infos[snapshot];
    // A block without connections (a header, a capture that failed) is not a point of the series.
    if (info === undefined || Object.keys(counts).length === 0) return;
    all.push({ label: info.time ?? `#${snapshot + 1}`, line: info.startLine, counts });
  });
  if (all.length < 2) return null;
  return { source, snapshots: downsample(all, Math.max(2, maxPoints)) };
}

function downsample<T>(items: readonly T[], max: number): T[] {
  if (items.length <= max) return [...items];
  const out: T[] = [];
  for (let i = 0; i < max; i++) {
    const item = items[Math.round((i * (items.length - 1)) / (max - 1))];
    if (item !== undefined) out.push(item);
  }
  return out;
}
