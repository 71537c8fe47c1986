// Extension host: the editor commands — go to next connection in a state, show on diagram, copy and show the summary.
import * as vscode from 'vscode';
import { focusDiagram } from '../commands';
import { groupDigits } from '../../core/analysis/findingText';
import { formatSummaryText } from '../../core/analysis/summaryText';
import type { DiagramSelection } from '../../core/protocol/messages';
import { stateReference } from '../../core/tcp/stateReference';
import { isTcpState, TCP_STATES, type TcpState } from '../../core/tcp/types';
import { Disposable } from '../plumbing/dispose';
import { uiLang } from '../settings';
import type { DocumentIndexService } from './documentIndexService';
import type { LineIndex } from '../../core/document/lineIndex';
import { selectionAt, type SelectionController } from './selectionController';
import { snapshotBlocks } from '../../core/document/snapshotBlocks';
import { revealLine, showSummaryPick } from './summaryPicker';

interface LogTarget {
  readonly editor: vscode.TextEditor;
  readonly index: LineIndex;
}

export class EditorCommands extends Disposable {
  constructor(
    private readonly indexes: DocumentIndexService,
    private readonly selection: SelectionController,
  ) {
    super();
    for (const command of [
      vscode.commands.registerCommand('tcpStates.goToNextState', (state?: unknown) => this.goToNext(state)),
      vscode.commands.registerCommand('tcpStates.showOnDiagram', (uri?: unknown, line?: unknown) =>
        this.showOnDiagram(uri, line),
      ),
      vscode.commands.registerCommand('tcpStates.copySummary', (uri?: unknown) => this.copySummary(uri)),
      vscode.commands.registerCommand('tcpStates.showSummary', (uri?: unknown, snapshot?: unknown) =>
        this.showSummary(uri, snapshot),
      ),
    ])
      this.register(command);
  }

  /** The log to act on: the document named by `uri` (opening it if needed), else the active editor. */
  private async target(uri: unknown): Promise<LogTarget | undefined> {
    let editor = vscode.window.activeTextEditor;
    if (typeof uri === 'string' && uri !== editor?.document.uri.toString()) {
      editor = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri);
      editor ??= await vscode.window.showTextDocument(vscode.Uri.parse(uri), { preserveFocus: false });
    }
    const index = editor === undefined ? undefined : await this.indexes.ready(editor.document);
    const hasTrace = editor !== undefined && this.indexes.traceOf(editor.document) !== undefined;
    if (editor === undefined || index === undefined || (index.recordCount === 0 && !hasTrace)) {
      void vscode.window.showInformationMessage(
        vscode.l10n.t('No connection lines (ss / netstat output) in the active editor.'),
      );
      return undefined;
    }
    return { editor, index };
  }

  /** Jumps to the next line in `state` after the cursor, wrapping; asks for the state when not given. */
  private async goToNext(stateArg: unknown): Promise<number | undefined> {
    const t = await this.target(undefined);
    if (t === undefined) return undefined;
    let state: TcpState | undefined = isTcpState(stateArg) ? stateArg : undefined;
    if (state === undefined) {
      const counts = t.index.facts.counts;
      const lang = uiLang();
      const picked = await vscode.window.showQuickPick(
        TCP_STATES.filter((s) => (counts[s] ?? 0) > 0).map((s) => ({
          label: s,
          description: groupDigits(counts[s] ?? 0),
          detail: stateReference(s).short[lang],
          state: s,
        })),
        { placeHolder: vscode.l10n.t('Go to the next connection in which state?'), matchOnDetail: true },
      );
      state = picked?.state;
    }
    if (state === undefined) return undefined;
    const line = t.index.nextLineInState(state, t.editor.selection.active.line + 1);
    if (line === undefined) {
      void vscode.window.showInformationMessage(vscode.l10n.t('No connection in {0} here.', state));
      return undefined;
    }
    revealLine(t.editor, t.index, line);
    return line;
  }

  /** Reveals the sidebar and draws the connection on `line` (1-based) of `uri`, or the one under the cursor. */
  private async showOnDiagram(uri: unknown, lineArg: unknown): Promise<DiagramSelection | undefined> {
    const t = await this.target(uri);
    if (t === undefined) return undefined;
    const line =
      typeof lineArg === 'number' && Number.isInteger(lineArg) ? lineArg : t.editor.selection.active.line + 1;
    const selection = selectionAt(this.indexes, t.editor.document, line);
    if (selection === undefined) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Line {0} is not a connection line.', line));
      return undefined;
    }
    await focusDiagram();
    this.selection.publish(selection);
    return selection;
  }

  private async copySummary(uri: unknown): Promise<string | undefined> {
    const t = await this.target(uri);
    if (t === undefined) return undefined;
    const text = formatSummaryText(t.index.summary(), t.index.facts.findings, uiLang());
    await vscode.env.clipboard.writeText(text);
    void vscode.window.setStatusBarMessage(vscode.l10n.t('Connection summary copied.'), 3000);
    return text;
  }

  private async showSummary(uri: unknown, snapshot: unknown): Promise<number | undefined> {
    const t = await this.target(uri);
    if (t === undefined) return undefined;
    const blocks = snapshotBlocks(t.index);
    // No block named (status bar, palette): a time series is summarised on its last snapshot, like the status bar.
    const block =
      typeof snapshot === 'number'
        ? blocks.find((b) => b.snapshot === snapshot)
        : blocks.length > 1
          ? blocks[blocks.length - 1]
          : undefined;
    return showSummaryPick(t.editor, t.index, block);
  }
}
