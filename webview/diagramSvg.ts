// Webview (browser): puts a rendered SVG on the page and tags every node and edge with its state / transition id.
import { stateReference } from '../core/tcp/stateReference';
import { transitionById, type Transition } from '../core/tcp/transitions';
import type { CardTarget } from '../core/protocol/messages';
import { isTcpState, TCP_STATES, type Lang, type TcpState } from '../core/tcp/types';
import { BOTTOM_CLOSED } from './diagramSource';
import { t } from './strings';

/** One drawn edge: its line, its label (absent in compact mode) and its row of the table. */
export interface DrawnEdge {
  readonly path: SVGPathElement;
  readonly label: Element | null;
  readonly transition: Transition;
}

/** Where everything is in the mounted SVG, so highlighting never searches the DOM. */
export interface DiagramIndex {
  readonly svg: SVGSVGElement;
  readonly nodes: ReadonlyMap<TcpState, SVGGElement>;
  /** The second CLOSED box, at the bottom (where a connection's life ends), as in RFC 9293 Figure 5. */
  readonly endClosed: SVGGElement | null;
  readonly edges: ReadonlyMap<string, DrawnEdge>;
  readonly width: number;
  readonly height: number;
}

const SVG_NS = 'http://www.w3.org/2000/svg';

/**
 * Parses mermaid's SVG markup (ours, or our own cached copy of it) and mounts it in `host`.
 * DOMParser documents never run scripts; the page's CSP forbids inline ones anyway.
 */
export function mountDiagram(
  host: HTMLElement,
  svgMarkup: string,
  edgeIds: ReadonlyMap<string, string>,
  lang: Lang,
): DiagramIndex {
  const doc = new DOMParser().parseFromString(svgMarkup, 'text/html');
  const parsed = doc.body.querySelector('svg');
  if (!parsed) throw new Error('mermaid returned no <svg>');
  const svg = document.importNode(parsed, true);
  const [, , w = 0, h = 0] = (svg.getAttribute('viewBox') ?? '').split(/\s+/).map(Number);
  svg.setAttribute('width', String(Math.ceil(w)));
  svg.setAttribute('height', String(Math.ceil(h)));
  svg.style.removeProperty('max-width');
  svg.setAttribute('aria-label', t('diagramLabel'));
  svg.classList.add('tcp-diagram');
  host.replaceChildren(svg);
  const nodes = tagNodes(svg);
  const endClosed = svg.querySelector<SVGGElement>(`g.node[id*="-flowchart-${BOTTOM_CLOSED}-"]`);
  if (endClosed) {
    tagNode(endClosed, 'CLOSED');
    endClosed.dataset.end = 'true';
  }
  const index = { svg, nodes, endClosed, edges: tagEdges(svg, edgeIds), width: w, height: h };
  labelNodes(index, lang);
  return index;
}

/** Screen-reader names of the state nodes, in the content language. */
export function labelNodes(index: DiagramIndex, lang: Lang): void {
  for (const [state, g] of index.nodes)
    g.setAttribute('aria-label', `${state}: ${stateReference(state).short[lang]}`);
  index.endClosed?.setAttribute('aria-label', `CLOSED: ${stateReference('CLOSED').short[lang]}`);
}

function tagNodes(svg: SVGSVGElement): Map<TcpState, SVGGElement> {
  const nodes = new Map<TcpState, SVGGElement>();
  for (const g of svg.querySelectorAll<SVGGElement>('g.node')) {
    const state = /-flowchart-s_([A-Z0-9_]+)-\d+$/.exec(g.id)?.[1];
    if (!isTcpState(state)) continue;
    tagNode(g, state);
    nodes.set(state, g);
  }
  return nodes;
}

function tagNode(g: SVGGElement, state: TcpState): void {
  g.dataset.state = state;
  g.classList.add(`role-${stateReference(state).role}`);
  g.setAttribute('tabindex', '0');
  g.setAttribute('role', 'button');
}

function tagEdges(svg: SVGSVGElement, edgeIds: ReadonlyMap<string, string>): Map<string, DrawnEdge> {
  const labels = new Map<string, Element>();
  for (const inner of svg.querySelectorAll('g.edgeLabel > g.label[data-id]')) {
    const outer = inner.parentElement;
    const id = edgeIds.get(inner.getAttribute('data-id') ?? '');
    // Mermaid draws an empty label group for unlabelled (compact) edges; those are not labels.
    if (outer && id && inner.textContent?.trim()) labels.set(id, outer);
  }
  const edges = new Map<string, DrawnEdge>();
  for (const path of svg.querySelectorAll<SVGPathElement>('g.edgePaths > path[data-id]')) {
    const id = edgeIds.get(path.getAttribute('data-id') ?? '');
    const transition = id ? transitionById(id) : undefined;
    if (!id || !transition) continue;
    const label = labels.get(id) ?? null;
    const classes = [`side-${transition.side}`, `kind-${transition.kind}`];
    for (const el of label ? [path, label] : [path]) {
      el.setAttribute('data-transition', id);
      el.classList.add('tcp-edge', ...classes);
    }
    path.after(hitArea(path, id));
    edges.set(id, { path, label, transition });
  }
  return edges;
}

/** A wide transparent twin of an edge line, so a 1-px curve can be clicked. */
function hitArea(path: SVGPathElement, id: string): SVGPathElement {
  const hit = document.createElementNS(SVG_NS, 'path');
  hit.setAttribute('d', path.getAttribute('d') ?? '');
  hit.setAttribute('class', 'edge-hit');
  hit.setAttribute('data-hit-for', id);
  return hit;
}

/** The transition id or state a click / key event landed on, if any. */
export function targetOf(el: EventTarget | null): { state: TcpState } | { transitionId: string } | undefined {
  if (!(el instanceof Element)) return undefined;
  const node = el.closest<SVGGElement>('g.node[data-state]');
  const state = node?.dataset.state;
  if (isTcpState(state)) return { state };
  const edge = el.closest('[data-transition], [data-hit-for]');
  const id = edge?.getAttribute('data-transition') ?? edge?.getAttribute('data-hit-for');
  return id ? { transitionId: id } : undefined;
}

/** Clicks and keys on the diagram: Enter / Space or a click opens the card of a state or transition; arrows move between states. */
export function wireDiagramInput(
  canvas: HTMLElement,
  index: () => DiagramIndex | undefined,
  open: (target: CardTarget) => void,
): void {
  const activate = (el: EventTarget | null): void => {
    const hit = targetOf(el);
    if (hit)
      open(
        'state' in hit
          ? { kind: 'state', state: hit.state }
          : { kind: 'transition', transitionId: hit.transitionId },
      );
  };
  canvas.addEventListener('click', (e) => activate(e.target));
  canvas.addEventListener('keydown', (e) => {
    const hit = targetOf(e.target);
    // Alt+arrows step a trace's packets (traceView.ts), not the focus.
    if (!hit || !('state' in hit) || e.altKey) return;
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      activate(e.target);
      return;
    }
    const step =
      e.key === 'ArrowDown' || e.key === 'ArrowRight'
        ? 1
        : e.key === 'ArrowUp' || e.key === 'ArrowLeft'
          ? -1
          : 0;
    if (!step) return;
    e.preventDefault();
    const i = TCP_STATES.indexOf(hit.state);
    const next = TCP_STATES[(i + step + TCP_STATES.length) % TCP_STATES.length];
    if (next) index()?.nodes.get(next)?.focus();
  });
}
