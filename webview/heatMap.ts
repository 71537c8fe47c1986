// Webview (browser): per-state connection counts as badges on the nodes, shaded by relative volume.
import type { StateCounts } from '../core/protocol/messages';
import type { DiagramIndex } from './diagramSvg';

const SVG_NS = 'http://www.w3.org/2000/svg';

/** Compact count for a small badge: 950, 1.2k, 34k, 1.5M. */
export function formatCount(n: number): string {
  if (n < 1000) return String(Math.round(n));
  if (n < 10_000) return `${(n / 1000).toFixed(1).replace(/\.0$/, '')}k`;
  if (n < 1_000_000) return `${Math.round(n / 1000)}k`;
  return `${(n / 1_000_000).toFixed(1).replace(/\.0$/, '')}M`;
}

function badgeOf(node: SVGGElement): SVGGElement {
  const existing = node.querySelector<SVGGElement>(':scope > g.count-badge');
  if (existing) return existing;
  const shape = node.querySelector<SVGGraphicsElement>(':scope > rect, :scope > path, :scope > polygon');
  const box = shape ? readBox(shape) : { x: -40, y: -20, width: 80 };
  const g = document.createElementNS(SVG_NS, 'g');
  g.setAttribute('class', 'count-badge');
  // Above the top-right corner, so it does not cover the end of the state name.
  g.setAttribute('transform', `translate(${box.x + box.width - 4}, ${box.y - 6})`);
  g.setAttribute('aria-hidden', 'true');
  const rect = document.createElementNS(SVG_NS, 'rect');
  rect.setAttribute('rx', '8');
  rect.setAttribute('y', '-9');
  rect.setAttribute('height', '18');
  const text = document.createElementNS(SVG_NS, 'text');
  text.setAttribute('text-anchor', 'middle');
  text.setAttribute('dy', '0.35em');
  g.append(rect, text);
  node.append(g);
  return g;
}

/** The node shape's box from its attributes (getBBox needs layout, which a hidden view does not have). */
function readBox(shape: SVGGraphicsElement): { x: number; y: number; width: number } {
  const x = Number(shape.getAttribute('x'));
  const y = Number(shape.getAttribute('y'));
  const width = Number(shape.getAttribute('width'));
  if (Number.isFinite(x) && Number.isFinite(y) && width > 0) return { x, y, width };
  const b = shape.getBBox();
  return { x: b.x, y: b.y, width: b.width };
}

/** Shows `counts` on the nodes (null hides every badge and shade). */
export function applyCounts(index: DiagramIndex, counts: StateCounts | null): void {
  const max = counts ? Math.max(0, ...Object.values(counts).map((n) => n ?? 0)) : 0;
  index.svg.classList.toggle('has-counts', counts !== null);
  for (const [state, node] of index.nodes) {
    const n = counts?.[state] ?? 0;
    if (!counts || n <= 0) {
      node.classList.remove('has-count');
      node.style.removeProperty('--heat');
      node.querySelector(':scope > g.count-badge')?.remove();
      node.removeAttribute('data-count');
      continue;
    }
    const badge = badgeOf(node);
    const label = formatCount(n);
    const text = badge.querySelector('text');
    const rect = badge.querySelector('rect');
    if (text) text.textContent = label;
    const width = 10 + label.length * 7;
    rect?.setAttribute('x', String(-width / 2));
    rect?.setAttribute('width', String(width));
    // Square root so one huge state does not wash out the rest.
    const heat = max > 0 ? Math.sqrt(n / max) : 0;
    node.style.setProperty('--heat', heat.toFixed(3));
    node.classList.add('has-count');
    node.dataset.count = String(n);
  }
}
