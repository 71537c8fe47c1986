// Webview (browser): owns the diagram page — message handling, render-once, highlight, counts, cards and UI intent.
import type { CardTarget, DiagramSelection, HostToWebview, StateCounts } from '../core/protocol/messages';
import { parseHostToWebview } from '../core/protocol/validate';
import type { Lang, TcpState } from '../core/tcp/types';
import { renderCard, type CardActions } from './cards';
import { diagramSource, type DiagramMode } from './diagramSource';
import { DiagramFit, isNarrow } from './diagramFit';
import { currentTheme, protocolTheme, renderDiagram, renderKey, type ThemeKind } from './diagramRenderer';
import { labelNodes, mountDiagram, wireDiagramInput, type DiagramIndex } from './diagramSvg';
import { applyCounts } from './heatMap';
import { applySelection, readHighlight } from './highlighter';
import { buildPage, type PageLayout } from './pageLayout';
import { showCaption, showSteps } from './pathText';
import { setStrings, t } from './strings';
import { cacheSvg, loadState, postToHost, saveState, type PersistedState } from './vscodeApi';

export class DiagramPageController {
  private readonly page: PageLayout;
  private readonly fitter: DiagramFit;
  private saved: PersistedState = loadState();
  private lang: Lang = document.documentElement.lang.toLowerCase().startsWith('zh') ? 'zh' : 'en';
  private hostCompact = false;
  /** The view is too narrow for the labelled layout: draw compact unless the user chose otherwise. */
  private narrow = false;
  /** The layout on screen (the mode may already ask for the other one while mermaid works). */
  private mountedCompact = false;
  private theme: ThemeKind = currentTheme();
  private index: DiagramIndex | undefined;
  private selection: DiagramSelection | null = null;
  private counts: StateCounts | null = null;
  private countsSource: string | null = null;
  private renderToken = 0;

  constructor(root: HTMLElement) {
    this.page = buildPage(root);
    this.fitter = new DiagramFit(
      this.page.viewport,
      this.page.canvas,
      () => this.saved.placed,
      (p, placed) => (this.saved = saveState({ ...p, placed })),
    );
  }

  private get mode(): DiagramMode {
    return { compact: this.saved.compact ?? (this.hostCompact || this.narrow), resets: this.saved.resets };
  }

  start(): void {
    this.narrow = isNarrow(this.page.viewport.clientWidth, false);
    this.wireEvents();
    this.showCaption();
    this.showModeButtons();
    if (this.saved.card) this.openCard(this.saved.card, false);
    this.paintCached();
    window.addEventListener('message', (e: MessageEvent<unknown>) => this.onMessage(e.data));
    postToHost({ type: 'ready' });
    void this.render();
  }

  private onMessage(raw: unknown): void {
    const msg: HostToWebview | undefined = parseHostToWebview(raw);
    if (!msg) return;
    switch (msg.type) {
      case 'init': {
        const before = renderKey(this.theme, this.mode);
        setStrings(msg.strings);
        this.lang = msg.lang;
        this.hostCompact = msg.compact;
        this.page.relabel();
        this.showCaption();
        this.showCountsSource();
        if (this.index) labelNodes(this.index, this.lang);
        if (this.saved.card) this.openCard(this.saved.card, false);
        if (renderKey(this.theme, this.mode) !== before) this.modeChanged();
        return;
      }
      case 'selection':
        this.selection = msg.selection;
        this.highlight();
        return;
      case 'counts':
        this.counts = msg.counts;
        this.countsSource = msg.source;
        if (this.index) applyCounts(this.index, this.counts);
        this.showCountsSource();
        return;
      case 'showCard':
        this.openCard(msg.target, true);
        return;
      case 'setCompact':
        this.saved = saveState({ compact: msg.compact });
        this.modeChanged();
        return;
      case 'zoom':
        if (msg.action === 'fit') this.fitter.fit();
        else this.fitter.userZoom(msg.action === 'in' ? 1.25 : 0.8);
        return;
      default: {
        const unreachable: never = msg;
        return unreachable;
      }
    }
  }

  private wireEvents(): void {
    const p = this.page;
    p.zoomIn.addEventListener('click', () => this.fitter.userZoom(1.25));
    p.zoomOut.addEventListener('click', () => this.fitter.userZoom(0.8));
    p.fit.addEventListener('click', () => this.fitter.fit());
    p.compact.addEventListener('click', () => {
      this.saved = saveState({ compact: !this.mode.compact });
      this.modeChanged();
    });
    p.resets.addEventListener('click', () => {
      this.saved = saveState({ resets: !this.saved.resets });
      this.modeChanged();
    });
    wireDiagramInput(
      p.canvas,
      () => this.index,
      (target) => this.openCard(target, true),
    );
    new MutationObserver(() => {
      const theme = currentTheme();
      if (theme === this.theme) return;
      this.theme = theme;
      this.paintCached();
      void this.render();
    }).observe(document.body, { attributes: true, attributeFilter: ['class'] });
    new ResizeObserver(() => this.resized()).observe(p.viewport);
  }

  /** Picks the layout the new width calls for (unless the user chose one), and keeps the diagram fitted. */
  private resized(): void {
    const width = this.page.viewport.clientWidth;
    if (width <= 0) return;
    const narrow = isNarrow(width, this.narrow);
    if (narrow !== this.narrow) {
      const before = renderKey(this.theme, this.mode);
      this.narrow = narrow;
      if (renderKey(this.theme, this.mode) !== before) this.modeChanged();
    }
    this.fitter.resized(this.index);
  }

  private modeChanged(): void {
    this.showModeButtons();
    this.paintCached();
    void this.render();
  }

  private showModeButtons(): void {
    this.page.compact.setAttribute('aria-pressed', String(this.mode.compact));
    this.page.resets.setAttribute('aria-pressed', String(this.mode.resets));
  }

  /** Paints the cached SVG of the current theme+mode, if any, while mermaid works on a fresh one. */
  private paintCached(): void {
    const key = renderKey(this.theme, this.mode);
    const cached = this.saved.svgCache.find((c) => c.key === key);
    if (!cached) return;
    try {
      this.mount(cached.svg, key);
    } catch {
      // A bad cache entry is simply replaced by the fresh render.
    }
  }

  private async render(): Promise<void> {
    const token = ++this.renderToken;
    const theme = this.theme;
    const mode = this.mode;
    this.page.viewport.setAttribute('aria-busy', 'true');
    try {
      const result = await renderDiagram(theme, mode);
      if (token !== this.renderToken) return; // a newer theme or mode is on its way
      this.mount(result.svg, result.key);
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

  private mount(svg: string, key: string): void {
    const [, layout = 'labels', edges = 'rfc'] = key.split('/');
    const source = diagramSource({ compact: layout === 'compact', resets: edges === 'resets' });
    this.index = mountDiagram(this.page.canvas, svg, source.edgeIds, this.lang);
    this.mountedCompact = layout === 'compact';
    this.page.canvas.classList.toggle('compact', this.mountedCompact);
    this.fitter.mounted(this.index, this.saved, this.mountedCompact);
    applyCounts(this.index, this.counts);
    this.highlight();
  }

  private highlight(): void {
    this.showCaption();
    if (!this.index) return;
    const ms = applySelection(this.index, this.selection);
    postToHost(readHighlight(this.index, this.page.caption.textContent ?? '', this.page.steps, ms));
    this.fitter.revealCurrent(this.index);
  }

  private showCaption(): void {
    showCaption(this.page.caption, this.selection);
    const compact = this.index ? this.mountedCompact : this.mode.compact;
    showSteps(this.page.steps, this.selection, compact, (transitionId) =>
      this.openCard({ kind: 'transition', transitionId }, true),
    );
  }

  private showCountsSource(): void {
    const src = this.counts ? this.countsSource : null;
    this.page.countsSource.hidden = src === null;
    this.page.countsSource.textContent = src === null ? '' : t('countsFrom', src);
  }

  private readonly cardActions: CardActions = {
    open: (target) => this.openCard(target, true),
    findInLog: (state: TcpState) => postToHost({ type: 'findInLog', state }),
    close: () => this.closeCard(),
  };

  private openCard(target: CardTarget, byUser: boolean): void {
    if (!renderCard(this.page.card, target, this.lang, this.cardActions)) return;
    this.saved = saveState({ card: target });
    if (byUser) postToHost({ type: 'cardOpened', target });
  }

  private closeCard(): void {
    const open = this.saved.card;
    this.page.card.hidden = true;
    this.page.card.replaceChildren();
    this.saved = saveState({ card: null });
    if (open?.kind === 'state') this.index?.nodes.get(open.state)?.focus();
  }
}

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}
