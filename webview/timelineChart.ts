// Webview (browser): the active time series' per-state counts per snapshot, drawn as an SVG line chart (no library).
// CLOSE_WAIT, the leak to catch, is the thick series with its own end label; a point's time and counts show on
// hover or keyboard focus (the chart is one slider: arrows, Home / End), and a click or Enter reveals the snapshot.
import type { StateCounts, Timeline, TimelinePoint, TimelineShownMessage } from '../core/protocol/messages';
import { stateReference } from '../core/tcp/stateReference';
import { TCP_STATES, type TcpState } from '../core/tcp/types';
import { el } from './cards';
import { t } from './strings';

const SVG_NS = 'http://www.w3.org/2000/svg';
const HEIGHT = 130;
const PAD = { left: 30, right: 10, top: 18, bottom: 18 } as const;
/** The series drawn thick and labelled at its end: connections the application never closed. */
const HOT: TcpState = 'CLOSE_WAIT';
/** Dots on every point up to this many snapshots (beyond, the lines alone read better). */
const MAX_DOTS = 60;

function svgEl<K extends keyof SVGElementTagNameMap>(tag: K, cls?: string): SVGElementTagNameMap[K] {
  const e = document.createElementNS(SVG_NS, tag);
  if (cls) e.setAttribute('class', cls);
  return e;
}

/** `Mon Nov 23 20:24:53 UTC 2026` → `20:24:53`: the part that changes along a series. */
export function shortTime(label: string): string {
  return /\b\d{1,2}:\d{2}:\d{2}\b/.exec(label)?.[0] ?? label;
}

/** "4 CLOSE_WAIT · 1 LISTEN": largest first, ties in diagram order. */
export function countsText(counts: StateCounts): string {
  return TCP_STATES.filter((s) => (counts[s] ?? 0) > 0)
    .sort((a, b) => (counts[b] ?? 0) - (counts[a] ?? 0))
    .map((s) => `${counts[s] ?? 0} ${s}`)
    .join(' · ');
}

function familyClass(state: TcpState): string {
  return `tl-fam-${stateReference(state).family}`;
}

export class TimelineChart {
  readonly root: HTMLElement;
  private readonly title: HTMLElement;
  private readonly plot: HTMLElement;
  private readonly svg: SVGSVGElement;
  private readonly tip: HTMLElement;
  private readonly legend: HTMLElement;
  private timeline: Timeline | null = null;
  private width = 0;
  private active = -1;
  private cursor: SVGLineElement | null = null;

  constructor(private readonly reveal: (line: number) => void) {
    this.root = el('section', 'timeline');
    this.root.hidden = true;
    this.title = el('h2', 'timeline-title');
    this.plot = el('div', 'timeline-plot');
    this.svg = svgEl('svg', 'timeline-svg');
    this.svg.setAttribute('tabindex', '0');
    this.svg.setAttribute('role', 'slider');
    this.svg.setAttribute('aria-valuemin', '1');
    this.tip = el('div', 'timeline-tip');
    this.tip.id = 'timeline-tip';
    this.tip.setAttribute('role', 'tooltip');
    this.tip.hidden = true;
    this.svg.setAttribute('aria-describedby', this.tip.id);
    this.plot.append(this.svg, this.tip);
    this.legend = el('ul', 'timeline-legend');
    this.root.append(this.title, this.plot, this.legend);
    this.wire();
    new ResizeObserver(() => this.resized()).observe(this.plot);
  }

  /** Draws `timeline` (null hides the chart) and returns what is on screen, read from the DOM. */
  show(timeline: Timeline | null): TimelineShownMessage {
    this.timeline = timeline && timeline.snapshots.length > 0 ? timeline : null;
    this.root.hidden = this.timeline === null;
    this.active = -1;
    this.relabel();
    this.draw();
    return this.readBack();
  }

  private readBack(): TimelineShownMessage {
    const drawn = new Set(
      [...this.svg.querySelectorAll('g.tl-series[data-state]')].map((g) => g.getAttribute('data-state')),
    );
    const hot = this.svg.querySelector('g.tl-series.tl-hot')?.getAttribute('data-state');
    const series = TCP_STATES.filter((s) => drawn.has(s));
    return {
      type: 'timelineShown',
      points: this.root.hidden ? 0 : Number(this.svg.getAttribute('aria-valuemax') ?? '0'),
      series,
      hot: series.find((s) => s === hot) ?? null,
    };
  }

  relabel(): void {
    this.title.textContent = this.timeline ? t('timelineTitle', this.timeline.source) : '';
    this.svg.setAttribute('aria-label', t('timelineLabel'));
    this.plot.title = t('timelineHint');
  }

  private resized(): void {
    const w = this.plot.clientWidth;
    if (w > 0 && Math.abs(w - this.width) >= 1) this.draw();
  }

  private points(): readonly TimelinePoint[] {
    return this.timeline?.snapshots ?? [];
  }

  private x(i: number): number {
    const n = this.points().length;
    const span = this.width - PAD.left - PAD.right;
    return PAD.left + (n <= 1 ? span / 2 : (i * span) / (n - 1));
  }

  private draw(): void {
    this.svg.replaceChildren();
    this.legend.replaceChildren();
    this.cursor = null;
    const tipShown = !this.tip.hidden;
    this.tip.hidden = true;
    const pts = this.points();
    if (pts.length === 0) return;
    this.width = Math.max(160, this.plot.clientWidth || 280);
    this.svg.setAttribute('viewBox', `0 0 ${this.width} ${HEIGHT}`);
    this.svg.setAttribute('width', String(this.width));
    this.svg.setAttribute('height', String(HEIGHT));
    this.svg.setAttribute('aria-valuemax', String(pts.length));
    const states = TCP_STATES.filter((s) => pts.some((p) => (p.counts[s] ?? 0) > 0));
    const max = Math.max(1, ...pts.flatMap((p) => states.map((s) => p.counts[s] ?? 0)));
    const y = (v: number): number => PAD.top + (1 - v / max) * (HEIGHT - PAD.top - PAD.bottom);
    this.drawAxes(max, y);
    // The hot series last, so it is drawn over the others.
    const order = [...states.filter((s) => s !== HOT), ...states.filter((s) => s === HOT)];
    for (const state of order) this.drawSeries(state, y);
    for (const state of states) this.legendItem(state);
    this.cursor = svgEl('line', 'tl-cursor');
    this.cursor.setAttribute('y1', String(PAD.top - 4));
    this.cursor.setAttribute('y2', String(HEIGHT - PAD.bottom));
    this.cursor.setAttribute('visibility', 'hidden');
    this.svg.append(this.cursor);
    if (this.active >= 0) this.setActive(this.active, tipShown);
  }

  private drawAxes(max: number, y: (v: number) => number): void {
    const pts = this.points();
    const base = svgEl('line', 'tl-axis');
    base.setAttribute('x1', String(PAD.left));
    base.setAttribute('x2', String(this.width - PAD.right));
    base.setAttribute('y1', String(y(0)));
    base.setAttribute('y2', String(y(0)));
    const text = (cls: string, x: number, yy: number, anchor: string, s: string): SVGTextElement => {
      const e = svgEl('text', cls);
      e.setAttribute('x', String(x));
      e.setAttribute('y', String(yy));
      e.setAttribute('text-anchor', anchor);
      e.textContent = s;
      return e;
    };
    const first = pts[0];
    const last = pts[pts.length - 1];
    this.svg.append(
      base,
      text('tl-tick', PAD.left - 4, y(max) + 4, 'end', String(max)),
      text('tl-tick', PAD.left - 4, y(0) + 4, 'end', '0'),
      text('tl-tick', PAD.left, HEIGHT - 4, 'start', first ? shortTime(first.label) : ''),
      text('tl-tick', this.width - PAD.right, HEIGHT - 4, 'end', last ? shortTime(last.label) : ''),
    );
  }

  private drawSeries(state: TcpState, y: (v: number) => number): void {
    const pts = this.points();
    const hot = state === HOT;
    const g = svgEl('g', `tl-series ${familyClass(state)}${hot ? ' tl-hot' : ''}`);
    g.setAttribute('data-state', state);
    const path = svgEl('path', 'tl-line');
    path.setAttribute(
      'd',
      pts
        .map((p, i) => `${i ? 'L' : 'M'}${this.x(i).toFixed(1)} ${y(p.counts[state] ?? 0).toFixed(1)}`)
        .join(''),
    );
    g.append(path);
    if (pts.length <= MAX_DOTS) {
      pts.forEach((p, i) => {
        const dot = svgEl('circle', 'tl-dot');
        dot.setAttribute('cx', this.x(i).toFixed(1));
        dot.setAttribute('cy', y(p.counts[state] ?? 0).toFixed(1));
        dot.setAttribute('r', hot ? '2.8' : '2');
        dot.setAttribute('data-index', String(i));
        g.append(dot);
      });
    }
    if (hot) {
      const firstN = pts[0]?.counts[state] ?? 0;
      const lastN = pts[pts.length - 1]?.counts[state] ?? 0;
      const label = svgEl('text', 'tl-end-label');
      label.setAttribute('x', String(this.width - PAD.right));
      label.setAttribute('y', String(Math.max(11, y(lastN) - 6)));
      label.setAttribute('text-anchor', 'end');
      label.textContent = `${state} ${lastN}${lastN > firstN ? ' ↑' : ''}`;
      if (lastN > firstN) g.classList.add('tl-rising');
      g.append(label);
    }
    this.svg.append(g);
  }

  private legendItem(state: TcpState): void {
    const pts = this.points();
    const li = el('li', `tl-legend-item ${familyClass(state)}${state === HOT ? ' tl-hot' : ''}`);
    const sw = el('span', 'tl-swatch');
    sw.setAttribute('aria-hidden', 'true');
    li.append(sw, el('span', undefined, `${state} ${pts[pts.length - 1]?.counts[state] ?? 0}`));
    this.legend.append(li);
  }

  /** Moves the cursor (and the slider's value) to snapshot `i`; shows its tooltip when `tip`. */
  private setActive(i: number, tip: boolean): void {
    const pts = this.points();
    const p = pts[i];
    if (!p) return;
    this.active = i;
    const x = this.x(i);
    this.cursor?.setAttribute('x1', String(x));
    this.cursor?.setAttribute('x2', String(x));
    this.cursor?.setAttribute('visibility', 'visible');
    const counts = countsText(p.counts);
    this.svg.setAttribute('aria-valuenow', String(i + 1));
    this.svg.setAttribute('aria-valuetext', `${p.label}: ${counts}`);
    this.tip.replaceChildren(
      el('strong', 'tl-tip-time', p.label),
      ...TCP_STATES.filter((s) => (p.counts[s] ?? 0) > 0)
        .sort((a, b) => (p.counts[b] ?? 0) - (p.counts[a] ?? 0))
        .map((s) => el('span', `tl-tip-row${s === HOT ? ' tl-hot' : ''}`, `${p.counts[s] ?? 0} ${s}`)),
    );
    this.tip.dataset.index = String(i);
    this.tip.hidden = !tip;
    if (tip) {
      // CSSOM, not a style attribute: the CSP has no 'unsafe-inline'.
      const w = this.tip.offsetWidth;
      this.tip.style.left = `${Math.max(0, Math.min(this.width - w, x - w / 2))}px`;
    }
  }

  private indexAt(clientX: number): number {
    const n = this.points().length;
    const box = this.svg.getBoundingClientRect();
    const span = this.width - PAD.left - PAD.right;
    const at = ((clientX - box.left) * (this.width / (box.width || this.width)) - PAD.left) / (span || 1);
    return Math.max(0, Math.min(n - 1, Math.round(at * (n - 1))));
  }

  private open(i: number): void {
    const p = this.points()[i];
    if (p) this.reveal(p.line);
  }

  private wire(): void {
    this.svg.addEventListener('pointermove', (e) => this.setActive(this.indexAt(e.clientX), true));
    this.svg.addEventListener('pointerleave', () => {
      if (document.activeElement !== this.svg) this.tip.hidden = true;
    });
    this.svg.addEventListener('click', (e) => {
      const i = this.indexAt(e.clientX);
      this.setActive(i, true);
      this.open(i);
    });
    this.svg.addEventListener('focus', () =>
      this.setActive(this.active >= 0 ? this.active : this.points().length - 1, true),
    );
    this.svg.addEventListener('blur', () => (this.tip.hidden = true));
    this.svg.addEventListener('keydown', (e) => {
      // Alt+arrows belong to the trace controls; Ctrl / Cmd combinations to VS Code.
      if (e.altKey || e.ctrlKey || e.metaKey) return;
      const n = this.points().length;
      const page = Math.max(1, Math.round(n / 10));
      const moves: Record<string, number> = {
        ArrowLeft: this.active - 1,
        ArrowDown: this.active - 1,
        ArrowRight: this.active + 1,
        ArrowUp: this.active + 1,
        PageDown: this.active - page,
        PageUp: this.active + page,
        Home: 0,
        End: n - 1,
      };
      const to = moves[e.key];
      if (to !== undefined) {
        e.preventDefault();
        this.setActive(Math.max(0, Math.min(n - 1, to)), true);
      } else if (e.key === 'Enter' || e.key === ' ') {
        e.preventDefault();
        this.open(this.active);
      }
    });
  }
}
