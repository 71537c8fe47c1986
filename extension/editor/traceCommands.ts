// Extension host: Previous / Next Packet of Connection — from the keyboard and from the diagram's packet buttons.
import * as vscode from 'vscode';
import { Disposable } from '../plumbing/dispose';
import type { DiagramSidebarProvider } from '../sidebar/diagramSidebarProvider';
import type { DocumentIndexService } from './documentIndexService';
import { selectionAt, type SelectionController } from './selectionController';

export class TraceCommands extends Disposable {
  constructor(
    private readonly indexes: DocumentIndexService,
    private readonly selection: SelectionController,
    diagram: DiagramSidebarProvider,
  ) {
    super();
    this.register(vscode.commands.registerCommand('tcpStates.previousPacket', () => this.step(-1)));
    this.register(vscode.commands.registerCommand('tcpStates.nextPacket', () => this.step(1)));
    // The diagram's buttons: focus stays in the sidebar, the editor's cursor moves and the selection follows.
    this.register(diagram.onTraceStep((delta) => void this.stepFromDiagram(delta)));
  }

  /** What the diagram's previous / next packet buttons do: step from the packet the diagram shows. */
  stepFromDiagram(delta: -1 | 1): Promise<number | undefined> {
    return this.step(delta, true);
  }

  /** The editor to step in: the active one when it holds a trace, else the log the sidebar last described. */
  private editor(): vscode.TextEditor | undefined {
    const active = vscode.window.activeTextEditor;
    if (active !== undefined && this.indexes.traceOf(active.document) !== undefined) return active;
    const last = this.selection.logEditor;
    return last !== undefined && vscode.window.visibleTextEditors.includes(last) ? last : undefined;
  }

  /** Moves the cursor to the previous / next packet of the connection under it; resolves to the new line (1-based). */
  private async step(delta: -1 | 1, fromDiagram = false): Promise<number | undefined> {
    const editor = this.editor();
    const trace =
      editor === undefined
        ? undefined
        : await this.indexes.ready(editor.document).then(() => this.indexes.traceOf(editor.document));
    if (editor === undefined || trace === undefined) {
      void vscode.window.showInformationMessage(
        vscode.l10n.t('No packet trace (tcpdump / tshark output) in the active editor.'),
      );
      return undefined;
    }
    // From the diagram, the packet it shows; from the keyboard, the packet under the cursor.
    const shown = this.selection.lastPublished;
    const line = fromDiagram && shown?.trace !== undefined ? shown.line : editor.selection.active.line + 1;
    const here = this.indexes.traceFor(editor.document, line)?.packetAt(line);
    if (here === undefined) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Line {0} is not a packet line.', line));
      return undefined;
    }
    const next = trace.step(here, delta);
    if (next === undefined) {
      void vscode.window.setStatusBarMessage(
        delta > 0
          ? vscode.l10n.t('This is the last packet of the connection.')
          : vscode.l10n.t('This is the first packet of the connection.'),
        3000,
      );
      return undefined;
    }
    const p = next.packet.packet;
    const text = editor.document.lineAt(p.line - 1);
    const start = p.flagsEnd <= text.text.length ? p.flagsStart : 0;
    const pos = new vscode.Position(p.line - 1, start);
    editor.selection = new vscode.Selection(pos, pos);
    editor.revealRange(new vscode.Range(pos, pos), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    // The cursor's own event follows only for the active editor: publish here so the diagram always moves along.
    const selection = selectionAt(this.indexes, editor.document, p.line);
    if (selection !== undefined) this.selection.publish(selection);
    return p.line;
  }
}
