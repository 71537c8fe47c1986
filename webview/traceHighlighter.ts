// Webview (browser): both ends of a packet trace on the mounted SVG — each end's path by class, its current state by a
// lettered marker (client: circle, server: square), so the two read apart by shape and dash, not only by colour.
import type { DiagramTrace, DiagramTraceEnd, HighlightedTrace } from '../core/protocol/messages';
import { transitionById } from '../core/tcp/transitions';
import { TCP_STATES, isTcpState, type TcpState } from '../core/tcp/types';
import { endsAtBottom } from './diagramSource';
import type { DiagramIndex } from './diagramSvg';
import { t } from './strings';

type End = 'c' | 's';

/** Every class this module owns on nodes and edges. */
export const TRACE_CLASSES = ['tr-c', 'tr-s', 'tr-c-cur', 'tr-s-cur'] as const;

const SVG_NS = 'http://www.w3.org/2000/svg';

/** Removes the trace's classes and markers. */
export function clearTrace(index: DiagramIndex): void {
  index.svg.classList.remove('has-trace');
  for (const m of index.svg.querySelectorAll('g.trace-marker')) m.remove();
  for (const g of index.svg.querySelectorAll('.tr-c, .tr-s, .tr-c-cur, .tr-s-cur'))
    g.classList.remove(...TRACE_CLASSES);
}

/** Draws both ends (the caller has cleared the diagram). */
export function applyTrace(index: DiagramIndex, trace: DiagramTrace): void {
  index.svg.classList.add('has-trace');
  drawEnd(index, trace.client, 'c');
  drawEnd(index, trace.server, 's');
}

function drawEnd(index: DiagramIndex, end: DiagramTraceEnd, which: End): void {
  const cls = `tr-${which}`;
  let below = false;
  for (const step of end.steps) {
    const e = index.edges.get(step.transitionId);
    e?.path.classList.add(cls);
    e?.label?.classList.add(cls);
    if (isBottom(step.transitionId)) below = true;
    // An edge into the bottom CLOSED box does not pass the top one.
    for (const s of [step.from, step.to])
      if (!(s === 'CLOSED' && s === step.to && isBottom(step.transitionId)))
        index.nodes.get(s)?.classList.add(cls);
  }
  if (below) index.endClosed?.classList.add(cls);
  const last = end.steps[end.steps.length - 1];
  const endsBelow = end.state === 'CLOSED' && last !== undefined && isBottom(last.transitionId);
  const node = endsBelow ? index.endClosed : index.nodes.get(end.state);
  if (!node) return;
  node.classList.add(cls, `${cls}-cur`);
  node.append(marker(node, which, end));
}

function isBottom(transitionId: string): boolean {
  const tr = transitionById(transitionId);
  return tr !== undefined && endsAtBottom(tr);
}

/**
 * The end's letter on its current state, on the box's top edge from the left (client first, server beside it): above
 * the centred state name, clear of the count badge (top right) and of most arrowheads (top centre).
 */
function marker(node: SVGGElement, which: End, end: DiagramTraceEnd): SVGGElement {
  const box = readBox(node);
  // Compact mode is drawn at ~0.6×: a larger marker keeps about the same size on screen.
  const r = node.closest('.compact') ? 10 : 8;
  const g = document.createElementNS(SVG_NS, 'g');
  g.setAttribute('class', `trace-marker trace-marker-${which}`);
  g.setAttribute('data-end', which);
  g.setAttribute('aria-hidden', 'true');
  const x = box.x + r + 3 + (which === 'c' ? 0 : 2 * r + 3);
  g.setAttribute('transform', `translate(${x}, ${box.y - r / 3})`);
  const shape = document.createElementNS(SVG_NS, 'rect');
  // Client: a circle; server: a square — told apart in greyscale and by the letter.
  shape.setAttribute('x', String(-r));
  shape.setAttribute('y', String(-r));
  shape.setAttribute('width', String(2 * r));
  shape.setAttribute('height', String(2 * r));
  shape.setAttribute('rx', which === 'c' ? String(r) : '2');
  const text = document.createElementNS(SVG_NS, 'text');
  text.setAttribute('text-anchor', 'middle');
  text.setAttribute('dy', '0.35em');
  text.textContent = t(which === 'c' ? 'traceBadgeClient' : 'traceBadgeServer');
  const title = document.createElementNS(SVG_NS, 'title');
  title.textContent = `${t(which === 'c' ? 'legendClient' : 'legendServer')} ${end.endpoint}: ${end.state}`;
  g.append(title, shape, text);
  return g;
}

function readBox(node: SVGGElement): { x: number; y: number; width: number; height: number } {
  const shape = node.querySelector<SVGGraphicsElement>(':scope > rect, :scope > path, :scope > polygon');
  const n = (a: string): number => Number(shape?.getAttribute(a));
  const box = { x: n('x'), y: n('y'), width: n('width'), height: n('height') };
  if (Object.values(box).every(Number.isFinite) && box.width > 0) return box;
  return { x: -40, y: -20, width: 80, height: 40 };
}

function statesWith(index: DiagramIndex, cls: string): TcpState[] {
  const found = new Set(
    [...index.svg.querySelectorAll<SVGGElement>(`g.node.${cls}[data-state]`)].map((g) => g.dataset.state),
  );
  return TCP_STATES.filter((s) => found.has(s));
}

function edgesWith(index: DiagramIndex, cls: string): string[] {
  return [...index.svg.querySelectorAll(`path.tcp-edge.${cls}`)].map(
    (p) => p.getAttribute('data-transition') ?? '',
  );
}

function markedState(index: DiagramIndex, which: End): TcpState | null {
  const g = index.svg.querySelector(`g.trace-marker-${which}`)?.closest<SVGGElement>('g.node[data-state]');
  const s = g?.dataset.state;
  return isTcpState(s) ? s : null;
}

/** What the diagram and the controls show of the trace now, read from the DOM; undefined when none is drawn. */
export function readTrace(index: DiagramIndex, bar: HTMLElement): HighlightedTrace | undefined {
  if (!index.svg.classList.contains('has-trace') || bar.hidden) return undefined;
  const prev = bar.querySelector<HTMLButtonElement>('button.trace-prev');
  const next = bar.querySelector<HTMLButtonElement>('button.trace-next');
  return {
    clientStates: statesWith(index, 'tr-c'),
    serverStates: statesWith(index, 'tr-s'),
    clientEdges: edgesWith(index, 'tr-c'),
    serverEdges: edgesWith(index, 'tr-s'),
    clientCurrent: markedState(index, 'c'),
    serverCurrent: markedState(index, 's'),
    packet: Number(bar.dataset.packet),
    packetCount: Number(bar.dataset.packetCount),
    canPrev: prev !== null && !prev.disabled,
    canNext: next !== null && !next.disabled,
  };
}
