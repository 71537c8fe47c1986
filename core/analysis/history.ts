// Pure (runs anywhere: host, webview, CLI): the observed state sequence of each connection across snapshots or transition logs.
import type { TcpState } from '../tcp/types';
import { formatEndpoint } from '../parse/address';
import type { ConnectionRecord, Endpoint } from '../parse/types';
import { ownString } from '../text/ownString';

/** One connection as seen from one side, with the states it was observed in. */
export interface ConnectionHistory {
  readonly key: string;
  /** Local endpoint, formatted `HOST:PORT`. */
  readonly local: string;
  /** Remote endpoint, formatted `HOST:PORT`. */
  readonly remote: string;
  /** The observed sequence, consecutive duplicates collapsed. */
  readonly states: TcpState[];
  /** For each entry of `states`, the line of the first record that showed it. */
  readonly lines: number[];
  /** Every line that belongs to this connection, in input order. */
  readonly allLines: number[];
}

/**
 * Identity of a socket as seen from one side: the formatted 4-tuple, or the local address alone for a
 * listener (its remote side is a wildcard, and a transition log's `LISTEN -> CLOSE` must land on it too).
 */
export function connectionKey(r: ConnectionRecord): string {
  return endpointsKey(r.local, r.remote, isListenerRecord(r));
}

/** Whether connectionKey() takes the record for a listener's (its local address alone). */
export function isListenerRecord(r: ConnectionRecord): boolean {
  return r.state === 'LISTEN' || (r.from === 'LISTEN' && r.state === 'CLOSED');
}

/** connectionKey() of a record with these endpoints (the document index keeps endpoints, not records). */
export function endpointsKey(local: Endpoint, remote: Endpoint, listener: boolean): string {
  return listener ? `listen ${formatEndpoint(local)}` : `${formatEndpoint(local)} ${formatEndpoint(remote)}`;
}

/**
 * How far along its life a connection is: a state of a lower stage cannot follow one of a higher stage in
 * the same connection. Seeing that means the socket went away and a new one reused the 4-tuple.
 */
function stage(state: TcpState): number {
  switch (state) {
    case 'LISTEN':
    case 'SYN_SENT':
    case 'SYN_RECEIVED':
      return 1;
    case 'ESTABLISHED':
      return 2;
    case 'CLOSED':
      return 4;
    default:
      return 3;
  }
}

/**
 * True when `next` (the first state a record contributes) cannot continue the connection that was last
 * seen in `last`: the sequence restarts from an opening state after a closing one (TIME_WAIT, then
 * SYN_SENT again), any state follows CLOSED (the socket is gone; a transition log's `CLOSE -> SYN_SENT`
 * opens a new one), or the life stage goes backwards (LAST_ACK, then ESTABLISHED: the handshake of the
 * new connection fell between two snapshots). RFC 9293 lets a SYN reopen a connection from TIME-WAIT,
 * but Linux builds a new socket for it, so it is a new history here too.
 */
function restarts(last: TcpState, next: TcpState): boolean {
  if (last === 'CLOSED') return true;
  return stage(next) < stage(last);
}

interface Building {
  key: string;
  local: string;
  remote: string;
  states: TcpState[];
  lines: number[];
  allLines: number[];
}

/** A new history; its texts are copied (see ownString), so a kept history never pins the input it came from. */
function start(key: string, r: ConnectionRecord): Building {
  return {
    key: ownString(key),
    local: ownString(formatEndpoint(r.local)),
    remote: ownString(formatEndpoint(r.remote)),
    states: [],
    lines: [],
    allLines: [],
  };
}

function push(h: Building, state: TcpState, line: number): void {
  if (h.states[h.states.length - 1] === state) return;
  h.states.push(state);
  h.lines.push(line);
}

/**
 * The running state of `buildHistories`, fed one record at a time: one entry per connection seen, so its
 * memory grows with distinct connections (and their state changes), not with records. Records are read
 * when added and never kept. `allLines` is kept only when asked for (the editor's line index needs it;
 * the CLI does not, and a row per line is what would make memory grow with the input again).
 */
export class HistoryBuilder {
  private readonly out: Building[] = [];
  private readonly open = new Map<string, Building>();

  constructor(private readonly keepAllLines = true) {}

  /** How many histories so far (a reused 4-tuple counts once per connection). */
  get size(): number {
    return this.out.length;
  }

  add(r: ConnectionRecord): void {
    const key = connectionKey(r);
    let h = this.open.get(key);
    const first = r.from ?? r.state;
    if (h !== undefined && h.states.length > 0 && restarts(h.states[h.states.length - 1], first))
      h = undefined;
    if (h === undefined) {
      h = start(key, r);
      this.open.set(key, h);
      this.out.push(h);
    }
    if (r.from !== undefined) push(h, r.from, r.line);
    push(h, r.state, r.line);
    if (this.keepAllLines) h.allLines.push(r.line);
  }

  /** The histories so far, in first-seen order (live: later `add`s extend them). */
  histories(): readonly ConnectionHistory[] {
    return this.out;
  }
}

/**
 * Groups records into connections, in first-seen order. Works on snapshots (`ss` in a loop), on
 * transition logs (records with `from`, whose previous state is inserted when it differs from the last
 * seen) and on single snapshots (one state per connection). A connection that restarts (see `restarts`)
 * closes its history and opens a new one under the same key, placed where the new one was first seen.
 * Takes any iterable, consumed once, record by record (see `HistoryBuilder`).
 */
export function buildHistories(records: Iterable<ConnectionRecord>): ConnectionHistory[] {
  const b = new HistoryBuilder();
  for (const r of records) b.add(r);
  return [...b.histories()];
}

/** Every line of every history, pointing at its history: O(1) lookup from an editor position. */
export function historyIndex(histories: readonly ConnectionHistory[]): Map<number, ConnectionHistory> {
  const index = new Map<number, ConnectionHistory>();
  for (const h of histories) for (const line of h.allLines) index.set(line, h);
  return index;
}

/** The histories that actually changed state: the ones worth showing as a path. */
export function movingHistories(histories: readonly ConnectionHistory[]): ConnectionHistory[] {
  return histories.filter((h) => h.states.length > 1);
}
