// Pure (host and webview): the one typed protocol between the extension host and the diagram webview.
import type { Lang, TcpState } from '../tcp/types';
import type { WebviewStrings } from './strings';

/** A path step as the diagram draws it (mirrors tcp/pathInference PathStep). */
export interface DiagramStep {
  readonly from: TcpState;
  readonly to: TcpState;
  readonly transitionId: string;
  readonly observed: boolean;
}

/** The connection under the editor cursor, as the sidebar shows it. */
export interface DiagramSelection {
  readonly state: TcpState;
  /** As printed in the log (`ESTAB`, `VERBUNDEN`…). */
  readonly rawState: string;
  readonly local: string;
  readonly remote: string;
  /** 1-based line in the document. */
  readonly line: number;
  /** The most likely path, CLOSED → … → state. */
  readonly steps: readonly DiagramStep[];
  /** Other plausible pasts (TIME_WAIT via CLOSING / straight from FIN_WAIT_1). */
  readonly alternatives: readonly (readonly DiagramStep[])[];
  /** States actually seen for this connection in the file, in order (collapsed). */
  readonly observedStates: readonly TcpState[];
  /** The path in words, in the UI language (also the aria-live caption). */
  readonly caption: string;
  /** Set when the cursor is on a packet line of a trace: both ends' observed paths, replayed to that packet. */
  readonly trace?: DiagramTrace;
}

/** One end of a traced connection, as the diagram draws it. */
export interface DiagramTraceEnd {
  /** This end's endpoint (`127.0.0.1:56552`). */
  readonly endpoint: string;
  /** The state this end is in right after the cursor's packet. */
  readonly state: TcpState;
  /** Observed path of this end from its first state up to the cursor's packet (all steps observed). */
  readonly steps: readonly DiagramStep[];
}

/** A packet-trace connection at the cursor's packet: both ends, and where the packet is in the connection. */
export interface DiagramTrace {
  readonly client: DiagramTraceEnd;
  readonly server: DiagramTraceEnd;
  /** 1-based position of the cursor's packet among the connection's packets. */
  readonly packet: number;
  readonly packetCount: number;
  /** What the packet does, in words in the UI language (`handshake step 2 of 3`). */
  readonly role: string;
}

/** Count of connections per state in the active log. */
export type StateCounts = Partial<Record<TcpState, number>>;

/** What the webview can be asked to show a card for. */
export type CardTarget =
  | { readonly kind: 'state'; readonly state: TcpState }
  | { readonly kind: 'transition'; readonly transitionId: string };

// ---- host → webview ----

/** host → webview: UI language and localized chrome strings; sent in reply to `ready`. */
export interface InitMessage {
  readonly type: 'init';
  readonly lang: Lang;
  /** The host sends every key; the webview accepts any subset (a missing key falls back to English). */
  readonly strings: Partial<WebviewStrings>;
  readonly compact: boolean;
}
/** host → webview: the selected connection, or null for the plain reference. */
export interface SelectionMessage {
  readonly type: 'selection';
  readonly selection: DiagramSelection | null;
}
/** host → webview: per-state counts of the active log (null when no log is active). */
export interface CountsMessage {
  readonly type: 'counts';
  readonly counts: StateCounts | null;
  /** Short name of the document the counts come from. */
  readonly source: string | null;
}
/** host → webview: open the reference card of a state or transition. */
export interface ShowCardMessage {
  readonly type: 'showCard';
  readonly target: CardTarget;
}
/** host → webview: switch between labelled and compact (no edge labels) layout. */
export interface SetCompactMessage {
  readonly type: 'setCompact';
  readonly compact: boolean;
}
/** host → webview: zoom commands from the view's title bar. */
export interface ZoomMessage {
  readonly type: 'zoom';
  readonly action: ZoomAction;
}

/** One snapshot of a time series, as the counts-over-time chart draws it. */
export interface TimelinePoint {
  /** The snapshot's time as printed (`Mon Nov 23 20:24:53 UTC 2026`), or its number when it has none. */
  readonly label: string;
  /** 1-based line of the snapshot's first line (its timestamp). */
  readonly line: number;
  readonly counts: StateCounts;
}
/** Per-state counts per snapshot of the active log (at most LIMITS.timelinePoints, downsampled by the host). */
export interface Timeline {
  /** Short name of the document. */
  readonly source: string;
  readonly snapshots: readonly TimelinePoint[];
}
/** host → webview: the active log's counts over time, or null when it is not a time series. */
export interface TimelineMessage {
  readonly type: 'timeline';
  readonly timeline: Timeline | null;
}

export type HostToWebview =
  | InitMessage
  | SelectionMessage
  | CountsMessage
  | ShowCardMessage
  | SetCompactMessage
  | ZoomMessage
  | TimelineMessage;

/** The zoom commands of the title bar and the toolbar. */
export const ZOOM_ACTIONS = ['in', 'out', 'fit'] as const;
export type ZoomAction = (typeof ZOOM_ACTIONS)[number];

// ---- webview → host ----

/** The theme family a render reports. */
export const PROTOCOL_THEMES = ['light', 'dark', 'high-contrast'] as const;
export type ProtocolTheme = (typeof PROTOCOL_THEMES)[number];

/** webview → host: the page has loaded and wants the current state. */
export interface ReadyMessage {
  readonly type: 'ready';
}
/** webview → host: the diagram finished rendering (or failed). */
export interface RenderedMessage {
  readonly type: 'rendered';
  readonly ok: boolean;
  readonly theme: ProtocolTheme;
  readonly nodeCount: number;
  readonly edgeCount: number;
  readonly ms: number;
  readonly error?: string;
}
/** webview → host: what is highlighted now (after a selection), read back from the DOM. */
export interface HighlightedMessage {
  readonly type: 'highlighted';
  readonly caption: string;
  readonly current: TcpState | null;
  readonly states: readonly TcpState[];
  readonly observedEdges: readonly string[];
  readonly inferredEdges: readonly string[];
  readonly alternativeEdges: readonly string[];
  /** Path edges whose event/action label is on screen (on the diagram, or listed under it in compact mode). */
  readonly labelledEdges: readonly string[];
  /** The layout on screen: compact (no edge labels) or labelled. */
  readonly compact: boolean;
  /** The language the diagram's labels and cards are drawn in. */
  readonly lang: Lang;
  readonly ms: number;
  /** Set for a trace selection: each end's marks on the diagram, read back from the DOM. */
  readonly trace?: HighlightedTrace;
}
/** What the diagram shows of a trace: both ends' paths and current states, and the packet the controls are at. */
export interface HighlightedTrace {
  /** States on the client's path (diagram order). */
  readonly clientStates: readonly TcpState[];
  readonly serverStates: readonly TcpState[];
  readonly clientEdges: readonly string[];
  readonly serverEdges: readonly string[];
  /** The state carrying the client's marker (null if none is drawn). */
  readonly clientCurrent: TcpState | null;
  readonly serverCurrent: TcpState | null;
  readonly packet: number;
  readonly packetCount: number;
  /** Whether the previous / next packet buttons are enabled. */
  readonly canPrev: boolean;
  readonly canNext: boolean;
}
/** webview → host: reveal lines of the active log in this state. */
export interface FindInLogMessage {
  readonly type: 'findInLog';
  readonly state: TcpState;
}
/** webview → host: the user opened a card (host may mirror it, e.g. for tests). */
export interface CardOpenedMessage {
  readonly type: 'cardOpened';
  readonly target: CardTarget;
}
/** webview → host: step to the previous (-1) or next (+1) packet of the selected trace connection. */
export interface TraceStepMessage {
  readonly type: 'traceStep';
  readonly delta: -1 | 1;
}

/** webview → host: reveal a snapshot of the active log (a click on the counts-over-time chart). */
export interface RevealSnapshotMessage {
  readonly type: 'revealSnapshot';
  /** 1-based line of the snapshot's timestamp. */
  readonly line: number;
}

/** webview → host: what the counts-over-time chart shows now, read back from its DOM (after each timeline). */
export interface TimelineShownMessage {
  readonly type: 'timelineShown';
  /** Snapshots drawn (0: the chart is hidden). */
  readonly points: number;
  /** States with a series, in diagram order. */
  readonly series: readonly TcpState[];
  /** The series drawn thick with its end label, if any. */
  readonly hot: TcpState | null;
}

export type WebviewToHost =
  | TimelineShownMessage
  | RevealSnapshotMessage
  | ReadyMessage
  | RenderedMessage
  | HighlightedMessage
  | FindInLogMessage
  | CardOpenedMessage
  | TraceStepMessage;
