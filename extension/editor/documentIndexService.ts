// Extension host: keeps one LineIndex per scanned document, rebuilt in slices after edits, for every editor feature.
import * as vscode from 'vscode';
import type { LineIndex, StateSpan } from '../../core/document/lineIndex';
import {
  buildLineIndex,
  buildRangeIndex,
  type LineSource,
  type Scheduler,
} from '../../core/document/lineIndexBuilder';
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
/** Lines indexed beyond each visible range by a preview, so a small scroll stays coloured. */
const PREVIEW_MARGIN = 40;
/** Smaller documents are indexed whole within a slice or two: no preview. */
const PREVIEW_MIN_LINES = 5000;
/** A preview spans at most this many lines (two editors far apart on one document: the first one's range). */
const PREVIEW_MAX_LINES = 3000;

/** The visible lines indexed on their own while the whole document is (re)indexed in slices. */
interface Preview {
  readonly index: LineIndex;
  /** 1-based, inclusive. */
  readonly first: number;
  readonly last: number;
  readonly version: number;
}

/** A document's lines as the index builders read them. */
function documentSource(document: vscode.TextDocument): LineSource {
  return { lineCount: document.lineCount, lineText: (i) => document.lineAt(i).text };
}

interface Tracked {
  readonly document: vscode.TextDocument;
  index?: LineIndex;
  /** The packet trace the document holds (tcpdump / tshark lines), reconstructed after the table index. */
  trace?: TraceIndex;
  /** The trace's problems, found while it was built. */
  traceFindings?: readonly TraceFinding[];
  /** 1-based: lines of `index` below this are still true after the edits made since it was built. */
  validBelow: number;
  /** While a build is in flight: the visible lines, indexed at once (buildRangeIndex). */
  preview?: Preview;
  build?: { readonly version: number; cancelled: boolean; readonly done: Promise<LineIndex | undefined> };
  /** The rebuild after a burst of edits. */
  readonly rebuildLater: Debouncer;
}

/** The preview, if it is of the document's current version and has connection lines. */
function currentPreview(t: Tracked): Preview | undefined {
  const p = t.preview;
  return p !== undefined && p.version === t.document.version && p.index.recordCount > 0 ? p : undefined;
}

export class DocumentIndexService extends Disposable {
  private readonly tracked = new Map<string, Tracked>();
  private readonly indexedEmitter = this.register(new vscode.EventEmitter<vscode.TextDocument>());
  /** A document's index was replaced (built, rebuilt or dropped), or its visible lines were previewed. */
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
    // The visible lines first: an editor shown or scrolled while its document is being indexed gets a preview.
    this.register(
      vscode.window.onDidChangeVisibleTextEditors((editors) => {
        for (const e of editors) this.previewVisible(e.document);
      }),
    );
    this.register(
      vscode.window.onDidChangeTextEditorVisibleRanges((e) => this.previewVisible(e.textEditor.document)),
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

  /**
   * The index that describes `line` (1-based): the document's, if the line is still true in it, else the visible
   * range's preview while a build is in flight; undefined off connection documents.
   */
  indexFor(document: vscode.TextDocument, line: number): LineIndex | undefined {
    const t = this.tracked.get(document.uri.toString());
    if (t === undefined) return undefined;
    if (t.index !== undefined && line < t.validBelow) return t.index.recordCount === 0 ? undefined : t.index;
    const p = currentPreview(t);
    return p !== undefined && line >= p.first && line <= p.last ? p.index : undefined;
  }

  /** The state spans of lines [first, last] (1-based), each with the index that describes its line. */
  spansIn(
    document: vscode.TextDocument,
    first: number,
    last: number,
  ): { readonly index: LineIndex; readonly span: StateSpan }[] {
    const t = this.tracked.get(document.uri.toString());
    const out: { index: LineIndex; span: StateSpan }[] = [];
    if (t === undefined) return out;
    const whole = t.index;
    let next = first;
    if (whole !== undefined && whole.recordCount > 0 && first < t.validBelow) {
      const end = Math.min(last, t.validBelow - 1);
      for (const span of whole.spansIn(first, end)) out.push({ index: whole, span });
      next = end + 1;
    }
    const p = currentPreview(t);
    if (next <= last && p !== undefined) {
      for (const span of p.index.spansIn(Math.max(next, p.first), Math.min(last, p.last)))
        out.push({ index: p.index, span });
    }
    return out;
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
    const source = documentSource(document);
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
      t.preview = undefined;
      this.indexedEmitter.fire(document);
      return index;
    });
    t.build = build;
    this.previewVisible(document);
  }

  /**
   * While the document is being indexed, indexes its visible lines at once (a few ms for a screenful) so that
   * they are coloured and hoverable long before the whole index lands; the lines it covers are dropped from it
   * as soon as the build ends.
   */
  private previewVisible(document: vscode.TextDocument): void {
    const t = this.tracked.get(document.uri.toString());
    if (t?.build === undefined || t.document !== document || document.lineCount < PREVIEW_MIN_LINES) return;
    const ranges = vscode.window.visibleTextEditors
      .filter((e) => e.document === document)
      .flatMap((e) => e.visibleRanges);
    if (ranges.length === 0) return;
    let first = Math.min(...ranges.map((r) => r.start.line)) + 1 - PREVIEW_MARGIN;
    let last = Math.max(...ranges.map((r) => r.end.line)) + 1 + PREVIEW_MARGIN;
    if (last - first > PREVIEW_MAX_LINES) {
      first = ranges[0].start.line + 1 - PREVIEW_MARGIN;
      last = ranges[0].end.line + 1 + PREVIEW_MARGIN;
    }
    first = Math.max(1, first);
    last = Math.min(document.lineCount, last);
    // Lines the current index still describes need no preview.
    if (t.index !== undefined && last < t.validBelow) return;
    const p = t.preview;
    if (p !== undefined && p.version === document.version && p.first <= first && p.last >= last) return;
    t.preview = {
      index: buildRangeIndex(documentSource(document), first, last),
      first,
      last,
      version: document.version,
    };
    this.indexedEmitter.fire(document);
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
