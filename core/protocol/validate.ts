// Pure (host and webview): the one validator of each direction of the webview protocol. Each side treats what it
// receives as untrusted: a message is rebuilt field by field from the shared guards (unknown fields dropped, text
// clamped, lists bounded) or refused as a whole when its type or a field it cannot do without is wrong.
import type { Lang, TcpState } from '../tcp/types';
import {
  LIMITS,
  boolean,
  boundedString,
  clampedString,
  finiteNumber,
  isRecord,
  listOf,
  nullable,
  oneOf,
  tcpState,
} from './guards';
import {
  PROTOCOL_THEMES,
  ZOOM_ACTIONS,
  type CardTarget,
  type DiagramSelection,
  type DiagramStep,
  type DiagramTrace,
  type DiagramTraceEnd,
  type HighlightedMessage,
  type HighlightedTrace,
  type HostToWebview,
  type RenderedMessage,
  type StateCounts,
  type Timeline,
  type TimelinePoint,
  type WebviewToHost,
} from './messages';
import { isWebviewStringKey, type WebviewStrings } from './strings';

// ---- shared by both directions ----

const LANGS: readonly Lang[] = ['en', 'zh'];

export function parseCardTarget(v: unknown): CardTarget | undefined {
  if (!isRecord(v)) return undefined;
  if (v.kind === 'state') {
    const state = tcpState(v.state);
    return state && { kind: 'state', state };
  }
  if (v.kind === 'transition') {
    const transitionId = boundedString(v.transitionId, LIMITS.transitionId);
    return transitionId === undefined ? undefined : { kind: 'transition', transitionId };
  }
  return undefined;
}

function edgeIds(v: unknown): string[] | undefined {
  return listOf(v, LIMITS.edges, (x) => boundedString(x, LIMITS.transitionId));
}

// ---- host → webview ----

function parseStep(v: unknown): DiagramStep | undefined {
  if (!isRecord(v)) return undefined;
  const from = tcpState(v.from);
  const to = tcpState(v.to);
  const transitionId = boundedString(v.transitionId, LIMITS.transitionId);
  const observed = boolean(v.observed);
  if (!from || !to || transitionId === undefined || observed === undefined) return undefined;
  return { from, to, transitionId, observed };
}

function parseSteps(v: unknown): DiagramStep[] | undefined {
  return listOf(v, LIMITS.steps, parseStep);
}

function parseTraceEnd(v: unknown): DiagramTraceEnd | undefined {
  if (!isRecord(v)) return undefined;
  const state = tcpState(v.state);
  const steps = parseSteps(v.steps);
  if (!state || !steps) return undefined;
  return { endpoint: clampedString(v.endpoint, LIMITS.endpoint) ?? '', state, steps };
}

/** A trace is dropped (the selection kept) when an end or the packet position is unusable. */
function parseTrace(v: unknown): DiagramTrace | undefined {
  if (!isRecord(v)) return undefined;
  const client = parseTraceEnd(v.client);
  const server = parseTraceEnd(v.server);
  const packet = finiteNumber(v.packet);
  const packetCount = finiteNumber(v.packetCount);
  if (!client || !server || packet === undefined || packetCount === undefined) return undefined;
  if (packet < 1 || packet > packetCount) return undefined;
  return { client, server, packet, packetCount, role: clampedString(v.role, LIMITS.text) ?? '' };
}

/**
 * A selection is refused only without its state or its path; an over-long endpoint, raw state or caption is clamped,
 * a bad step or alternative dropped, so the sidebar still shows the connection.
 */
export function parseSelection(v: unknown): DiagramSelection | undefined {
  if (!isRecord(v)) return undefined;
  const state = tcpState(v.state);
  const line = finiteNumber(v.line);
  const steps = parseSteps(v.steps);
  if (!state || line === undefined || !steps) return undefined;
  const trace = parseTrace(v.trace);
  const base: DiagramSelection = {
    state,
    rawState: clampedString(v.rawState, LIMITS.rawState) ?? state,
    local: clampedString(v.local, LIMITS.endpoint) ?? '',
    remote: clampedString(v.remote, LIMITS.endpoint) ?? '',
    line,
    steps,
    alternatives: listOf(v.alternatives, LIMITS.alternatives, parseSteps) ?? [],
    observedStates: listOf(v.observedStates, LIMITS.observedStates, tcpState) ?? [],
    caption: clampedString(v.caption, LIMITS.text) ?? '',
  };
  return trace === undefined ? base : { ...base, trace };
}

function parseCounts(v: unknown): StateCounts | undefined {
  if (!isRecord(v)) return undefined;
  const out: { [K in keyof StateCounts]: number } = {};
  for (const [k, n] of Object.entries(v)) {
    const state = tcpState(k);
    const count = finiteNumber(n);
    if (!state || count === undefined || count < 0) return undefined;
    out[state] = count;
  }
  return out;
}

/** A snapshot without a usable line or counts is dropped from the chart, the others kept. */
function parseTimelinePoint(v: unknown): TimelinePoint | undefined {
  if (!isRecord(v)) return undefined;
  const line = finiteNumber(v.line);
  const counts = parseCounts(v.counts);
  if (line === undefined || line < 1 || !counts) return undefined;
  return { label: clampedString(v.label, LIMITS.timelineLabel) ?? '', line, counts };
}

function parseTimeline(v: unknown): Timeline | undefined {
  if (!isRecord(v)) return undefined;
  const snapshots = listOf(v.snapshots, LIMITS.timelinePoints, parseTimelinePoint);
  if (!snapshots) return undefined;
  return { source: clampedString(v.source, LIMITS.source) ?? '', snapshots };
}

/** The known keys with a usable text; anything else is left to the English fallback. */
function parseStrings(v: Record<string, unknown>): Partial<WebviewStrings> {
  const out: { -readonly [K in keyof WebviewStrings]?: string } = {};
  for (const [k, s] of Object.entries(v)) {
    if (isWebviewStringKey(k) && typeof s === 'string' && s.length > 0 && s.length <= LIMITS.uiString)
      out[k] = s;
  }
  return out;
}

/** The message, if it is a well-formed host → webview message; undefined otherwise. */
export function parseHostToWebview(v: unknown): HostToWebview | undefined {
  if (!isRecord(v)) return undefined;
  switch (v.type) {
    case 'init': {
      const lang = oneOf<Lang>(v.lang, LANGS);
      const compact = boolean(v.compact);
      if (!lang || compact === undefined || !isRecord(v.strings)) return undefined;
      return { type: 'init', lang, strings: parseStrings(v.strings), compact };
    }
    case 'selection': {
      const selection = nullable(v.selection, parseSelection);
      return selection === undefined ? undefined : { type: 'selection', selection };
    }
    case 'counts': {
      const counts = nullable(v.counts, parseCounts);
      const source = nullable(v.source, (s) => clampedString(s, LIMITS.source));
      return counts === undefined || source === undefined ? undefined : { type: 'counts', counts, source };
    }
    case 'showCard': {
      const target = parseCardTarget(v.target);
      return target && { type: 'showCard', target };
    }
    case 'setCompact': {
      const compact = boolean(v.compact);
      return compact === undefined ? undefined : { type: 'setCompact', compact };
    }
    case 'zoom': {
      const action = oneOf(v.action, ZOOM_ACTIONS);
      return action && { type: 'zoom', action };
    }
    case 'timeline': {
      const timeline = nullable(v.timeline, parseTimeline);
      return timeline === undefined ? undefined : { type: 'timeline', timeline };
    }
    default:
      return undefined;
  }
}

// ---- webview → host ----

function parseRendered(v: Record<string, unknown>): RenderedMessage | undefined {
  const ok = boolean(v.ok);
  const theme = oneOf(v.theme, PROTOCOL_THEMES);
  const nodeCount = finiteNumber(v.nodeCount);
  const edgeCount = finiteNumber(v.edgeCount);
  const ms = finiteNumber(v.ms);
  if (ok === undefined || !theme || nodeCount === undefined || edgeCount === undefined || ms === undefined)
    return undefined;
  const error = clampedString(v.error, LIMITS.error);
  const base: RenderedMessage = { type: 'rendered', ok, theme, nodeCount, edgeCount, ms };
  return error === undefined ? base : { ...base, error };
}

/** A trace read-back is dropped (the message kept) when any of its fields is unusable. */
function parseHighlightedTrace(v: unknown): HighlightedTrace | undefined {
  if (!isRecord(v)) return undefined;
  const states = (x: unknown): TcpState[] | undefined => listOf(x, LIMITS.steps, tcpState);
  const clientStates = states(v.clientStates);
  const serverStates = states(v.serverStates);
  const clientEdges = edgeIds(v.clientEdges);
  const serverEdges = edgeIds(v.serverEdges);
  const clientCurrent = nullable(v.clientCurrent, tcpState);
  const serverCurrent = nullable(v.serverCurrent, tcpState);
  const packet = finiteNumber(v.packet);
  const packetCount = finiteNumber(v.packetCount);
  const canPrev = boolean(v.canPrev);
  const canNext = boolean(v.canNext);
  if (
    !clientStates ||
    !serverStates ||
    !clientEdges ||
    !serverEdges ||
    clientCurrent === undefined ||
    serverCurrent === undefined ||
    packet === undefined ||
    packetCount === undefined ||
    canPrev === undefined ||
    canNext === undefined
  )
    return undefined;
  return {
    clientStates,
    serverStates,
    clientEdges,
    serverEdges,
    clientCurrent,
    serverCurrent,
    packet,
    packetCount,
    canPrev,
    canNext,
  };
}

function parseHighlighted(v: Record<string, unknown>): HighlightedMessage | undefined {
  const current = nullable(v.current, tcpState);
  const ms = finiteNumber(v.ms);
  const states = listOf(v.states, LIMITS.steps, tcpState);
  const observedEdges = edgeIds(v.observedEdges);
  const inferredEdges = edgeIds(v.inferredEdges);
  const alternativeEdges = edgeIds(v.alternativeEdges);
  const labelledEdges = edgeIds(v.labelledEdges);
  if (
    current === undefined ||
    ms === undefined ||
    !states ||
    !observedEdges ||
    !inferredEdges ||
    !alternativeEdges ||
    !labelledEdges
  )
    return undefined;
  const trace = parseHighlightedTrace(v.trace);
  const base: HighlightedMessage = {
    type: 'highlighted',
    caption: clampedString(v.caption, LIMITS.text) ?? '',
    current,
    states,
    observedEdges,
    inferredEdges,
    alternativeEdges,
    labelledEdges,
    compact: v.compact === true,
    lang: v.lang === 'zh' ? 'zh' : 'en',
    ms,
  };
  return trace === undefined ? base : { ...base, trace };
}

/** The message, if it is a well-formed webview → host message; undefined otherwise. */
export function parseWebviewToHost(v: unknown): WebviewToHost | undefined {
  if (!isRecord(v)) return undefined;
  switch (v.type) {
    case 'ready':
      return { type: 'ready' };
    case 'rendered':
      return parseRendered(v);
    case 'highlighted':
      return parseHighlighted(v);
    case 'findInLog': {
      const state = tcpState(v.state);
      return state && { type: 'findInLog', state };
    }
    case 'cardOpened': {
      const target = parseCardTarget(v.target);
      return target && { type: 'cardOpened', target };
    }
    case 'traceStep':
      return v.delta === 1 || v.delta === -1 ? { type: 'traceStep', delta: v.delta } : undefined;
    case 'timelineShown': {
      const points = finiteNumber(v.points);
      const series = listOf(v.series, LIMITS.steps, tcpState);
      const hot = nullable(v.hot, tcpState);
      return points === undefined || points < 0 || !series || hot === undefined
        ? undefined
        : { type: 'timelineShown', points, series, hot };
    }
    case 'revealSnapshot': {
      const line = finiteNumber(v.line);
      return line !== undefined && line >= 1 && Number.isInteger(line)
        ? { type: 'revealSnapshot', line }
        : undefined;
    }
    default:
      return undefined;
  }
}

/**
 * What the host may post for `message`: the message itself when the webview's parseHostToWebview accepts it; for a
 * selection it would refuse (a field no row should have), an empty selection, so the sidebar clears rather than
 * keeping the previous connection; undefined for any other refused message (the webview would drop it anyway).
 */
export function deliverableToWebview(message: HostToWebview): HostToWebview | undefined {
  if (parseHostToWebview(message) !== undefined) return message;
  return message.type === 'selection' ? { type: 'selection', selection: null } : undefined;
}
