// Extension host: publishes the connection under the cursor and the active log's counts to the sidebar diagram.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { DiagramSelection } from '../../core/protocol/messages';
import { isTcpState, type TcpState } from '../../core/tcp/types';
import { connectionAtLine, toDiagramSelection } from '../../core/document/connectionAtLine';
import { snapshotTimeline } from '../../core/document/snapshotTimeline';
import { traceSelection } from '../../core/document/traceSelection';
import { Debouncer } from '../plumbing/debounce';
import { Disposable } from '../plumbing/dispose';
import { uiLang } from '../settings';
import type { DiagramSidebarProvider } from '../sidebar/diagramSidebarProvider';
import type { DocumentIndexService } from './documentIndexService';
import { pickLineOfState } from './summaryPicker';

const SELECTION_DEBOUNCE_MS = 75;

/** The connection on a 1-based line of a document, as the diagram draws it; undefined off connection lines. */
export function selectionAt(
  indexes: DocumentIndexService,
  document: vscode.TextDocument,
  line: number,
): DiagramSelection | undefined {
  const trace = indexes.traceFor(document, line);
  const packet = trace?.packetAt(line);
  if (trace !== undefined && packet !== undefined) return traceSelection(trace, packet, uiLang());
  const index = indexes.indexFor(document, line);
  const view = index === undefined ? undefined : connectionAtLine(index, line, uiLang());
  if (view === undefined) return undefined;
  const rawState =
    document.lineAt(line - 1).text.slice(view.entry.stateStart, view.entry.stateEnd) || view.entry.state;
  return toDiagramSelection(view, rawState);
}

export class SelectionController extends Disposable {
  private readonly cursorMovedLater = this.register(
    new Debouncer(SELECTION_DEBOUNCE_MS, () => this.cursorMoved()),
  );
  /** The last log editor, so "Find in log" from the sidebar still knows where to look after focus moved there. */
  private lastLogEditor: vscode.TextEditor | undefined;
  private published: DiagramSelection | null = null;
  private onPacketLine = false;

  constructor(
    private readonly indexes: DocumentIndexService,
    private readonly diagram: DiagramSidebarProvider,
  ) {
    super();
    this.register(
      vscode.window.onDidChangeTextEditorSelection((e) => {
        if (e.textEditor === vscode.window.activeTextEditor) this.cursorMovedLater.schedule();
      }),
    );
    this.register(vscode.window.onDidChangeActiveTextEditor((editor) => this.activeChanged(editor)));
    this.register(
      indexes.onDidIndex((document) => {
        if (document === vscode.window.activeTextEditor?.document)
          this.activeChanged(vscode.window.activeTextEditor);
      }),
    );
    this.register(
      diagram.onFindInLog((state) => {
        if (isTcpState(state)) void this.findInLog(state);
      }),
    );
    this.register(diagram.onRevealSnapshot((line) => void this.revealSnapshot(line)));
    this.activeChanged(vscode.window.activeTextEditor);
  }

  /** The log editor the sidebar last described (the active one, or the last before focus moved to the sidebar). */
  get logEditor(): vscode.TextEditor | undefined {
    return this.lastLogEditor;
  }

  /** The selection last sent to the sidebar (tests). */
  get lastPublished(): DiagramSelection | null {
    return this.published;
  }

  /** Sends a selection now (the Show on Diagram command). */
  publish(selection: DiagramSelection | null): void {
    this.published = selection;
    this.diagram.setSelection(selection);
  }

  private activeChanged(editor: vscode.TextEditor | undefined): void {
    // A webview, terminal, output panel or the sidebar itself took focus: keep what the sidebar shows.
    if (editor === undefined || editor.document.uri.scheme === 'output') return;
    const index = this.indexes.indexOf(editor.document);
    const hasTrace = this.indexes.traceOf(editor.document) !== undefined;
    const isLog = index !== undefined && (index.recordCount > 0 || hasTrace);
    void vscode.commands.executeCommand('setContext', 'tcpStates.isConnectionLog', isLog);
    void vscode.commands.executeCommand('setContext', 'tcpStates.isPacketTrace', hasTrace);
    if (!hasTrace && this.onPacketLine) {
      this.onPacketLine = false;
      void vscode.commands.executeCommand('setContext', 'tcpStates.onPacketLine', false);
    }
    if (!isLog) {
      // Another text editor: the log's counts and connection no longer describe what the user looks at.
      if (this.lastLogEditor !== undefined) {
        this.lastLogEditor = undefined;
        this.diagram.setCounts(null, null);
        this.diagram.setTimeline(null);
        if (this.published !== null) this.publish(null);
      }
      return;
    }
    this.lastLogEditor = editor;
    const source = path.basename(editor.document.uri.path) || editor.document.uri.toString();
    this.diagram.setCounts(index.currentCounts().counts, source);
    this.diagram.setTimeline(snapshotTimeline(index, source));
    this.cursorMovedLater.schedule();
  }

  private cursorMoved(): void {
    const editor = vscode.window.activeTextEditor;
    if (editor === undefined) return;
    const hasTrace = this.indexes.traceOf(editor.document) !== undefined;
    if (!this.indexes.isConnectionLog(editor.document) && !hasTrace) return;
    const line = editor.selection.active.line + 1;
    const onPacket = this.indexes.traceFor(editor.document, line)?.packetAt(line) !== undefined;
    if (onPacket !== this.onPacketLine) {
      this.onPacketLine = onPacket;
      void vscode.commands.executeCommand('setContext', 'tcpStates.onPacketLine', onPacket);
    }
    const selection = selectionAt(this.indexes, editor.document, line);
    // Off a connection line (header, timestamp, blank): keep the last connection on the diagram.
    if (selection === undefined) return;
    if (this.published?.line === selection.line && this.published.caption === selection.caption) return;
    this.publish(selection);
  }

  /** The chart's click: the snapshot's timestamp line, revealed and selected in the log it came from. */
  private async revealSnapshot(line: number): Promise<void> {
    const active = vscode.window.activeTextEditor;
    const editor =
      active !== undefined && active === this.lastLogEditor
        ? active
        : this.lastLogEditor !== undefined && !this.lastLogEditor.document.isClosed
          ? await vscode.window.showTextDocument(this.lastLogEditor.document, {
              viewColumn: this.lastLogEditor.viewColumn,
              preserveFocus: true,
            })
          : undefined;
    if (editor === undefined || line > editor.document.lineCount) return;
    const at = new vscode.Position(line - 1, 0);
    editor.selection = new vscode.Selection(at, at);
    editor.revealRange(new vscode.Range(at, at), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }

  private async findInLog(state: TcpState): Promise<void> {
    const editor =
      vscode.window.visibleTextEditors.find((e) => e === this.lastLogEditor) ??
      (this.lastLogEditor !== undefined && !this.lastLogEditor.document.isClosed
        ? await vscode.window.showTextDocument(this.lastLogEditor.document, { preserveFocus: false })
        : undefined);
    const index = editor === undefined ? undefined : this.indexes.indexOf(editor.document);
    if (editor === undefined || index === undefined) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Open a connection log first.'));
      return;
    }
    await vscode.window.showTextDocument(editor.document, {
      viewColumn: editor.viewColumn,
      preserveFocus: false,
    });
    await pickLineOfState(editor, index, state);
  }
}
