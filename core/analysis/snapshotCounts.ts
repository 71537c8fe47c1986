// Pure (runs anywhere): per-snapshot state counts in one flat typed array, for time series of many small snapshots.
import { TCP_STATES, type TcpState } from '../tcp/types';

const STATES = TCP_STATES.length;

/**
 * Snapshot k's counts are data[k × STATES, (k + 1) × STATES), indexed like TCP_STATES. One small typed array per
 * snapshot costs about 230 bytes of heap (object, buffer, store) for 44 bytes of counts, and a day of
 * `ss` every second has 86,400 snapshots (a 200 MB capture of small tables, half a million).
 */
export class SnapshotCounts {
  private data = new Int32Array(STATES * 64);
  /** Snapshots 0 … length - 1 exist (with zero counts when no row was seen in them). */
  length = 0;

  /** Makes snapshots up to `k` exist. */
  ensure(k: number): void {
    if (k < this.length) return;
    const need = (k + 1) * STATES;
    if (need > this.data.length) {
      const grown = new Int32Array(Math.max(need, this.data.length * 2));
      grown.set(this.data);
      this.data = grown;
    }
    this.length = k + 1;
  }

  bump(k: number, state: number): void {
    this.ensure(k);
    this.data[k * STATES + state]++;
  }

  /**
   * Snapshot k's non-zero counts by state, and their total (0 and {} past the end). Read straight from the flat
   * array: a subarray view per snapshot costs about a microsecond, tens of milliseconds over a long series.
   */
  present(k: number): { total: number; states: Partial<Record<TcpState, number>> } {
    const states: Partial<Record<TcpState, number>> = {};
    let total = 0;
    if (k < this.length) {
      const d = this.data;
      for (let i = 0, o = k * STATES; i < STATES; i++, o++) {
        if (d[o] === 0) continue;
        states[TCP_STATES[i]] = d[o];
        total += d[o];
      }
    }
    return { total, states };
  }

  /** The counts as one array of length × STATES (structured-clone safe), for another builder's merge. */
  flat(): Int32Array {
    return this.data.slice(0, this.length * STATES);
  }

  /** Adds `flat` (another builder's flat(), its snapshot k being k + shift here); snapshots without rows past the end stay absent. */
  addFlat(flat: Int32Array, shift: number): void {
    const n = flat.length / STATES;
    for (let k = 0; k < n; k++) {
      const at = k + shift;
      let any = false;
      for (let i = 0; i < STATES && !any; i++) any = flat[k * STATES + i] !== 0;
      if (!any && at >= this.length) continue;
      this.ensure(at);
      for (let i = 0; i < STATES; i++) this.data[at * STATES + i] += flat[k * STATES + i];
    }
  }
}
