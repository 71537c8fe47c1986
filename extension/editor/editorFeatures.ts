// Extension host: constructs the editor controllers (index, decorations, hover, CodeLens, status bar, problems, selection, commands).
import * as vscode from 'vscode';
import type { DiagramSelection } from '../../core/protocol/messages';
import type { TcpState } from '../../core/tcp/types';
import type { DiagramSidebarProvider } from '../sidebar/diagramSidebarProvider';
import { DecorationController, type DecoratedLines } from './decorationController';
import { DiagnosticsController } from './diagnosticsController';
import { DocumentIndexService } from './documentIndexService';
import { EditorCommands } from './editorCommands';
import { EncodingNotice } from './encodingNotice';
import { HoverController } from './hoverController';
import { SelectionController } from './selectionController';
import { StatusBarController } from './statusBarController';
import { SummaryLensController } from './summaryLensController';
import { TraceCommands } from './traceCommands';
import { TraceDecorationController, type DecoratedPackets } from './traceDecorationController';
import { TraceHoverController } from './traceHoverController';
import { TraceLensController } from './traceLensController';

/** What the integration tests can see of the editor features. */
export interface EditorApi {
  /** Waits until the document is indexed; resolves to its number of connection lines (0 when none or not scanned). */
  indexed(document: vscode.TextDocument): Promise<number>;
  /** Lines (1-based) carrying state colours / inline meaning in the visible editor of `uri`, after a re-decorate. */
  decoratedLines(uri: vscode.Uri): DecoratedLines;
  /** Waits until the document is indexed; resolves to its number of packet lines (tcpdump / tshark). */
  packets(document: vscode.TextDocument): Promise<number>;
  /** Lines (1-based) whose flags are coloured / that carry a packet's inline meaning in the visible editor of `uri`. */
  decoratedPackets(uri: vscode.Uri): DecoratedPackets;
  /** Does what the diagram's previous (-1) / next (+1) packet button does; resolves to the cursor's new line. */
  traceStep(delta: -1 | 1): Promise<number | undefined>;
  /** The connection last published to the sidebar. */
  lastSelection(): DiagramSelection | null;
  /** The status bar text, when shown. */
  statusBarText(): string | undefined;
  /** Whether the document's whole index has landed (before it, only the visible lines are indexed). */
  wholeIndexReady(document: vscode.TextDocument): boolean;
  /** The state on a 1-based line of a document, if it is a connection line. */
  stateAt(document: vscode.TextDocument, line: number): TcpState | undefined;
  /** The state of the connection line under the active editor's cursor (a default for Explain State). */
  stateAtCursor(): TcpState | undefined;
}

export function registerEditorFeatures(diagram: DiagramSidebarProvider): {
  disposables: vscode.Disposable[];
  api: EditorApi;
} {
  const indexes = new DocumentIndexService();
  const decorations = new DecorationController(indexes);
  const traceDecorations = new TraceDecorationController(indexes);
  const selection = new SelectionController(indexes, diagram);
  const statusBar = new StatusBarController(indexes);
  const traceCommands = new TraceCommands(indexes, selection, diagram);
  const api: EditorApi = {
    indexed: async (document) => (await indexes.ready(document))?.recordCount ?? 0,
    packets: async (document) => {
      await indexes.ready(document);
      return indexes.traceOf(document)?.packetCount ?? 0;
    },
    decoratedPackets: (uri) => traceDecorations.decoratedPackets(uri),
    traceStep: (delta) => traceCommands.stepFromDiagram(delta),
    decoratedLines: (uri) => {
      decorations.flush();
      return decorations.decoratedLines(uri);
    },
    lastSelection: () => selection.lastPublished,
    statusBarText: () => statusBar.text,
    wholeIndexReady: (document) => indexes.indexOf(document) !== undefined,
    stateAt: (document, line) => indexes.indexFor(document, line)?.stateAt(line),
    stateAtCursor: () => {
      const editor = vscode.window.activeTextEditor;
      const line = (editor?.selection.active.line ?? -1) + 1;
      return editor === undefined ? undefined : indexes.indexFor(editor.document, line)?.stateAt(line);
    },
  };
  return {
    disposables: [
      indexes,
      decorations,
      traceDecorations,
      new HoverController(indexes),
      new TraceHoverController(indexes),
      new SummaryLensController(indexes),
      new TraceLensController(indexes),
      statusBar,
      new DiagnosticsController(indexes),
      selection,
      new EditorCommands(indexes, selection),
      traceCommands,
      new EncodingNotice(),
    ],
    api,
  };
}
