// Extension host: the sidebar webview view that shows the TCP state diagram.
import * as vscode from 'vscode';
import type {
  CardTarget,
  DiagramSelection,
  HighlightedMessage,
  HostToWebview,
  RenderedMessage,
  StateCounts,
  Timeline,
  TimelineShownMessage,
  WebviewToHost,
} from '../../core/protocol/messages';
import { deliverableToWebview, parseWebviewToHost } from '../../core/protocol/validate';
import { Disposable } from '../plumbing/dispose';
import { diagramCompact, onDidChangeSettings, uiLang } from '../settings';
import { createNonce, webviewHtml } from './webviewHtml';
import { webviewStrings } from './webviewStrings';

/** What the host knows about the view, for commands and tests. */
export interface DiagramStatus {
  readonly resolved: boolean;
  readonly visible: boolean;
  readonly lastRendered: RenderedMessage | undefined;
  readonly lastHighlighted: HighlightedMessage | undefined;
  readonly lastCard: CardTarget | undefined;
  /** The counts-over-time chart as the page last reported it. */
  readonly lastTimelineShown: TimelineShownMessage | undefined;
  /** The counts last sent to the page, and the file they are from. */
  readonly counts: { readonly counts: StateCounts | null; readonly source: string | null } | undefined;
}

export class DiagramSidebarProvider extends Disposable implements vscode.WebviewViewProvider {
  static readonly viewId = 'tcpStates.diagram';

  private view: vscode.WebviewView | undefined;
  private selection: DiagramSelection | null = null;
  private counts: { counts: StateCounts | null; source: string | null } = { counts: null, source: null };
  private timeline: Timeline | null = null;
  /** A card asked for while the page could not show it; sent with every replay until the page reports it open. */
  private pendingCard: CardTarget | undefined;
  private lastRendered: RenderedMessage | undefined;
  private lastHighlighted: HighlightedMessage | undefined;
  private lastCard: CardTarget | undefined;
  private lastTimelineShown: TimelineShownMessage | undefined;
  private readonly findInLogEmitter = this.register(new vscode.EventEmitter<string>());
  private readonly renderedEmitter = this.register(new vscode.EventEmitter<RenderedMessage>());
  private readonly highlightedEmitter = this.register(new vscode.EventEmitter<HighlightedMessage>());
  /** Fired when the user asks, from a card, to reveal lines of a state in the active log. */
  readonly onFindInLog = this.findInLogEmitter.event;
  private readonly traceStepEmitter = this.register(new vscode.EventEmitter<-1 | 1>());
  /** The webview's previous / next packet controls (the editor moves its cursor; the selection follows). */
  readonly onTraceStep = this.traceStepEmitter.event;
  private readonly revealSnapshotEmitter = this.register(new vscode.EventEmitter<number>());
  /** A click on the counts-over-time chart: the 1-based line of a snapshot's timestamp to reveal. */
  readonly onRevealSnapshot = this.revealSnapshotEmitter.event;
  readonly onRendered = this.renderedEmitter.event;
  readonly onHighlighted = this.highlightedEmitter.event;

  constructor(private readonly extensionUri: vscode.Uri) {
    super();
    // The open page follows the settings it draws with, without a reload.
    this.register(
      onDidChangeSettings((change) => {
        if (change.affects('diagramCompact', 'contentLanguage')) this.post(this.initMessage());
      }),
    );
  }

  resolveWebviewView(view: vscode.WebviewView): void {
    this.view = view;
    const webview = view.webview;
    webview.options = {
      enableScripts: true,
      localResourceRoots: [
        vscode.Uri.joinPath(this.extensionUri, 'dist'),
        vscode.Uri.joinPath(this.extensionUri, 'media'),
      ],
    };
    webview.html = webviewHtml({
      cspSource: webview.cspSource,
      scriptUri: webview
        .asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'dist', 'webview.js'))
        .toString(),
      styleUri: webview
        .asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'dist', 'webview.css'))
        .toString(),
      nonce: createNonce(),
      lang: uiLang() === 'zh' ? 'zh-CN' : 'en',
      loadingText: vscode.l10n.t('Loading the TCP state diagram…'),
    });
    const subscriptions = [
      webview.onDidReceiveMessage((raw: unknown) => this.receive(raw)),
      // Without retainContextWhenHidden the page is rebuilt on show; it says `ready` again and we replay.
      view.onDidChangeVisibility(() => {
        if (view.visible) this.replay();
      }),
    ];
    for (const s of subscriptions) this.register(s);
    this.register(
      view.onDidDispose(() => {
        if (this.view === view) this.view = undefined;
        for (const s of subscriptions) s.dispose();
      }),
    );
  }

  status(): DiagramStatus {
    return {
      resolved: this.view !== undefined,
      visible: this.view?.visible ?? false,
      lastRendered: this.lastRendered,
      lastHighlighted: this.lastHighlighted,
      lastCard: this.lastCard,
      lastTimelineShown: this.lastTimelineShown,
      counts: this.counts,
    };
  }

  setSelection(selection: DiagramSelection | null): void {
    this.selection = selection;
    this.post({ type: 'selection', selection });
  }

  setCounts(counts: StateCounts | null, source: string | null): void {
    this.counts = { counts, source };
    this.post({ type: 'counts', counts, source });
  }

  /** The active log's counts per snapshot (null: not a time series, or no log). */
  setTimeline(timeline: Timeline | null): void {
    this.timeline = timeline;
    this.post({ type: 'timeline', timeline });
  }

  showCard(target: CardTarget): void {
    this.pendingCard = target;
    this.post({ type: 'showCard', target });
  }

  zoom(action: 'in' | 'out' | 'fit'): void {
    this.post({ type: 'zoom', action });
  }

  /** Handles `raw` as if the page had posted it, through the same validation (integration tests). */
  receiveForTest(raw: unknown): void {
    this.receive(raw);
  }

  private receive(raw: unknown): void {
    // Messages from the page are untrusted input: validate before acting.
    const msg: WebviewToHost | undefined = parseWebviewToHost(raw);
    if (!msg) return;
    switch (msg.type) {
      case 'ready':
        this.replay();
        return;
      case 'rendered':
        this.lastRendered = msg;
        this.renderedEmitter.fire(msg);
        return;
      case 'highlighted':
        this.lastHighlighted = msg;
        this.highlightedEmitter.fire(msg);
        return;
      case 'findInLog':
        this.findInLogEmitter.fire(msg.state);
        return;
      case 'cardOpened':
        this.lastCard = msg.target;
        if (this.pendingCard !== undefined && sameCard(this.pendingCard, msg.target))
          this.pendingCard = undefined;
        return;
      case 'traceStep':
        this.traceStepEmitter.fire(msg.delta);
        return;
      case 'revealSnapshot':
        this.revealSnapshotEmitter.fire(msg.line);
        return;
      case 'timelineShown':
        this.lastTimelineShown = msg;
        return;
      default: {
        const unreachable: never = msg;
        return unreachable;
      }
    }
  }

  private initMessage(): HostToWebview {
    return { type: 'init', lang: uiLang(), strings: webviewStrings(), compact: diagramCompact() };
  }

  private replay(): void {
    this.post(this.initMessage());
    this.post({ type: 'counts', counts: this.counts.counts, source: this.counts.source });
    this.post({ type: 'timeline', timeline: this.timeline });
    this.post({ type: 'selection', selection: this.selection });
    if (this.pendingCard) this.post({ type: 'showCard', target: this.pendingCard });
  }

  private post(message: HostToWebview): void {
    // A hidden or unresolved view drops messages; replay() re-sends the state when it comes back.
    // Never a message the webview would refuse: a refused selection would leave the previous connection showing.
    const safe = deliverableToWebview(message);
    if (safe !== undefined) void this.view?.webview.postMessage(safe);
  }
}

function sameCard(a: CardTarget, b: CardTarget): boolean {
  return a.kind === 'state'
    ? b.kind === 'state' && a.state === b.state
    : b.kind === 'transition' && a.transitionId === b.transitionId;
}
