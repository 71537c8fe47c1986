// Webview (browser): zoom, pan (drag and wheel) and fit for the diagram, by a CSS transform — never a re-layout.

/** Where the diagram sits in its viewport. */
export interface Placement {
  readonly zoom: number;
  readonly panX: number;
  readonly panY: number;
}

const MIN_ZOOM = 0.1;
const MAX_ZOOM = 8;
/** Pointer travel (px) after which a press is a drag, not a click. */
const DRAG_THRESHOLD = 4;

export class PanZoomController {
  private place: Placement = { zoom: 1, panX: 0, panY: 0 };
  private contentW = 0;
  private contentH = 0;
  private readableZoom = 0;
  private drag:
    { id: number; x: number; y: number; startX: number; startY: number; moved: boolean } | undefined;
  private suppressClick = false;

  constructor(
    private readonly viewport: HTMLElement,
    private readonly canvas: HTMLElement,
    /** Called after a user gesture (not after programmatic fits), to persist the intent. */
    private readonly onUserChange: (p: Placement) => void,
  ) {
    viewport.addEventListener('wheel', (e) => this.onWheel(e), { passive: false });
    viewport.addEventListener('pointerdown', (e) => this.onDown(e));
    viewport.addEventListener('pointermove', (e) => this.onMove(e));
    viewport.addEventListener('pointerup', (e) => this.onUp(e));
    viewport.addEventListener('pointercancel', (e) => this.onUp(e));
    // A drag ends in a click on whatever is under the pointer; swallow it.
    viewport.addEventListener(
      'click',
      (e) => {
        if (!this.suppressClick) return;
        this.suppressClick = false;
        e.stopPropagation();
        e.preventDefault();
      },
      true,
    );
  }

  get placement(): Placement {
    return this.place;
  }

  /** The diagram's size, and the smallest zoom at which its state names still read (see `fitZoom`). */
  setContentSize(width: number, height: number, readableZoom: number): void {
    this.contentW = width;
    this.contentH = height;
    this.readableZoom = readableZoom;
  }

  /** Height (px) the viewport could take: set by the page, which knows the space around it. Default: its own. */
  availableHeight: () => number = () => this.viewport.clientHeight;

  set(p: Placement): void {
    this.place = { zoom: clamp(p.zoom, MIN_ZOOM, MAX_ZOOM), panX: p.panX, panY: p.panY };
    this.canvas.style.transform = `translate(${this.place.panX}px, ${this.place.panY}px) scale(${this.place.zoom})`;
  }

  /**
   * The fitted zoom: the whole diagram when that still leaves the state names readable; otherwise fitted to the width
   * (never past the readable zoom unless the width demands it), and a diagram taller than the view scrolls (wheel, drag)
   * instead of shrinking to a thumbnail. At most 2×, so a wide view does not blow it up.
   */
  private fitZoom(): number {
    const widthZoom = (this.viewport.clientWidth - 8) / this.contentW;
    const bothZoom = Math.min(widthZoom, (this.availableHeight() - 8) / this.contentH);
    return clamp(Math.min(widthZoom, Math.max(bothZoom, this.readableZoom), 2), MIN_ZOOM, MAX_ZOOM);
  }

  /** Fits the diagram (see `fitZoom`), centred across and top-aligned. */
  fit(): void {
    if (!this.contentW || !this.contentH || !this.viewport.clientWidth) return;
    const zoom = this.fitZoom();
    this.set({ zoom, panX: (this.viewport.clientWidth - this.contentW * zoom) / 2, panY: 4 });
  }

  /** Height (px) of the fitted diagram: the viewport asks for no more, so the caption sits right below it. */
  fittedHeight(): number {
    if (!this.contentW || !this.contentH || !this.viewport.clientWidth) return 0;
    return Math.floor(this.contentH * this.fitZoom() + 8);
  }

  /** Scrolls vertically (pan only, never zoom) so the content rows [top, bottom] come into view, if they are not. */
  reveal(top: number, bottom: number): void {
    const { zoom, panX, panY } = this.place;
    const vh = this.viewport.clientHeight;
    if (top * zoom + panY >= 0 && bottom * zoom + panY <= vh) return;
    const next = bottom * zoom + panY > vh ? vh - 8 - bottom * zoom : 8 - top * zoom;
    this.set({ zoom, panX, panY: Math.min(4, next) });
  }

  /** Zooms by `factor` keeping the viewport point (x, y) — its centre by default — still. */
  zoomBy(factor: number, x = this.viewport.clientWidth / 2, y = this.viewport.clientHeight / 2): void {
    const { zoom, panX, panY } = this.place;
    const next = clamp(zoom * factor, MIN_ZOOM, MAX_ZOOM);
    const k = next / zoom;
    this.set({ zoom: next, panX: x - (x - panX) * k, panY: y - (y - panY) * k });
  }

  /** Zoom in/out from a command or a button, remembered as user intent. */
  userZoom(factor: number): void {
    this.zoomBy(factor);
    this.onUserChange(this.place);
  }

  private onWheel(e: WheelEvent): void {
    e.preventDefault();
    const scale = e.deltaMode === WheelEvent.DOM_DELTA_LINE ? 16 : 1;
    if (e.ctrlKey || e.metaKey) {
      const r = this.viewport.getBoundingClientRect();
      this.zoomBy(Math.exp((-e.deltaY * scale) / 300), e.clientX - r.left, e.clientY - r.top);
    } else {
      const { zoom, panX, panY } = this.place;
      this.set({ zoom, panX: panX - e.deltaX * scale, panY: panY - e.deltaY * scale });
    }
    this.onUserChange(this.place);
  }

  private onDown(e: PointerEvent): void {
    if (e.button !== 0 || this.drag) return;
    this.drag = {
      id: e.pointerId,
      x: e.clientX,
      y: e.clientY,
      startX: this.place.panX,
      startY: this.place.panY,
      moved: false,
    };
  }

  private onMove(e: PointerEvent): void {
    const d = this.drag;
    if (!d || d.id !== e.pointerId) return;
    const dx = e.clientX - d.x;
    const dy = e.clientY - d.y;
    if (!d.moved && Math.hypot(dx, dy) < DRAG_THRESHOLD) return;
    if (!d.moved) {
      // Capture only once it is a drag, so a plain click still lands on the node under the pointer.
      d.moved = true;
      this.viewport.setPointerCapture(e.pointerId);
      this.viewport.classList.add('dragging');
    }
    this.set({ zoom: this.place.zoom, panX: d.startX + dx, panY: d.startY + dy });
  }

  private onUp(e: PointerEvent): void {
    const d = this.drag;
    if (!d || d.id !== e.pointerId) return;
    this.drag = undefined;
    if (!d.moved) return;
    this.suppressClick = true;
    setTimeout(() => (this.suppressClick = false), 0);
    this.viewport.classList.remove('dragging');
    if (this.viewport.hasPointerCapture(e.pointerId)) this.viewport.releasePointerCapture(e.pointerId);
    this.onUserChange(this.place);
  }
}

function clamp(v: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, v));
}
