// Extension host: the one way an editor feature answers from the document index — CodeLens providers refreshed
// on each index, hover providers with the extension's trusted commands, both registered while their setting is on.
import * as vscode from 'vscode';
import type { LineIndex } from '../../core/document/lineIndex';
import type { DocumentIndexService } from './documentIndexService';
import { codeLensEnabled, hoverEnabled, scannedSelector } from '../settings';
import { Disposable } from '../plumbing/dispose';
import { ProviderWhileSetting } from '../plumbing/providerWhileSetting';

/** The only commands a hover link may run. */
export const HOVER_COMMANDS = ['tcpStates.showOnDiagram', 'tcpStates.explainState'];

/**
 * At most this many lenses in one document: a 3,600-snapshot capture needs a summary, not a lens per second, and a
 * trace of 10,000 connections a filter, not a lens each.
 */
const MAX_LENSES = 2000;

/**
 * Base of a CodeLens provider on the scanned documents: its lenses are asked again whenever an index lands, and
 * `lensesOf` is asked only once the document's whole index is there and matches its lines.
 */
export abstract class IndexLensProvider extends Disposable implements vscode.CodeLensProvider {
  private readonly changed = this.register(new vscode.EventEmitter<void>());
  readonly onDidChangeCodeLenses = this.changed.event;

  constructor(protected readonly indexes: DocumentIndexService) {
    super();
    this.register(indexes.onDidIndex(() => this.changed.fire()));
    this.register(
      new ProviderWhileSetting(['languages', 'codeLens'], codeLensEnabled, () =>
        vscode.languages.registerCodeLensProvider(scannedSelector(), this),
      ),
    );
  }

  /** At most `max` lenses of the document, from its whole index. */
  protected abstract lensesOf(
    document: vscode.TextDocument,
    index: LineIndex,
    max: number,
  ): vscode.CodeLens[];

  async provideCodeLenses(
    document: vscode.TextDocument,
    token: vscode.CancellationToken,
  ): Promise<vscode.CodeLens[]> {
    // Just opened: wait for the first index rather than answering empty and making the user scroll.
    if (this.indexes.indexOf(document) === undefined) await this.indexes.ready(document);
    const index = this.indexes.indexOf(document);
    if (index === undefined || token.isCancellationRequested || index.lineCount !== document.lineCount)
      return [];
    return this.lensesOf(document, index, MAX_LENSES);
  }
}

/** Base of a hover provider on the scanned documents: `markdownAt` writes the hover of a line, or none. */
export abstract class IndexHoverProvider extends Disposable implements vscode.HoverProvider {
  constructor(protected readonly indexes: DocumentIndexService) {
    super();
    this.register(
      new ProviderWhileSetting(['languages', 'hover'], hoverEnabled, () =>
        vscode.languages.registerHoverProvider(scannedSelector(), this),
      ),
    );
  }

  /** The hover's markdown for the 1-based `line`, or undefined for none. */
  protected abstract markdownAt(document: vscode.TextDocument, line: number): string | undefined;

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const markdown = this.markdownAt(document, position.line + 1);
    if (markdown === undefined) return undefined;
    const md = new vscode.MarkdownString(markdown);
    // Only the extension's own commands may run from the hover; log text is in code spans.
    md.isTrusted = { enabledCommands: HOVER_COMMANDS };
    md.supportHtml = false;
    md.supportThemeIcons = false;
    return new vscode.Hover(md, document.lineAt(position.line).range);
  }
}
