// Pure (runs anywhere: host, webview, CLI): the likely past of a connection, from its state and any observed states.
import { stateLabel, type StateLabelStyle } from './stateLabel';
import { RFC_TRANSITIONS, TRANSITIONS, transitionById, type Transition } from './transitions';
import { isTcpState, type Lang, type TcpState } from './types';

export { stateLabel, type StateLabelStyle } from './stateLabel';

/** One edge of an inferred or observed path. */
export interface PathStep {
  readonly from: TcpState;
  readonly to: TcpState;
  readonly transitionId: string;
  /** True when both ends were observed one after the other and a direct transition joins them. */
  readonly observed: boolean;
}

export interface StatePath {
  readonly current: TcpState;
  /** The most likely path, CLOSED → … → current. */
  readonly steps: readonly PathStep[];
  /** Other plausible pasts, each a whole path like `steps`. */
  readonly alternatives: readonly (readonly PathStep[])[];
  readonly ambiguous: boolean;
  /** The observed sequence, consecutive repeats collapsed, ending in current; empty when nothing was observed. */
  readonly observedStates: readonly TcpState[];
}

export interface InferPathOptions {
  /** States seen for this connection, oldest first (snapshots or a transition log). */
  readonly observed?: readonly TcpState[];
  /** Which end this socket is, when known; otherwise the usual end for the state is assumed. */
  readonly role?: 'client' | 'server';
}

type Role = 'client' | 'server';

const CLIENT_OPEN = ['t2', 't8'];
const SERVER_OPEN = ['t1', 't4', 't10'];
const MAX_ALTERNATIVES = 8;

// Costs rank otherwise equal gap fillings: edges that are rare in practice cost more, so a gap
// ESTABLISHED → TIME_WAIT is filled via FIN_WAIT_2 first, then straight from FIN_WAIT_1, then via CLOSING.
const RARE_EDGE_COST: Readonly<Record<string, number>> = { t5: 5, t7: 3, t9: 2, t11: 3, t15: 2, t16: 2.5 };

function edgeCost(t: Transition): number {
  return RARE_EDGE_COST[t.id] ?? 1;
}

function toSteps(ids: readonly string[], observed = false): PathStep[] {
  return ids.flatMap((id) => {
    const t = transitionById(id);
    return t ? [{ from: t.from, to: t.to, transitionId: t.id, observed }] : [];
  });
}

function openFor(role: Role): readonly string[] {
  return role === 'server' ? SERVER_OPEN : CLIENT_OPEN;
}

/** Canonical pasts of a single state, most likely first. */
function canonicalPasts(state: TcpState, role: Role | undefined): string[][] {
  const roles = (usual: Role): Role[] => (role ? [role] : [usual, usual === 'client' ? 'server' : 'client']);
  const withOpen = (usual: Role, tail: readonly string[]): string[][] =>
    roles(usual).map((r) => [...openFor(r), ...tail]);
  switch (state) {
    case 'CLOSED':
      return [[]];
    case 'LISTEN':
      return [['t1']];
    case 'SYN_SENT':
      return [['t2']];
    case 'SYN_RECEIVED':
      if (role === 'client') return [['t2', 't7']];
      return role === 'server'
        ? [['t1', 't4']]
        : [
            ['t1', 't4'],
            ['t2', 't7'],
          ];
    case 'ESTABLISHED':
      return withOpen('client', []);
    case 'FIN_WAIT_1':
      return withOpen('client', ['t12']);
    case 'FIN_WAIT_2':
      return withOpen('client', ['t12', 't14']);
    case 'CLOSING':
      return withOpen('client', ['t12', 't15']);
    case 'TIME_WAIT': {
      const open = openFor(role ?? 'client');
      const pasts = [
        [...open, 't12', 't14', 't17'],
        [...open, 't12', 't15', 't19'],
        [...open, 't12', 't16'],
      ];
      if (!role) pasts.push([...SERVER_OPEN, 't12', 't14', 't17']);
      return pasts;
    }
    case 'CLOSE_WAIT':
      return withOpen('server', ['t13']);
    case 'LAST_ACK':
      return withOpen('server', ['t13', 't18']);
  }
}

function minHops(from: TcpState, to: TcpState, throughClosed: boolean): number {
  const dist = new Map<TcpState, number>([[from, 0]]);
  const queue: TcpState[] = [from];
  while (queue.length > 0) {
    const s = queue.shift() as TcpState;
    for (const t of RFC_TRANSITIONS) {
      if (t.from !== s || dist.has(t.to) || (!throughClosed && t.to === 'CLOSED' && to !== 'CLOSED'))
        continue;
      dist.set(t.to, (dist.get(s) ?? 0) + 1);
      queue.push(t.to);
    }
  }
  return dist.get(to) ?? Infinity;
}

/**
 * Plausible RFC paths from → to (no state visited twice), most likely first. A path through CLOSED
 * means a new connection on the same 4-tuple, so it is considered only when nothing else leads there.
 */
function gapFillings(from: TcpState, to: TcpState): PathStep[][] {
  const direct = minHops(from, to, false);
  const throughClosed = !Number.isFinite(direct);
  const shortest = throughClosed ? minHops(from, to, true) : direct;
  if (!Number.isFinite(shortest)) return [];
  const maxHops = shortest + 2;
  const found: { steps: PathStep[]; cost: number }[] = [];
  const walk = (at: TcpState, visited: Set<TcpState>, path: Transition[]): void => {
    if (at === to && path.length > 0) {
      const cost = path.reduce((sum, t) => sum + edgeCost(t), 0);
      found.push({ steps: toSteps(path.map((t) => t.id)), cost });
      return;
    }
    if (path.length >= maxHops) return;
    for (const t of RFC_TRANSITIONS) {
      if (t.from !== at || (visited.has(t.to) && t.to !== to)) continue;
      if (!throughClosed && t.to === 'CLOSED' && to !== 'CLOSED') continue;
      visited.add(t.to);
      walk(t.to, visited, [...path, t]);
      visited.delete(t.to);
    }
  };
  walk(from, new Set([from]), []);
  found.sort((a, b) => a.cost - b.cost || a.steps.length - b.steps.length);
  const best = found[0]?.cost ?? 0;
  return found
    .filter((f) => f.cost <= best + 2)
    .slice(0, 4)
    .map((f) => f.steps);
}

interface Segment {
  readonly primary: readonly PathStep[];
  readonly alternatives: readonly (readonly PathStep[])[];
}

/*
 * When several edges join two observed states, the likelier cause comes first:
 * - SYN_SENT → CLOSED: the application's own connect timeout (t6) is the usual end of a SYN_SENT that lasted
 *   long enough to be seen; a RST (connection refused) and the kernel's SYN retries running out are the others.
 * - SYN_RECEIVED → CLOSED: after a passive open the request is dropped when tcp_synack_retries run out (a RST
 *   there returns to LISTEN, t9); only a simultaneous open (role client) ends in the RST edge.
 * - FIN_WAIT_2 → CLOSED: an orphan's tcp_fin_timeout is the common case, a RST the rare one.
 */
function edgePreference(a: TcpState, b: TcpState, role: Role | undefined): readonly string[] {
  if (a === 'SYN_SENT' && b === 'CLOSED') return ['t6', 'rst-SYN_SENT', 'timeout-SYN_SENT'];
  if (a === 'SYN_RECEIVED' && b === 'CLOSED')
    return role === 'client'
      ? ['rst-SYN_RECEIVED', 'timeout-SYN_RECEIVED']
      : ['timeout-SYN_RECEIVED', 'rst-SYN_RECEIVED'];
  if (a === 'FIN_WAIT_2' && b === 'CLOSED') return ['timeout-FIN_WAIT_2', 'rst-FIN_WAIT_2'];
  return [];
}

/** Every edge a → b, the likeliest first; an RFC row before a RST or timeout edge otherwise. */
function directEdges(a: TcpState, b: TcpState, role: Role | undefined): Transition[] {
  const order = edgePreference(a, b, role);
  const rank = (t: Transition): number => {
    const i = order.indexOf(t.id);
    return i >= 0 ? i : order.length + (t.rfcNumber === undefined ? 1 : 0);
  };
  return TRANSITIONS.filter((t) => t.from === a && t.to === b).sort((x, y) => rank(x) - rank(y));
}

function segmentBetween(a: TcpState, b: TcpState, role: Role | undefined): Segment {
  const direct = directEdges(a, b, role);
  const fillings = gapFillings(a, b);
  const first = direct[0];
  if (first) {
    const step = (t: Transition): PathStep[] => [{ from: a, to: b, transitionId: t.id, observed: true }];
    // The other edges between the same two states explain the same observation; a RST or timeout edge
    // explains a vanished connection, but so does an unseen orderly close.
    const others = direct.slice(1).map(step);
    return {
      primary: step(first),
      alternatives: first.rfcNumber === undefined || others.length > 0 ? [...others, ...fillings] : [],
    };
  }
  return { primary: fillings[0] ?? [], alternatives: fillings.slice(1) };
}

function normaliseObserved(current: TcpState, observed: readonly TcpState[] | undefined): TcpState[] {
  if (!observed || observed.length === 0) return [];
  const seq: TcpState[] = [];
  for (const s of [...observed, current]) {
    if (isTcpState(s) && seq[seq.length - 1] !== s) seq.push(s);
  }
  return seq;
}

export function inferPath(current: TcpState, options: InferPathOptions = {}): StatePath {
  const observedStates = normaliseObserved(current, options.observed);
  const first = observedStates[0] ?? current;
  const pasts = canonicalPasts(first, options.role).map((ids) => toSteps(ids));
  const segments: Segment[] = [{ primary: pasts[0] ?? [], alternatives: pasts.slice(1) }];
  for (let i = 1; i < observedStates.length; i++) {
    segments.push(segmentBetween(observedStates[i - 1], observedStates[i], options.role));
  }
  const steps = segments.flatMap((s) => s.primary);
  const alternatives: PathStep[][] = [];
  segments.forEach((segment, i) => {
    for (const alt of segment.alternatives) {
      alternatives.push(segments.flatMap((s, j) => (j === i ? alt : s.primary)));
    }
  });
  const kept = alternatives.slice(0, MAX_ALTERNATIVES);
  return { current, steps, alternatives: kept, ambiguous: kept.length > 0, observedStates };
}

const WORDS = {
  en: { observed: 'observed', inferred: 'inferred', colon: ': ', sep: '; ' },
  zh: { observed: '观测到', inferred: '推断', colon: '：', sep: '；' },
} as const;

function others(n: number, lang: Lang): string {
  if (n === 0) return '';
  return lang === 'zh' ? `（另有 ${n} 条可能路径）` : ` (+${n} other possible path${n === 1 ? '' : 's'})`;
}

/** The steps from the first observed state on, or all steps when that would leave none. */
function evidenceSteps(path: StatePath): readonly PathStep[] {
  const first = path.observedStates[0];
  if (first === undefined || first === 'CLOSED') return path.steps;
  const prefix = path.steps.findIndex((s) => s.to === first) + 1;
  return prefix < path.steps.length ? path.steps.slice(prefix) : path.steps;
}

/**
 * One line for a hover or a tooltip: runs of observed and inferred steps, e.g.
 * "observed: SYN_SENT → ESTABLISHED; inferred: ESTABLISHED → FIN_WAIT_1 → TIME_WAIT".
 * When more than one state was observed, the inferred opening before the first one is left out.
 */
export function describePath(path: StatePath, lang: Lang, style: StateLabelStyle = 'canonical'): string {
  const w = WORDS[lang];
  const label = (s: TcpState): string => stateLabel(s, style);
  const runs: { observed: boolean; states: TcpState[] }[] = [];
  for (const step of evidenceSteps(path)) {
    const last = runs[runs.length - 1];
    if (last && last.observed === step.observed) last.states.push(step.to);
    else runs.push({ observed: step.observed, states: [step.from, step.to] });
  }
  if (runs.length === 0) {
    const seen = path.observedStates.includes(path.current);
    return `${seen ? w.observed : w.inferred}${w.colon}${label(path.current)}${others(path.alternatives.length, lang)}`;
  }
  const text = runs
    .map((r) => `${r.observed ? w.observed : w.inferred}${w.colon}${r.states.map(label).join(' → ')}`)
    .join(w.sep);
  return text + others(path.alternatives.length, lang);
}
