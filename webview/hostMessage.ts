// Webview (browser): shape checks for messages from the host, so a bad message is dropped, not half-applied.
import type {
  CardTarget,
  DiagramSelection,
  DiagramStep,
  HostToWebview,
  StateCounts,
} from '../core/protocol/messages';
import { isTcpState, TCP_STATES, type TcpState } from '../core/tcp/types';

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isShortString(v: unknown, max = 2000): v is string {
  return typeof v === 'string' && v.length <= max;
}

function isStep(v: unknown): v is DiagramStep {
  return (
    isRecord(v) &&
    isTcpState(v.from) &&
    isTcpState(v.to) &&
    isShortString(v.transitionId, 64) &&
    typeof v.observed === 'boolean'
  );
}

function isSteps(v: unknown): v is readonly DiagramStep[] {
  return Array.isArray(v) && v.length <= 64 && v.every(isStep);
}

function isSelection(v: unknown): v is DiagramSelection {
  return (
    isRecord(v) &&
    isTcpState(v.state) &&
    isShortString(v.rawState, 64) &&
    isShortString(v.local, 300) &&
    isShortString(v.remote, 300) &&
    typeof v.line === 'number' &&
    isSteps(v.steps) &&
    Array.isArray(v.alternatives) &&
    v.alternatives.length <= 16 &&
    v.alternatives.every(isSteps) &&
    Array.isArray(v.observedStates) &&
    v.observedStates.every(isTcpState) &&
    isShortString(v.caption)
  );
}

function isCounts(v: unknown): v is StateCounts {
  if (!isRecord(v)) return false;
  return Object.entries(v).every(
    ([k, n]) => isTcpState(k) && typeof n === 'number' && Number.isFinite(n) && n >= 0,
  );
}

function isCardTarget(v: unknown): v is CardTarget {
  if (!isRecord(v)) return false;
  if (v.kind === 'state') return isTcpState(v.state);
  if (v.kind === 'transition') return isShortString(v.transitionId, 64);
  return false;
}

/** The message, if it is a well-formed host → webview message; undefined otherwise. */
export function parseHostMessage(v: unknown): HostToWebview | undefined {
  if (!isRecord(v) || typeof v.type !== 'string') return undefined;
  switch (v.type) {
    case 'init':
      return (v.lang === 'en' || v.lang === 'zh') && isRecord(v.strings) && typeof v.compact === 'boolean'
        ? { type: 'init', lang: v.lang, strings: stringsOf(v.strings), compact: v.compact }
        : undefined;
    case 'selection':
      return v.selection === null || isSelection(v.selection)
        ? { type: 'selection', selection: v.selection }
        : undefined;
    case 'counts':
      return (v.counts === null || isCounts(v.counts)) && (v.source === null || isShortString(v.source, 500))
        ? { type: 'counts', counts: v.counts, source: v.source }
        : undefined;
    case 'showCard':
      return isCardTarget(v.target) ? { type: 'showCard', target: v.target } : undefined;
    case 'setCompact':
      return typeof v.compact === 'boolean' ? { type: 'setCompact', compact: v.compact } : undefined;
    case 'zoom':
      return v.action === 'in' || v.action === 'out' || v.action === 'fit'
        ? { type: 'zoom', action: v.action }
        : undefined;
    default:
      return undefined;
  }
}

function stringsOf(v: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, s] of Object.entries(v)) if (typeof s === 'string') out[k] = s;
  return out;
}

/** States in a selection's main path, CLOSED → … → current, in diagram order. */
export function pathStates(sel: DiagramSelection): ReadonlySet<TcpState> {
  const set = new Set<TcpState>([sel.state]);
  for (const s of sel.steps) set.add(s.from).add(s.to);
  return new Set(TCP_STATES.filter((s) => set.has(s)));
}
