// Extension host entry: constructs the controllers, registers them, and returns a small API for tests.
import * as vscode from 'vscode';
import { DiagramSidebarProvider, type DiagramStatus } from './sidebar/diagramSidebarProvider';
import { registerCommands } from './commands';
import { registerEditorFeatures, type EditorApi } from './editor/editorFeatures';
import { LargeCaptureController } from './largeFile/largeCaptureController';

/** What `activate` returns; integration tests read it through `extension.exports`. */
export interface TcpStatesApi {
  readonly diagram: {
    status(): DiagramStatus;
    readonly onRendered: DiagramSidebarProvider['onRendered'];
    readonly onHighlighted: DiagramSidebarProvider['onHighlighted'];
  };
  readonly editor: EditorApi;
  readonly largeCapture: LargeCaptureController;
  /** How long `activate` took, in milliseconds (reported by the integration suite). */
  readonly activationMs: number;
}

export function activate(context: vscode.ExtensionContext): TcpStatesApi {
  const started = performance.now();
  const diagram = new DiagramSidebarProvider(context.extensionUri);
  const editor = registerEditorFeatures(diagram);
  const largeCapture = new LargeCaptureController(
    context.asAbsolutePath('dist/largeCaptureWorker.js'),
    diagram,
  );
  context.subscriptions.push(
    largeCapture,
    diagram,
    vscode.window.registerWebviewViewProvider(DiagramSidebarProvider.viewId, diagram),
    ...editor.disposables,
    ...registerCommands(diagram, () => editor.api.stateAtCursor()),
  );
  return {
    diagram: {
      status: () => diagram.status(),
      onRendered: diagram.onRendered,
      onHighlighted: diagram.onHighlighted,
    },
    editor: editor.api,
    largeCapture,
    activationMs: performance.now() - started,
  };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
