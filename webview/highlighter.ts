// Webview (browser): shows a connection's path by toggling classes on the mounted SVG — no layout, no re-render.
import type { DiagramSelection, HighlightedMessage } from '../core/protocol/messages';
import { TCP_STATES, isTcpState, type Lang, type TcpState } from '../core/tcp/types';
import { transitionById } from '../core/tcp/transitions';
import { endsAtBottom } from './diagramSource';
import type { DiagramIndex } from './diagramSvg';
import { pathStates } from './state/selectionPath';
import { applyTrace, clearTrace, readTrace } from './traceHighlighter';

/** Every class this module owns; clearing them returns the plain reference. */
const STATE_CLASSES = ['hl-current', 'hl-path', 'hl-seen', 'hl-alt'] as const;
const EDGE_CLASSES = ['hl-observed', 'hl-inferred', 'hl-alt'] as const;

function clear(index: DiagramIndex): void {
  for (const g of index.nodes.values()) g.classList.remove(...STATE_CLASSES);
  index.endClosed?.classList.remove(...STATE_CLASSES);
  for (const e of index.edges.values()) {
    e.path.classList.remove(...EDGE_CLASSES);
    e.label?.classList.remove(...EDGE_CLASSES);
  }
  clearTrace(index);
}

function mark(index: DiagramIndex, transitionId: string, cls: (typeof EDGE_CLASSES)[number]): void {
  const e = index.edges.get(transitionId);
  if (!e) return;
  e.path.classList.add(cls);
  e.label?.classList.add(cls);
}

/** Applies a selection (null: the plain reference). Returns the milliseconds it took. */
export function applySelection(index: DiagramIndex, sel: DiagramSelection | null): number {
  const started = performance.now();
  clear(index);
  index.svg.classList.toggle('has-selection', sel !== null);
  // A trace draws both ends instead of the one connection's path.
  if (sel?.trace) applyTrace(index, sel.trace);
  else if (sel) {
    const onPath = pathStates(sel);
    const onPathEdges = new Set(sel.steps.map((s) => s.transitionId));
    for (const alt of sel.alternatives) {
      for (const step of alt) {
        if (!onPathEdges.has(step.transitionId)) mark(index, step.transitionId, 'hl-alt');
        for (const s of [step.from, step.to]) if (!onPath.has(s)) index.nodes.get(s)?.classList.add('hl-alt');
      }
    }
    for (const step of sel.steps)
      mark(index, step.transitionId, step.observed ? 'hl-observed' : 'hl-inferred');
    for (const s of sel.observedStates) index.nodes.get(s)?.classList.add('hl-seen');
    for (const s of onPath) index.nodes.get(s)?.classList.add('hl-path');
    markEndClosed(index, sel);
  }
  return performance.now() - started;
}

/** A path that ends in CLOSED (reset, timeout, last ACK) ends in the bottom CLOSED box; any other current state is its own box. */
function markEndClosed(index: DiagramIndex, sel: DiagramSelection): void {
  const toEnd = (id: string): boolean => {
    const tr = transitionById(id);
    return tr !== undefined && endsAtBottom(tr);
  };
  const last = sel.steps[sel.steps.length - 1];
  const end = index.endClosed;
  if (end && sel.steps.some((s) => toEnd(s.transitionId))) end.classList.add('hl-path');
  else if (end && sel.alternatives.some((alt) => alt.some((s) => toEnd(s.transitionId))))
    end.classList.add('hl-alt');
  const endsBelow = end !== null && sel.state === 'CLOSED' && last !== undefined && toEnd(last.transitionId);
  (endsBelow ? end : index.nodes.get(sel.state))?.classList.add('hl-current');
}

function statesWith(index: DiagramIndex, cls: string): TcpState[] {
  const found = [...index.svg.querySelectorAll<SVGGElement>(`g.node.${cls}[data-state]`)].map(
    (g) => g.dataset.state,
  );
  return TCP_STATES.filter((s) => found.includes(s));
}

function edgesWith(index: DiagramIndex, cls: string): string[] {
  return [...index.svg.querySelectorAll(`path.tcp-edge.${cls}`)].map(
    (p) => p.getAttribute('data-transition') ?? '',
  );
}

/** Path edges whose event/action label is on screen: on the diagram, or in the step list (`steps`) in compact mode. */
function labelledEdges(index: DiagramIndex, steps: HTMLElement): string[] {
  const onDiagram = [
    ...index.svg.querySelectorAll('g.edgeLabel.tcp-edge:is(.hl-observed, .hl-inferred, .tr-c, .tr-s)'),
  ];
  const listed = steps.hidden ? [] : [...steps.querySelectorAll('[data-transition]')];
  return [...new Set([...onDiagram, ...listed].map((e) => e.getAttribute('data-transition') ?? ''))].filter(
    Boolean,
  );
}

/** What the DOM shows now — read back, not echoed from the selection. */
export function readHighlight(
  index: DiagramIndex,
  caption: string,
  steps: HTMLElement,
  ms: number,
  lang: Lang,
  traceBar: HTMLElement,
): HighlightedMessage {
  const current = statesWith(index, 'hl-current')[0];
  const trace = readTrace(index, traceBar);
  const base: HighlightedMessage = {
    type: 'highlighted',
    caption,
    current: isTcpState(current) ? current : null,
    states: statesWith(index, 'hl-path'),
    observedEdges: edgesWith(index, 'hl-observed'),
    inferredEdges: edgesWith(index, 'hl-inferred'),
    alternativeEdges: edgesWith(index, 'hl-alt'),
    labelledEdges: labelledEdges(index, steps),
    // Read from the DOM like the rest: the class the mounted SVG's canvas carries.
    compact: index.svg.closest('.compact') !== null,
    lang,
    ms: Math.round(ms * 1000) / 1000,
  };
  return trace === undefined ? base : { ...base, trace };
}
