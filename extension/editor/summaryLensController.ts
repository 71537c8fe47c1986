// Extension host: a CodeLens with the state counts above each snapshot block; clicking it opens the summary pick.
import * as vscode from 'vscode';
import type { LineIndex } from '../../core/document/lineIndex';
import { countsTitle, snapshotBlocks } from '../../core/document/snapshotBlocks';
import { IndexLensProvider } from './indexBackedProviders';

export class SummaryLensController extends IndexLensProvider {
  protected lensesOf(document: vscode.TextDocument, index: LineIndex, max: number): vscode.CodeLens[] {
    return snapshotBlocks(index)
      .slice(0, max)
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
