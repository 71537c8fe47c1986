// Extension host: a CodeLens per traced connection on its first packet line; clicking it shows it on the diagram.
import * as vscode from 'vscode';
import { connectionLensTitle } from '../../core/text/traceText';
import { escapeIcons } from '../../core/text/markdown';
import { IndexLensProvider } from './indexBackedProviders';
import { uiLang } from '../settings';

export class TraceLensController extends IndexLensProvider {
  protected lensesOf(document: vscode.TextDocument, _index: unknown, max: number): vscode.CodeLens[] {
    const trace = this.indexes.traceOf(document);
    if (trace === undefined) return [];
    const lang = uiLang();
    const uri = document.uri.toString();
    return trace.connections.slice(0, max).map((c) => {
      const line = trace.packetOf(c, 0).packet.line;
      const range = new vscode.Range(line - 1, 0, line - 1, 0);
      return new vscode.CodeLens(range, {
        // Endpoints come from the log: a `$(` must not render as an icon.
        title: `$(arrow-swap) ${escapeIcons(connectionLensTitle(trace, c, lang))}`,
        tooltip: vscode.l10n.t('Show this connection on the diagram'),
        command: 'tcpStates.showOnDiagram',
        arguments: [uri, line],
      });
    });
  }
}
