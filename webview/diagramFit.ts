// Webview (browser): where the diagram sits in its viewport — fitted to the width until the user zooms or pans — and
// which layout the width calls for. Only transforms and the viewport's height change here; never the layout.
import type { DiagramIndex } from './diagramSvg';
import { PanZoomController, type Placement } from './panZoom';

/** Below this viewport width (px) the labelled layout's edge labels cannot be read once fitted: draw compact. */
export const NARROW_PX = 480;
/** Once narrow, the view must grow this much past the threshold to switch back, so a drag does not flap layouts. */
const HYSTERESIS_PX = 24;

/** Whether a viewport `width` px wide is too narrow for the labelled layout (width 0: unknown, keep `wasNarrow`). */
export function isNarrow(width: number, wasNarrow: boolean): boolean {
  if (width <= 0) return wasNarrow;
  return wasNarrow ? width < NARROW_PX + HYSTERESIS_PX : width < NARROW_PX;
}

/** State names should read at least this size (px) on screen when the diagram is fitted. */
const READABLE_PX = 12;
/** Font sizes (px) of state names in the two layouts (see diagramRenderer). */
const COMPACT_STATE_PX = 20;
const LABELLED_STATE_PX = 16;

export class DiagramFit {
  private readonly panZoom: PanZoomController;

  constructor(
    private readonly viewport: HTMLElement,
    private readonly canvas: HTMLElement,
    /** Whether the user has placed (zoomed or panned) the diagram; until then it follows the width. */
    private readonly isPlaced: () => boolean,
    /** Persists a placement; `placed` false after a fit. */
    private readonly persist: (p: Placement, placed: boolean) => void,
  ) {
    this.panZoom = new PanZoomController(viewport, canvas, (p) => persist(p, true));
    this.panZoom.availableHeight = (): number => this.availableHeight();
  }

  /**
   * The viewport's height plus the free space below the page's last element: what the diagram could have. (Its own
   * height alone would only ever shrink, since the viewport is sized to the fitted diagram.)
   */
  private availableHeight(): number {
    const root = this.viewport.parentElement;
    if (!root) return this.viewport.clientHeight;
    const shown = [...root.children].filter((el) => el.getClientRects().length > 0);
    const end = shown[shown.length - 1]?.getBoundingClientRect().bottom ?? 0;
    const bottom =
      root.getBoundingClientRect().bottom - parseFloat(getComputedStyle(root).paddingBottom || '0');
    return this.viewport.clientHeight + Math.max(0, bottom - end);
  }

  get placement(): Placement {
    return this.panZoom.placement;
  }

  /** Zoom from a button or a command, remembered as user intent. */
  userZoom(factor: number): void {
    this.panZoom.userZoom(factor);
  }

  /** The Fit button: back to the width-fitted, top-aligned picture that follows the view's size. */
  fit(): void {
    this.panZoom.fit();
    this.persist(this.panZoom.placement, false);
  }

  /** A freshly mounted SVG: size the viewport, then the user's placement if any, else fit to the width. */
  mounted(index: DiagramIndex, saved: Placement, compact: boolean): void {
    this.panZoom.setContentSize(
      index.width,
      index.height,
      READABLE_PX / (compact ? COMPACT_STATE_PX : LABELLED_STATE_PX),
    );
    this.sizeViewport();
    if (this.isPlaced()) this.panZoom.set(saved);
    else this.panZoom.fit();
  }

  /** The viewport changed size (the sidebar, or the caption, steps or card around it): refit, keep the current state in view. */
  resized(index: DiagramIndex | undefined): void {
    this.sizeViewport();
    if (this.isPlaced()) return;
    this.panZoom.fit();
    if (index) this.revealCurrent(index);
  }

  /**
   * Until the user places the diagram, pans (vertically, no zoom) so the current state is in view: a fitted diagram can
   * be taller than a short sidebar. Runs after the timed class toggling; reading boxes is not a re-layout of the diagram.
   */
  revealCurrent(index: DiagramIndex): void {
    // A trace has two current states (one per end): reveal both.
    const nodes = [...index.svg.querySelectorAll('g.node.hl-current, g.node.tr-c-cur, g.node.tr-s-cur')];
    const zoom = this.panZoom.placement.zoom;
    if (nodes.length === 0 || this.isPlaced() || !zoom) return;
    const boxes = nodes.map((n) => n.getBoundingClientRect()).filter((b) => b.height > 0);
    const origin = this.canvas.getBoundingClientRect();
    if (boxes.length === 0) return;
    const top = Math.min(...boxes.map((b) => b.top));
    const bottom = Math.max(...boxes.map((b) => b.bottom));
    this.panZoom.reveal((top - origin.top) / zoom, (bottom - origin.top) / zoom);
  }

  /** The viewport is as tall as the width-fitted diagram (flex shrinks it when space is short): no empty band below. */
  private sizeViewport(): void {
    const h = this.panZoom.fittedHeight();
    // Sub-pixel changes are rounding (flex shares fractions): ignoring them keeps resize → fit → resize from ringing.
    if (h > 0 && Math.abs(h - parseFloat(this.viewport.style.height || '0')) >= 2)
      this.viewport.style.height = `${h}px`;
  }
}
