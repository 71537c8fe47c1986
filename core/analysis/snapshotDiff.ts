// Pure (runs anywhere: host, CLI): successive snapshots of a live connection table → the changes between them.
import type { TcpState } from '../tcp/types';
import { formatEndpoint } from '../parse/address';
import type { ConnectionRecord } from '../parse/types';

/** One change seen between two snapshots. `from: null`: the connection appeared; `to: null`: it is gone. */
export interface ChangeEvent {
  /** When the snapshot that showed the change was taken (ms since the epoch). */
  readonly t: number;
  readonly local: string;
  readonly remote: string;
  readonly from: TcpState | null;
  readonly to: TcpState | null;
  readonly process?: string;
  readonly pid?: number;
}

/** What a watch keeps of each connection: no record, only what an event needs. */
export interface WatchedConnection {
  readonly local: string;
  readonly remote: string;
  readonly state: TcpState;
  readonly process?: string;
  readonly pid?: number;
}

/** Applied after parsing (and after an owner is carried over), never passed to a command. */
export interface WatchFilter {
  /** Local or remote port. */
  readonly port?: string;
  /** An owning process name, exactly. */
  readonly process?: string;
  /** The remote host, as formatted (`10.0.0.9`, `::1`). */
  readonly remoteHost?: string;
}

function ownerOf(r: ConnectionRecord): { process?: string; pid?: number } {
  const p = r.processes[0];
  if (p !== undefined) return { process: p.name, pid: p.pid ?? r.pid };
  return r.pid !== undefined ? { pid: r.pid } : {};
}

function matches(c: WatchedConnection, r: ConnectionRecord, f: WatchFilter): boolean {
  if (f.port !== undefined && r.local.port !== f.port && r.remote.port !== f.port) return false;
  if (f.process !== undefined && c.process !== f.process) return false;
  if (f.remoteHost !== undefined && r.remote.host !== f.remoteHost) return false;
  return true;
}

function event(t: number, c: WatchedConnection, from: TcpState | null, to: TcpState | null): ChangeEvent {
  const e: { -readonly [K in keyof ChangeEvent]: ChangeEvent[K] } = {
    t,
    local: c.local,
    remote: c.remote,
    from,
    to,
  };
  if (c.process !== undefined) e.process = c.process;
  if (c.pid !== undefined) e.pid = c.pid;
  return e;
}

/**
 * Keeps the last snapshot, keyed by 4-tuple (local and remote as formatted; a listener's remote is its
 * wildcard), and turns each new one into change events. A socket that lost its owner between two polls
 * (TIME_WAIT belongs to no process) keeps the owner it was seen with, so it still passes a process filter
 * and its events still name the process.
 */
export class SnapshotDiffer {
  private last = new Map<string, WatchedConnection>();
  private polls = 0;
  /** A live source hands back the same record for an unchanged row: its key is formatted once. */
  private readonly keys = new WeakMap<ConnectionRecord, { local: string; remote: string; key: string }>();
  /** The connection each record last gave, or null when the filter turned it away. */
  private readonly seen = new WeakMap<ConnectionRecord, WatchedConnection | null>();

  constructor(private readonly filter: WatchFilter = {}) {}

  /** Connections in the last snapshot (after the filter). */
  get size(): number {
    return this.last.size;
  }

  /** The last snapshot's connections, in the order they were listed. */
  connections(): IterableIterator<WatchedConnection> {
    return this.last.values();
  }

  /**
   * Takes the next snapshot; returns its changes (none for the first, which is the baseline) and the
   * records that passed the filter, in input order.
   */
  update(
    t: number,
    records: readonly ConnectionRecord[],
  ): { events: ChangeEvent[]; kept: ConnectionRecord[] } {
    const next = new Map<string, WatchedConnection>();
    const kept: ConnectionRecord[] = [];
    const events: ChangeEvent[] = [];
    const baseline = this.polls++ === 0;
    for (const r of records) {
      let k = this.keys.get(r);
      if (k === undefined) {
        const local = formatEndpoint(r.local);
        const remote = formatEndpoint(r.remote);
        k = { local, remote, key: `${local} ${remote}` };
        this.keys.set(r, k);
      }
      const { local, remote, key } = k;
      if (next.has(key)) continue;
      const before = this.last.get(key);
      const known = this.seen.get(r);
      if (known === null) continue;
      if (known !== undefined && known === before) {
        // The same row as last time: same state, same owner, same verdict of the filter.
        next.set(key, before);
        kept.push(r);
        continue;
      }
      let owner = ownerOf(r);
      if (owner.process === undefined && owner.pid === undefined && before !== undefined)
        owner = { process: before.process, pid: before.pid };
      const c: WatchedConnection = { local, remote, state: r.state, ...owner };
      if (!matches(c, r, this.filter)) {
        // An owner carried over from `before` may change the verdict next time, so only an owned or
        // first-seen row is remembered as turned away.
        if (before === undefined) this.seen.set(r, null);
        continue;
      }
      this.seen.set(r, c);
      next.set(key, c);
      kept.push(r);
      if (baseline) continue;
      if (before === undefined) events.push(event(t, c, null, c.state));
      else if (before.state !== c.state) events.push(event(t, c, before.state, c.state));
    }
    if (!baseline)
      for (const [key, c] of this.last) if (!next.has(key)) events.push(event(t, c, c.state, null));
    this.last = next;
    return { events, kept };
  }
}
