// Extension host: the palette commands that belong to the diagram (editor commands live with their controllers).
import * as vscode from 'vscode';
import { TCP_STATES, isTcpState, type TcpState } from '../core/tcp/types';
import { stateReference } from '../core/tcp/stateReference';
import { uiLang } from './settings';
import type { DiagramSidebarProvider } from './sidebar/diagramSidebarProvider';

export async function focusDiagram(): Promise<void> {
  await vscode.commands.executeCommand('tcpStates.diagram.focus');
}

/**
 * Quick pick of every state with its one-line meaning (the state under the cursor first and preselected);
 * opens the state's card in the sidebar.
 */
export async function explainState(
  diagram: DiagramSidebarProvider,
  preset?: TcpState,
  atCursor?: TcpState,
): Promise<TcpState | undefined> {
  const lang = uiLang();
  let state = preset;
  if (!state) {
    const order = atCursor ? [atCursor, ...TCP_STATES.filter((s) => s !== atCursor)] : TCP_STATES;
    const picked = await vscode.window.showQuickPick(
      order.map((s) => ({
        label: s,
        description: stateReference(s).short[lang],
        detail: s === atCursor ? vscode.l10n.t('The state of the connection under the cursor') : undefined,
        state: s,
      })),
      { placeHolder: vscode.l10n.t('Which TCP state?'), matchOnDescription: true },
    );
    state = picked?.state;
  }
  if (!state) return undefined;
  await focusDiagram();
  diagram.showCard({ kind: 'state', state });
  return state;
}

export function registerCommands(
  diagram: DiagramSidebarProvider,
  stateAtCursor: () => TcpState | undefined,
): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('tcpStates.focusDiagram', focusDiagram),
    vscode.commands.registerCommand('tcpStates.explainState', (s?: unknown) =>
      explainState(diagram, isTcpState(s) ? s : undefined, stateAtCursor()),
    ),
    vscode.commands.registerCommand('tcpStates.diagram.zoomIn', () => diagram.zoom('in')),
    vscode.commands.registerCommand('tcpStates.diagram.zoomOut', () => diagram.zoom('out')),
    vscode.commands.registerCommand('tcpStates.diagram.fit', () => diagram.zoom('fit')),
  ];
}
