// Webview (browser): the one handle on VS Code's webview API, typed, acquired once; plus the persisted UI intent.
import { isRecord } from '../core/protocol/guards';
import type { CardTarget, WebviewToHost } from '../core/protocol/messages';
import { parseCardTarget } from '../core/protocol/validate';

/** The object `acquireVsCodeApi()` returns inside a VS Code webview. */
export interface WebviewApi<S> {
  postMessage(message: WebviewToHost): void;
  getState(): S | undefined;
  setState(state: S): S;
}

declare function acquireVsCodeApi(): WebviewApi<unknown>;

/** One painted SVG, kept so a reopened view paints at once (then re-renders to verify). */
export interface CachedSvg {
  readonly key: string;
  readonly svg: string;
}

/** UI intent that survives hide/show; never the log data (the host re-sends that). */
export interface PersistedState {
  readonly zoom: number;
  readonly panX: number;
  readonly panY: number;
  /** Undefined: follow the host's setting. */
  readonly compact: boolean | undefined;
  readonly resets: boolean;
  readonly card: CardTarget | null;
  /** True once the user moved or zoomed; until then the diagram is fitted to the width. */
  readonly placed: boolean;
  readonly svgCache: readonly CachedSvg[];
}

const DEFAULTS: PersistedState = {
  zoom: 1,
  panX: 0,
  panY: 0,
  compact: undefined,
  resets: false,
  card: null,
  placed: false,
  svgCache: [],
};

/** How many layouts (theme × mode) the cache keeps; each is some tens of kilobytes. */
const CACHE_SIZE = 3;

let api: WebviewApi<unknown> | undefined;

function vscodeApi(): WebviewApi<unknown> {
  api ??= acquireVsCodeApi();
  return api;
}

/** Posts a typed message to the extension host. */
export function postToHost(message: WebviewToHost): void {
  vscodeApi().postMessage(message);
}

function finite(v: unknown, fallback: number): number {
  return typeof v === 'number' && Number.isFinite(v) ? v : fallback;
}

/** The saved state, checked field by field (an older build may have saved another shape). */
export function loadState(): PersistedState {
  const raw = vscodeApi().getState();
  if (!isRecord(raw)) return DEFAULTS;
  const cache = Array.isArray(raw.svgCache)
    ? raw.svgCache.filter(
        (c): c is CachedSvg => isRecord(c) && typeof c.key === 'string' && typeof c.svg === 'string',
      )
    : [];
  return {
    zoom: Math.min(8, Math.max(0.1, finite(raw.zoom, 1))),
    panX: finite(raw.panX, 0),
    panY: finite(raw.panY, 0),
    compact: typeof raw.compact === 'boolean' ? raw.compact : undefined,
    resets: raw.resets === true,
    card: parseCardTarget(raw.card) ?? null,
    placed: raw.placed === true,
    svgCache: cache.slice(0, CACHE_SIZE),
  };
}

let current: PersistedState | undefined;

/** Merges a change into the saved state. */
export function saveState(change: Partial<PersistedState>): PersistedState {
  current = { ...(current ?? loadState()), ...change };
  vscodeApi().setState(current);
  return current;
}

/** Remembers a rendered SVG under its theme+mode key, newest first. */
export function cacheSvg(key: string, svg: string): void {
  const others = (current ?? loadState()).svgCache.filter((c) => c.key !== key);
  saveState({ svgCache: [{ key, svg }, ...others].slice(0, CACHE_SIZE) });
}
