// Extension host: keeps one LineIndex per scanned document, rebuilt in slices after edits, for every editor feature.
import * as vscode from 'vscode';
import type { LineIndex } from '../../core/document/lineIndex';
import { buildLineIndex, type Scheduler } from '../../core/document/lineIndexBuilder';

/** setImmediate, not setTimeout(0): the latter adds ≥ 1 ms to every slice. */
const HOST_SCHEDULER: Scheduler = {
  now: () => performance.now(),
  yieldToEventLoop: () => new Promise((resolve) => setImmediate(resolve)),
};
import { diagnosisOptions, scannedLanguages } from './editorSettings';

/** Documents from these schemes are never scanned: output channels, SCM views and diff sides are not logs. */
const SKIPPED_SCHEMES = new Set(['output', 'git', 'vscode-scm', 'debug', 'vscode-terminal', 'comment']);
const EDIT_DEBOUNCE_MS = 150;

interface Tracked {
  readonly document: vscode.TextDocument;
  index?: LineIndex;
  /** 1-based: lines of `index` below this are still true after the edits made since it was built. */
  validBelow: number;
  build?: { readonly version: number; cancelled: boolean; readonly done: Promise<LineIndex | undefined> };
  timer?: ReturnType<typeof setTimeout>;
}

export class DocumentIndexService implements vscode.Disposable {
  private readonly tracked = new Map<string, Tracked>();
  private readonly disposables: vscode.Disposable[] = [];
  private readonly indexedEmitter = new vscode.EventEmitter<vscode.TextDocument>();
  /** A document's index was replaced (built, rebuilt or dropped). */
  readonly onDidIndex = this.indexedEmitter.event;

  constructor() {
    this.disposables.push(
      this.indexedEmitter,
      vscode.workspace.onDidOpenTextDocument((d) => this.consider(d)),
      vscode.workspace.onDidCloseTextDocument((d) => this.drop(d)),
      vscode.workspace.onDidChangeTextDocument((e) => this.edited(e)),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('tcpStates.languages') || e.affectsConfiguration('tcpStates.diagnostics'))
          this.reconsiderAll();
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

  /** True when the document is scanned and has connection lines. */
  isConnectionLog(document: vscode.TextDocument): boolean {
    return (this.indexOf(document)?.recordCount ?? 0) > 0;
  }

  /** Waits for the build in flight (tests, commands run right after opening a file). */
  async ready(document: vscode.TextDocument): Promise<LineIndex | undefined> {
    const t = this.tracked.get(document.uri.toString());
    if (t === undefined) return undefined;
    if (t.timer !== undefined) this.rebuild(t);
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
      t = { document, validBelow: 0 };
      this.tracked.set(key, t);
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
    if (t.timer !== undefined) clearTimeout(t.timer);
    t.timer = setTimeout(() => this.rebuild(t), EDIT_DEBOUNCE_MS);
  }

  private rebuild(t: Tracked): void {
    if (t.timer !== undefined) clearTimeout(t.timer);
    t.timer = undefined;
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
    build.done = buildLineIndex(source, {
      scheduler: HOST_SCHEDULER,
      diagnosis: diagnosisOptions(),
      isCancelled: () => build.cancelled || document.isClosed || document.version !== version,
    }).then((index) => {
      if (t.build === build) t.build = undefined;
      if (index === undefined || this.tracked.get(document.uri.toString()) !== t) return undefined;
      t.index = index;
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
    if (t.timer !== undefined) clearTimeout(t.timer);
    this.tracked.delete(key);
    this.indexedEmitter.fire(document);
  }

  dispose(): void {
    for (const t of this.tracked.values()) {
      if (t.build !== undefined) t.build.cancelled = true;
      if (t.timer !== undefined) clearTimeout(t.timer);
    }
    this.tracked.clear();
    for (const d of this.disposables) d.dispose();
  }
}
