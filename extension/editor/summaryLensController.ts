// Extension host: a CodeLens with the state counts above each snapshot block; clicking it opens the summary pick.
import * as vscode from 'vscode';
import type { DocumentIndexService } from './documentIndexService';
import { codeLensEnabled, scannedLanguages } from './editorSettings';
import { countsTitle, snapshotBlocks } from '../../core/document/snapshotBlocks';

/** At most this many lenses in one document: a 3,600-snapshot capture needs a summary, not a lens per second. */
const MAX_LENSES = 2000;

export class SummaryLensController implements vscode.CodeLensProvider, vscode.Disposable {
  private registration: vscode.Disposable | undefined;
  private readonly changed = new vscode.EventEmitter<void>();
  private readonly disposables: vscode.Disposable[] = [];
  readonly onDidChangeCodeLenses = this.changed.event;

  constructor(private readonly indexes: DocumentIndexService) {
    this.register();
    this.disposables.push(
      this.changed,
      indexes.onDidIndex(() => this.changed.fire()),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (
          e.affectsConfiguration('tcpStates.languages') ||
          e.affectsConfiguration('tcpStates.codeLens.enabled')
        )
          this.register();
      }),
    );
  }

  private register(): void {
    this.registration?.dispose();
    this.registration = codeLensEnabled()
      ? vscode.languages.registerCodeLensProvider(
          scannedLanguages().map((language) => ({ language })),
          this,
        )
      : undefined;
  }

  async provideCodeLenses(
    document: vscode.TextDocument,
    token: vscode.CancellationToken,
  ): Promise<vscode.CodeLens[]> {
    // Just opened: wait for the first index rather than answering empty and making the user scroll.
    const index = this.indexes.indexOf(document) ?? (await this.indexes.ready(document));
    if (index === undefined || token.isCancellationRequested || index.lineCount !== document.lineCount)
      return [];
    return snapshotBlocks(index)
      .slice(0, MAX_LENSES)
      .map((block) => {
        const range = new vscode.Range(block.line - 1, 0, block.line - 1, 0);
        return new vscode.CodeLens(range, {
          title: `$(pulse) ${countsTitle(block.counts, block.warned)}`,
          tooltip: vscode.l10n.t('Show the connections of this block by state'),
          command: 'tcpStates.showSummary',
          arguments: [document.uri.toString(), block.snapshot ?? null],
        });
      });
  }

  dispose(): void {
    this.registration?.dispose();
    for (const d of this.disposables) d.dispose();
  }
}
