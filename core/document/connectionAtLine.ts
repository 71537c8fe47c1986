// Pure (extension host, unit tests): one connection line seen whole — endpoints, observed history, likely path.
import { formatEndpoint } from '../parse/address';
import { buildHistories } from '../analysis/history';
import type { ConnectionRecord } from '../parse/types';
import type { DiagramSelection } from '../protocol/messages';
import { describePath, inferPath, type StatePath } from '../tcp/pathInference';
import type { Lang, TcpState } from '../tcp/types';
import type { IndexedConnection, LineEntry, LineIndex, TrailStep } from './lineIndex';

export interface ConnectionAtLine {
  readonly entry: LineEntry;
  readonly local: string;
  readonly remote: string;
  /** States this connection was seen in across the file (collapsed); just the current one for a single table. */
  readonly observed: readonly TcpState[];
  /** The socket's side, when the file tells: it listens on the local port (server) or not (client). */
  readonly role?: 'client' | 'server';
  readonly path: StatePath;
  /** "LOCAL → REMOTE · path in words". */
  readonly caption: string;
}

/** A minimal record with what buildHistories reads; the index keeps no full records. */
function pseudoRecord(step: TrailStep, connection: IndexedConnection): ConnectionRecord {
  return {
    line: step.line,
    format: 'ss',
    state: step.state,
    rawState: step.state,
    stateStart: 0,
    stateEnd: 0,
    local: connection.local,
    remote: connection.remote,
    processes: [],
    from: step.from,
  };
}

/**
 * The observed state sequence of the connection on `entry.line`, up to that line: later snapshots are its
 * future, not how it got here. When the 4-tuple was reused, only the latest history counts.
 */
export function observedStates(index: LineIndex, entry: LineEntry): TcpState[] {
  const trail = index.connectionTrail(entry.connection.id, entry.line);
  const histories = buildHistories(trail.map((step) => pseudoRecord(step, entry.connection)));
  const history = histories[histories.length - 1];
  return history === undefined || history.states.length === 0 ? [entry.state] : history.states;
}

function roleOf(index: LineIndex, entry: LineEntry): 'client' | 'server' | undefined {
  if (entry.state === 'LISTEN' || entry.state === 'SYN_RECEIVED') return 'server';
  if (entry.state === 'SYN_SENT') return 'client';
  const port = entry.connection.local.port;
  // Without any listener in the file there is nothing to compare with.
  if (port === '*' || index.facts.listenPorts.length === 0) return undefined;
  return index.facts.listenPorts.includes(port) ? 'server' : 'client';
}

export function connectionAtLine(index: LineIndex, line: number, lang: Lang): ConnectionAtLine | undefined {
  const entry = index.entryAt(line);
  if (entry === undefined) return undefined;
  const observed = observedStates(index, entry);
  const role = roleOf(index, entry);
  const path = inferPath(entry.state, { observed: observed.length > 1 ? observed : undefined, role });
  const local = formatEndpoint(entry.connection.local);
  const remote = formatEndpoint(entry.connection.remote);
  return {
    entry,
    local,
    remote,
    observed,
    role,
    path,
    caption: `${local} → ${remote} · ${describePath(path, lang)}`,
  };
}

/** What the sidebar diagram draws for this connection. */
export function toDiagramSelection(view: ConnectionAtLine, rawState: string): DiagramSelection {
  return {
    state: view.entry.state,
    rawState,
    local: view.local,
    remote: view.remote,
    line: view.entry.line,
    steps: view.path.steps,
    alternatives: view.path.alternatives,
    observedStates: view.path.observedStates,
    caption: view.caption,
  };
}
