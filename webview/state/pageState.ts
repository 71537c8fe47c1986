// Webview (pure: no DOM): the diagram page's state as data. `reduce` turns a message or a UI event into the next
// state; the controller (diagramPageController.ts) compares the two and applies the effects. Unit-tested in Node.
import type {
  CardTarget,
  DiagramSelection,
  HostToWebview,
  StateCounts,
  Timeline,
} from '../../core/protocol/messages';
import type { Lang } from '../../core/tcp/types';

/** VS Code's four theme kinds, read from the body classes it sets on the webview. */
export type ThemeKind = 'light' | 'dark' | 'hc-dark' | 'hc-light';

/** What one mermaid render depends on: a change of any field means another SVG. */
export interface LayoutKey {
  readonly theme: ThemeKind;
  /** No edge labels: a smaller picture for a narrow sidebar. */
  readonly compact: boolean;
  /** Also draw RST aborts and Linux give-ups, not only the 21 rows of the reference table. */
  readonly resets: boolean;
}

export interface PageState {
  readonly lang: Lang;
  readonly theme: ThemeKind;
  /** The host's `tcpStates.diagram.compact` setting. */
  readonly hostCompact: boolean;
  /** The view is too narrow for the labelled layout: compact unless the user chose otherwise. */
  readonly narrow: boolean;
  /** The user's own choice from the toolbar (persisted); undefined: follow the host and the width. */
  readonly userCompact: boolean | undefined;
  readonly resets: boolean;
  readonly selection: DiagramSelection | null;
  readonly counts: StateCounts | null;
  readonly countsSource: string | null;
  /** The active log's counts per snapshot, when it is a time series. */
  readonly timeline: Timeline | null;
  /** The card on screen (persisted), or null. */
  readonly card: CardTarget | null;
}

/** Events of the page itself, beside the host's messages. */
export type PageEvent =
  | Exclude<HostToWebview, { type: 'zoom' }>
  | { readonly type: 'resized'; readonly narrow: boolean }
  | { readonly type: 'themeChanged'; readonly theme: ThemeKind }
  | { readonly type: 'toggleCompact' }
  | { readonly type: 'toggleResets' }
  | { readonly type: 'openCard'; readonly target: CardTarget }
  | { readonly type: 'closeCard' };

export function initialState(
  lang: Lang,
  theme: ThemeKind,
  saved: { compact: boolean | undefined; resets: boolean; card: CardTarget | null },
  narrow: boolean,
): PageState {
  return {
    lang,
    theme,
    hostCompact: false,
    narrow,
    userCompact: saved.compact,
    resets: saved.resets,
    selection: null,
    counts: null,
    countsSource: null,
    timeline: null,
    card: saved.card,
  };
}

/** The layout a state asks for. */
export function layoutOf(s: PageState): LayoutKey {
  return { theme: s.theme, compact: s.userCompact ?? (s.hostCompact || s.narrow), resets: s.resets };
}

export function sameLayout(a: LayoutKey, b: LayoutKey): boolean {
  return a.theme === b.theme && a.compact === b.compact && a.resets === b.resets;
}

/** The string a layout's SVG is cached under in the webview's persisted state. */
export function layoutCacheKey(k: LayoutKey): string {
  return `${k.theme}/${k.compact ? 'compact' : 'labels'}/${k.resets ? 'resets' : 'rfc'}`;
}

export function reduce(s: PageState, e: PageEvent): PageState {
  switch (e.type) {
    case 'init':
      return { ...s, lang: e.lang, hostCompact: e.compact };
    case 'selection':
      return { ...s, selection: e.selection };
    case 'counts':
      return { ...s, counts: e.counts, countsSource: e.source };
    case 'timeline':
      return { ...s, timeline: e.timeline };
    case 'showCard':
    case 'openCard':
      return { ...s, card: e.target };
    case 'closeCard':
      return s.card === null ? s : { ...s, card: null };
    case 'setCompact':
      return { ...s, userCompact: e.compact };
    case 'toggleCompact':
      return { ...s, userCompact: !layoutOf(s).compact };
    case 'toggleResets':
      return { ...s, resets: !s.resets };
    case 'resized':
      return e.narrow === s.narrow ? s : { ...s, narrow: e.narrow };
    case 'themeChanged':
      return e.theme === s.theme ? s : { ...s, theme: e.theme };
    default: {
      const unreachable: never = e;
      return unreachable;
    }
  }
}
