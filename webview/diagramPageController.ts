// Webview (browser): owns the diagram page — message handling, render-once, highlight, counts, cards and UI intent.
import type { CardTarget, HostToWebview } from '../core/protocol/messages';
import { parseHostToWebview } from '../core/protocol/validate';
import type { TcpState } from '../core/tcp/types';
import { renderCard, type CardActions } from './cards';
import { diagramSource } from './diagramSource';
import { DiagramFit, isNarrow } from './diagramFit';
import { currentTheme, protocolTheme, renderDiagram } from './diagramRenderer';
import { labelNodes, mountDiagram, wireDiagramInput, type DiagramIndex } from './diagramSvg';
import { applyCounts } from './heatMap';
import { applySelection, readHighlight } from './highlighter';
import { buildPage, type PageLayout } from './pageLayout';
import { showCaption, showSteps } from './pathText';
import { setStrings, t } from './strings';
import { TimelineChart } from './timelineChart';
import { showTraceBar, traceKeyStep } from './traceView';
import {
  initialState,
  layoutCacheKey,
  layoutOf,
  reduce,
  sameLayout,
  type LayoutKey,
  type PageEvent,
  type PageState,
} from './state/pageState';
import { cacheSvg, loadState, postToHost, saveState, type PersistedState } from './vscodeApi';

export class DiagramPageController {
  private readonly page: PageLayout;
  private readonly fitter: DiagramFit;
  /** Counts over time under the diagram, for a time series. */
  private readonly chart = new TimelineChart((line) => postToHost({ type: 'revealSnapshot', line }));
  /** Zoom, pan and the SVG cache, persisted by VS Code across hide/show. */
  private saved: PersistedState = loadState();
  private state: PageState;
  /** The layout on screen (the state may already ask for another one while mermaid works). */
  private mounted: LayoutKey | undefined;
  private index: DiagramIndex | undefined;
  private renderToken = 0;

  constructor(root: HTMLElement) {
    this.page = buildPage(root);
    this.page.countsSource.after(this.chart.root);
    this.fitter = new DiagramFit(
      this.page.viewport,
      this.page.canvas,
      () => this.saved.placed,
      (p, placed) => (this.saved = saveState({ ...p, placed })),
    );
    const lang = document.documentElement.lang.toLowerCase().startsWith('zh') ? 'zh' : 'en';
    this.state = initialState(lang, currentTheme(), this.saved, false);
  }

  start(): void {
    this.state = reduce(this.state, {
      type: 'resized',
      narrow: isNarrow(this.page.viewport.clientWidth, false),
    });
    this.wireEvents();
    this.showCaption();
    this.showModeButtons();
    if (this.state.card) this.showCard(this.state.card);
    this.paintCached();
    window.addEventListener('message', (e: MessageEvent<unknown>) => this.onMessage(e.data));
    postToHost({ type: 'ready' });
    void this.render();
  }

  private onMessage(raw: unknown): void {
    const msg: HostToWebview | undefined = parseHostToWebview(raw);
    if (!msg) return;
    if (msg.type === 'zoom') {
      if (msg.action === 'fit') this.fitter.fit();
      else this.fitter.userZoom(msg.action === 'in' ? 1.25 : 0.8);
      return;
    }
    if (msg.type === 'init') setStrings(msg.strings);
    if (msg.type === 'showCard') {
      this.openCard(msg.target, true);
      return;
    }
    this.dispatch(msg);
  }

  /** Moves to the next state and applies what changed between the two. */
  private dispatch(event: PageEvent): void {
    const before = this.state;
    const after = reduce(before, event);
    this.state = after;
    if (
      after.userCompact !== before.userCompact ||
      after.resets !== before.resets ||
      after.card !== before.card
    )
      this.saved = saveState({ compact: after.userCompact, resets: after.resets, card: after.card });
    if (event.type === 'init') {
      this.page.relabel();
      this.chart.relabel();
      this.showCountsSource();
      if (this.index) labelNodes(this.index, after.lang);
      if (after.card) this.showCard(after.card);
    }
    // The host's setCompact redraws even when the layout already matches (its reply is a fresh 'rendered').
    const layoutChanged = !sameLayout(layoutOf(before), layoutOf(after)) || event.type === 'setCompact';
    if (after.theme !== before.theme) {
      this.paintCached();
      void this.render();
    } else if (layoutChanged) this.modeChanged();
    if (after.counts !== before.counts || after.countsSource !== before.countsSource) {
      if (this.index) applyCounts(this.index, after.counts);
      this.showCountsSource();
    }
    if (after.timeline !== before.timeline) postToHost(this.chart.show(after.timeline));
    // After init the page reports again, so the host (and its tests) see the new language and layout.
    if (after.selection !== before.selection || event.type === 'init') this.highlight();
  }

  private wireEvents(): void {
    const p = this.page;
    p.zoomIn.addEventListener('click', () => this.fitter.userZoom(1.25));
    p.zoomOut.addEventListener('click', () => this.fitter.userZoom(0.8));
    p.fit.addEventListener('click', () => this.fitter.fit());
    p.compact.addEventListener('click', () => this.dispatch({ type: 'toggleCompact' }));
    p.resets.addEventListener('click', () => this.dispatch({ type: 'toggleResets' }));
    p.trace.prev.addEventListener('click', () => this.traceStep(-1));
    p.trace.next.addEventListener('click', () => this.traceStep(1));
    document.addEventListener('keydown', (e) => {
      const delta = traceKeyStep(e);
      if (delta === 0 || !this.state.selection?.trace) return;
      e.preventDefault();
      this.traceStep(delta);
    });
    wireDiagramInput(
      p.canvas,
      () => this.index,
      (target) => this.openCard(target, true),
    );
    new MutationObserver(() => this.dispatch({ type: 'themeChanged', theme: currentTheme() })).observe(
      document.body,
      { attributes: true, attributeFilter: ['class'] },
    );
    new ResizeObserver(() => this.resized()).observe(p.viewport);
  }

  /** Picks the layout the new width calls for (unless the user chose one), and keeps the diagram fitted. */
  private resized(): void {
    const width = this.page.viewport.clientWidth;
    if (width <= 0) return;
    this.dispatch({ type: 'resized', narrow: isNarrow(width, this.state.narrow) });
    this.fitter.resized(this.index);
  }

  private modeChanged(): void {
    this.showModeButtons();
    this.paintCached();
    void this.render();
  }

  private showModeButtons(): void {
    const layout = layoutOf(this.state);
    this.page.compact.setAttribute('aria-pressed', String(layout.compact));
    this.page.resets.setAttribute('aria-pressed', String(layout.resets));
  }

  /** Paints the cached SVG of the current theme+mode, if any, while mermaid works on a fresh one. */
  private paintCached(): void {
    const layout = layoutOf(this.state);
    const key = layoutCacheKey(layout);
    const cached = this.saved.svgCache.find((c) => c.key === key);
    if (!cached) return;
    try {
      this.mount(cached.svg, layout);
    } catch {
      // A bad cache entry is simply replaced by the fresh render.
    }
  }

  private async render(): Promise<void> {
    const token = ++this.renderToken;
    const layout = layoutOf(this.state);
    const theme = layout.theme;
    this.page.viewport.setAttribute('aria-busy', 'true');
    try {
      const result = await renderDiagram(layout);
      if (token !== this.renderToken) return; // a newer theme or mode is on its way
      this.mount(result.svg, layout);
      cacheSvg(result.key, result.svg);
      this.saved = loadState();
      this.page.status.textContent = '';
      const { nodes, edges } = this.index ?? { nodes: new Map(), edges: new Map() };
      postToHost({
        type: 'rendered',
        ok: true,
        theme: protocolTheme(theme),
        nodeCount: nodes.size,
        edgeCount: edges.size,
        ms: round(result.ms),
      });
    } catch (err) {
      if (token !== this.renderToken) return;
      this.page.status.textContent = t('renderError');
      const error = err instanceof Error ? err.message : String(err);
      postToHost({
        type: 'rendered',
        ok: false,
        theme: protocolTheme(theme),
        nodeCount: 0,
        edgeCount: 0,
        ms: 0,
        error: error.slice(0, 500),
      });
    } finally {
      if (token === this.renderToken) this.page.viewport.removeAttribute('aria-busy');
    }
  }

  private mount(svg: string, layout: LayoutKey): void {
    const source = diagramSource(layout);
    this.index = mountDiagram(this.page.canvas, svg, source.edgeIds, this.state.lang);
    this.mounted = layout;
    this.page.canvas.classList.toggle('compact', layout.compact);
    this.fitter.mounted(this.index, this.saved, layout.compact);
    applyCounts(this.index, this.state.counts);
    this.highlight();
  }

  /** Asks the host for the previous / next packet; nothing past the connection's ends. */
  private traceStep(delta: -1 | 1): void {
    const trace = this.state.selection?.trace;
    if (!trace) return;
    const to = trace.packet + delta;
    if (to < 1 || to > trace.packetCount) return;
    postToHost({ type: 'traceStep', delta });
  }

  /** Writes the selection into the page; `ms` is everything a step costs: caption, controls and diagram classes. */
  private highlight(): void {
    const started = performance.now();
    this.showCaption();
    showTraceBar(this.page.trace, this.state.selection?.trace);
    if (!this.index) return;
    applySelection(this.index, this.state.selection);
    const ms = performance.now() - started;
    postToHost(
      readHighlight(
        this.index,
        this.page.caption.textContent ?? '',
        this.page.steps,
        ms,
        this.state.lang,
        this.page.trace.bar,
      ),
    );
    this.fitter.revealCurrent(this.index);
  }

  private showCaption(): void {
    showCaption(this.page.caption, this.state.selection);
    const compact = (this.index && this.mounted ? this.mounted : layoutOf(this.state)).compact;
    showSteps(this.page.steps, this.state.selection, compact, (transitionId) =>
      this.openCard({ kind: 'transition', transitionId }, true),
    );
  }

  private showCountsSource(): void {
    const src = this.state.counts ? this.state.countsSource : null;
    this.page.countsSource.hidden = src === null;
    this.page.countsSource.textContent = src === null ? '' : t('countsFrom', src);
  }

  private readonly cardActions: CardActions = {
    open: (target) => this.openCard(target, true),
    findInLog: (state: TcpState) => postToHost({ type: 'findInLog', state }),
    close: () => this.closeCard(),
  };

  /** Draws a card; false when the target names nothing the product knows. */
  private showCard(target: CardTarget): boolean {
    return renderCard(this.page.card, target, this.state.lang, this.cardActions);
  }

  private openCard(target: CardTarget, byUser: boolean): void {
    if (!this.showCard(target)) return;
    this.dispatch({ type: 'openCard', target });
    if (byUser) postToHost({ type: 'cardOpened', target });
  }

  private closeCard(): void {
    const open = this.state.card;
    this.page.card.hidden = true;
    this.page.card.replaceChildren();
    this.dispatch({ type: 'closeCard' });
    if (open?.kind === 'state') this.index?.nodes.get(open.state)?.focus();
  }
}

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}
