// Extension host: explains the connection line under the mouse, answering from the document index.
import * as vscode from 'vscode';
import { uiLang } from '../sidebar/webviewStrings';
import { connectionView } from '../../core/document/connectionAtLine';
import type { DocumentIndexService } from './documentIndexService';
import { hoverEnabled, scannedLanguages } from './editorSettings';
import { hoverMarkdown } from '../../core/text/hoverContent';

/** The only commands a hover link may run. */
export const HOVER_COMMANDS = ['tcpStates.showOnDiagram', 'tcpStates.explainState'];

export class HoverController implements vscode.HoverProvider, vscode.Disposable {
  private registration: vscode.Disposable | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly indexes: DocumentIndexService) {
    this.register();
    this.disposables.push(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (
          e.affectsConfiguration('tcpStates.languages') ||
          e.affectsConfiguration('tcpStates.hover.enabled')
        )
          this.register();
      }),
    );
  }

  private register(): void {
    this.registration?.dispose();
    this.registration = hoverEnabled()
      ? vscode.languages.registerHoverProvider(
          scannedLanguages().map((language) => ({ language })),
          this,
        )
      : undefined;
  }

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const line = position.line + 1;
    const index = this.indexes.indexFor(document, line);
    if (index === undefined) return undefined;
    const lang = uiLang();
    const view = connectionView(index, line, lang);
    if (view === undefined) return undefined;
    const text = document.lineAt(position.line).text;
    const rawState = text.slice(view.entry.stateStart, view.entry.stateEnd) || view.entry.state;
    const md = new vscode.MarkdownString(
      hoverMarkdown({ view, rawState, uri: document.uri.toString(), lang }),
    );
    md.isTrusted = { enabledCommands: HOVER_COMMANDS };
    md.supportHtml = false;
    md.supportThemeIcons = false;
    return new vscode.Hover(md, document.lineAt(position.line).range);
  }

  dispose(): void {
    this.registration?.dispose();
    for (const d of this.disposables) d.dispose();
  }
}
