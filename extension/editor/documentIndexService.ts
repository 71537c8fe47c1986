// Extension host: keeps one LineIndex per scanned document, rebuilt in slices after edits, for every editor feature.
import * as vscode from 'vscode';
import type { LineIndex } from '../../core/document/lineIndex';
import { buildLineIndex, type Scheduler } from '../../core/document/lineIndexBuilder';
import { buildTraceIndex } from '../../core/document/traceBuild';
import type { TraceFinding } from '../../core/document/traceFindings';
import { TraceCollector, type TraceIndex } from '../../core/document/traceIndex';
import { Debouncer } from '../plumbing/debounce';
import { Disposable } from '../plumbing/dispose';
import { DIAGNOSIS_THRESHOLDS, diagnosisOptions, onDidChangeSettings, scannedLanguages } from '../settings';

/** setImmediate, not setTimeout(0): the latter adds ≥ 1 ms to every slice. */
const HOST_SCHEDULER: Scheduler = {
  now: () => performance.now(),
  yieldToEventLoop: () => new Promise((resolve) => setImmediate(resolve)),
};

/** Documents from these schemes are never scanned: output channels, SCM views and diff sides are not logs. */
const SKIPPED_SCHEMES = new Set(['output', 'git', 'vscode-scm', 'debug', 'vscode-terminal', 'comment']);
const EDIT_DEBOUNCE_MS = 150;

interface Tracked {
  readonly document: vscode.TextDocument;
  index?: LineIndex;
  /** The packet trace the document holds (tcpdump / tshark lines), reconstructed after the table index. */
  trace?: TraceIndex;
  /** The trace's problems, found while it was built. */
  traceFindings?: readonly TraceFinding[];
  /** 1-based: lines of `index` below this are still true after the edits made since it was built. */
  validBelow: number;
  build?: { readonly version: number; cancelled: boolean; readonly done: Promise<LineIndex | undefined> };
  /** The rebuild after a burst of edits. */
  readonly rebuildLater: Debouncer;
}

export class DocumentIndexService extends Disposable {
  private readonly tracked = new Map<string, Tracked>();
  private readonly indexedEmitter = this.register(new vscode.EventEmitter<vscode.TextDocument>());
  /** A document's index was replaced (built, rebuilt or dropped). */
  readonly onDidIndex = this.indexedEmitter.event;

  constructor() {
    super();
    this.register(vscode.workspace.onDidOpenTextDocument((d) => this.consider(d)));
    this.register(vscode.workspace.onDidCloseTextDocument((d) => this.drop(d)));
    this.register(vscode.workspace.onDidChangeTextDocument((e) => this.edited(e)));
    this.register(
      onDidChangeSettings((change) => {
        if (change.affects('languages', ...DIAGNOSIS_THRESHOLDS)) this.reconsiderAll();
      }),
    );
    for (const d of vscode.workspace.textDocuments) this.consider(d);
  }

  /** Whether the document's language and scheme make it a candidate (it still needs connection lines). */
  static isCandidate(document: vscode.TextDocument): boolean {
    return !SKIPPED_SCHEMES.has(document.uri.scheme) && scannedLanguages().includes(document.languageId);
  }

  /** The latest finished index, whatever its version; pair with `validBelow` when the document was edited since. */
  indexOf(document: vscode.TextDocument): LineIndex | undefined {
    return this.tracked.get(document.uri.toString())?.index;
  }

  /** The index, if `line` (1-based) is still described by it; undefined for non-connection documents. */
  indexFor(document: vscode.TextDocument, line: number): LineIndex | undefined {
    const t = this.tracked.get(document.uri.toString());
    if (t?.index === undefined || t.index.recordCount === 0 || line >= t.validBelow) return undefined;
    return t.index;
  }

  /** The latest packet trace of the document, whatever its version; undefined when it has no packet line. */
  traceOf(document: vscode.TextDocument): TraceIndex | undefined {
    return this.tracked.get(document.uri.toString())?.trace;
  }

  /** The problems of the document's packet trace (empty without one). */
  traceFindingsOf(document: vscode.TextDocument): readonly TraceFinding[] {
    return this.tracked.get(document.uri.toString())?.traceFindings ?? [];
  }

  /** The packet trace, if `line` (1-based) is still described by it. */
  traceFor(document: vscode.TextDocument, line: number): TraceIndex | undefined {
    const t = this.tracked.get(document.uri.toString());
    if (t?.trace === undefined || line >= t.validBelow) return undefined;
    return t.trace;
  }

  /** True when the document is scanned and has connection lines. */
  isConnectionLog(document: vscode.TextDocument): boolean {
    return (this.indexOf(document)?.recordCount ?? 0) > 0;
  }

  /** Waits for the build in flight (tests, commands run right after opening a file). */
  async ready(document: vscode.TextDocument): Promise<LineIndex | undefined> {
    const t = this.tracked.get(document.uri.toString());
    if (t === undefined) return undefined;
    if (t.rebuildLater.pending) this.rebuild(t);
    while (t.build !== undefined) await t.build.done;
    return t.index;
  }

  private consider(document: vscode.TextDocument): void {
    const key = document.uri.toString();
    if (!DocumentIndexService.isCandidate(document)) {
      if (this.tracked.has(key)) this.drop(document);
      return;
    }
    let t = this.tracked.get(key);
    if (t === undefined) {
      const created: Tracked = {
        document,
        validBelow: 0,
        rebuildLater: new Debouncer(EDIT_DEBOUNCE_MS, () => this.rebuild(created)),
      };
      this.tracked.set(key, (t = created));
    }
    this.rebuild(t);
  }

  private reconsiderAll(): void {
    for (const d of vscode.workspace.textDocuments) this.consider(d);
  }

  private edited(e: vscode.TextDocumentChangeEvent): void {
    const t = this.tracked.get(e.document.uri.toString());
    if (t === undefined || e.contentChanges.length === 0) return;
    for (const c of e.contentChanges) t.validBelow = Math.min(t.validBelow, c.range.start.line + 1);
    t.rebuildLater.schedule();
  }

  private rebuild(t: Tracked): void {
    t.rebuildLater.cancel();
    if (t.build !== undefined) t.build.cancelled = true;
    const document = t.document;
    const version = document.version;
    const build: { version: number; cancelled: boolean; done: Promise<LineIndex | undefined> } = {
      version,
      cancelled: false,
      done: Promise.resolve(undefined),
    };
    const source = {
      lineCount: document.lineCount,
      lineText: (i: number): string => document.lineAt(i).text,
    };
    const isCancelled = (): boolean => build.cancelled || document.isClosed || document.version !== version;
    // Packet lines are offered to the collector during the table build; the reconstruction runs after it, sliced too.
    const collector = new TraceCollector();
    build.done = buildLineIndex(source, {
      scheduler: HOST_SCHEDULER,
      diagnosis: diagnosisOptions(),
      isCancelled,
      unparsed: collector,
    }).then(async (index) => {
      const built =
        index === undefined
          ? undefined
          : await buildTraceIndex(collector, { scheduler: HOST_SCHEDULER, isCancelled });
      if (t.build === build) t.build = undefined;
      if (index === undefined || isCancelled() || this.tracked.get(document.uri.toString()) !== t)
        return undefined;
      t.index = index;
      t.trace = built?.index;
      t.traceFindings = built?.findings;
      t.validBelow = Number.POSITIVE_INFINITY;
      this.indexedEmitter.fire(document);
      return index;
    });
    t.build = build;
  }

  private drop(document: vscode.TextDocument): void {
    const key = document.uri.toString();
    const t = this.tracked.get(key);
    if (t === undefined) return;
    if (t.build !== undefined) t.build.cancelled = true;
    t.rebuildLater.cancel();
    this.tracked.delete(key);
    this.indexedEmitter.fire(document);
  }

  override dispose(): void {
    for (const t of this.tracked.values()) {
      if (t.build !== undefined) t.build.cancelled = true;
      t.rebuildLater.cancel();
    }
    this.tracked.clear();
    super.dispose();
  }
}
