// Extension host: the state counts of the active connection log in the status bar; clicking opens the summary pick.
import * as vscode from 'vscode';
import { countsTitle } from '../../core/document/snapshotBlocks';
import { Disposable } from '../plumbing/dispose';
import { onDidChangeSettings, statusBarEnabled } from '../settings';
import type { DocumentIndexService } from './documentIndexService';

/** States shown in the bar itself; the tooltip has them all. */
const SHOWN_STATES = 3;

export class StatusBarController extends Disposable {
  private readonly item = this.register(
    vscode.window.createStatusBarItem('tcpStates.counts', vscode.StatusBarAlignment.Right, 100),
  );
  private visible = false;

  constructor(private readonly indexes: DocumentIndexService) {
    super();
    this.item.name = vscode.l10n.t('TCP States: connection counts');
    this.item.command = 'tcpStates.showSummary';
    this.register(indexes.onDidIndex(() => this.update()));
    this.register(vscode.window.onDidChangeActiveTextEditor(() => this.update()));
    this.register(
      onDidChangeSettings((change) => {
        if (change.affects('statusBar')) this.update();
      }),
    );
    this.update();
  }

  /** The text shown now (tests). */
  get text(): string | undefined {
    return statusBarEnabled() && this.visible ? this.item.text : undefined;
  }

  private update(): void {
    const editor = vscode.window.activeTextEditor;
    const index = editor === undefined ? undefined : this.indexes.indexOf(editor.document);
    if (!statusBarEnabled() || index === undefined || index.recordCount === 0) {
      this.visible = false;
      this.item.hide();
      return;
    }
    const { counts, snapshot } = index.currentCounts();
    const warned = index.facts.findings.flatMap((f) => (f.state !== undefined ? [f.state] : []));
    const full = countsTitle(counts, warned);
    const parts = full.split(' · ');
    this.item.text = `$(pulse) ${parts.slice(0, SHOWN_STATES).join(' · ')}${parts.length > SHOWN_STATES ? ' …' : ''}`;
    const scope =
      snapshot !== undefined
        ? vscode.l10n.t('Last snapshot ({0} of {1})', snapshot + 1, index.facts.snapshotCounts.length)
        : vscode.l10n.t('Whole file');
    const tip = new vscode.MarkdownString();
    tip.appendText(`${scope}: ${full}`);
    tip.appendMarkdown('\n\n');
    tip.appendText(vscode.l10n.t('Click to list the connections by state.'));
    this.item.tooltip = tip;
    this.visible = true;
    this.item.show();
  }
}
