// Extension host entry: constructs the controllers, registers them, and returns a small API for tests.
import * as vscode from 'vscode';
import { DiagramSidebarProvider, type DiagramStatus } from './sidebar/diagramSidebarProvider';
import { registerCommands } from './commands';
import { registerEditorFeatures, type EditorApi } from './editor/editorFeatures';
import { lastRefusalMessage, registerLiveCommands } from './live/liveCommands';
import { LiveWatchController } from './live/liveWatchController';
import { LargeCaptureController } from './largeFile/largeCaptureController';

/** What `activate` returns; integration tests read it through `extension.exports`. */
export interface TcpStatesApi {
  readonly diagram: {
    status(): DiagramStatus;
    readonly onRendered: DiagramSidebarProvider['onRendered'];
    readonly onHighlighted: DiagramSidebarProvider['onHighlighted'];
    /** A message as if the page had posted it (validated the same way); for tests of what the host does. */
    receiveForTest(raw: unknown): void;
  };
  readonly editor: EditorApi;
  /** The live watch (Watch Connections…): its status and when it stops. */
  readonly live: Pick<LiveWatchController, 'status' | 'onDidStop'> & { lastRefusal(): string | undefined };
  readonly largeCapture: LargeCaptureController;
  /** How long `activate` took, in milliseconds (reported by the integration suite). */
  readonly activationMs: number;
}

export function activate(context: vscode.ExtensionContext): TcpStatesApi {
  const started = performance.now();
  const diagram = new DiagramSidebarProvider(context.extensionUri);
  const editor = registerEditorFeatures(diagram);
  const live = new LiveWatchController();
  const largeCapture = new LargeCaptureController(
    context.asAbsolutePath('dist/largeCaptureWorker.js'),
    diagram,
  );
  context.subscriptions.push(
    live,
    largeCapture,
    ...registerLiveCommands(live),
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
      receiveForTest: (raw) => diagram.receiveForTest(raw),
    },
    editor: editor.api,
    live: { status: () => live.status(), onDidStop: live.onDidStop, lastRefusal: lastRefusalMessage },
    largeCapture,
    activationMs: performance.now() - started,
  };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
