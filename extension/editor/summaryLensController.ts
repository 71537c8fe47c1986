// Extension host: a CodeLens with the state counts above each snapshot block; clicking it opens the summary pick.
import * as vscode from 'vscode';
import { countsTitle, snapshotBlocks } from '../../core/document/snapshotBlocks';
import { Disposable } from '../plumbing/dispose';
import { ProviderWhileSetting } from '../plumbing/providerWhileSetting';
import { codeLensEnabled, scannedSelector } from '../settings';
import type { DocumentIndexService } from './documentIndexService';

/** At most this many lenses in one document: a 3,600-snapshot capture needs a summary, not a lens per second. */
const MAX_LENSES = 2000;

export class SummaryLensController extends Disposable implements vscode.CodeLensProvider {
  private readonly changed = this.register(new vscode.EventEmitter<void>());
  readonly onDidChangeCodeLenses = this.changed.event;

  constructor(private readonly indexes: DocumentIndexService) {
    super();
    this.register(indexes.onDidIndex(() => this.changed.fire()));
    this.register(
      new ProviderWhileSetting(['languages', 'codeLens'], codeLensEnabled, () =>
        vscode.languages.registerCodeLensProvider(scannedSelector(), this),
      ),
    );
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
}
