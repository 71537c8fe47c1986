// Extension host: explains the connection line under the mouse, answering from the document index.
import * as vscode from 'vscode';
import { connectionAtLine } from '../../core/document/connectionAtLine';
import { hoverMarkdown } from '../../core/text/hoverContent';
import { Disposable } from '../plumbing/dispose';
import { ProviderWhileSetting } from '../plumbing/providerWhileSetting';
import { hoverEnabled, scannedSelector, uiLang } from '../settings';
import type { DocumentIndexService } from './documentIndexService';

/** The only commands a hover link may run. */
export const HOVER_COMMANDS = ['tcpStates.showOnDiagram', 'tcpStates.explainState'];

export class HoverController extends Disposable implements vscode.HoverProvider {
  constructor(private readonly indexes: DocumentIndexService) {
    super();
    this.register(
      new ProviderWhileSetting(['languages', 'hover'], hoverEnabled, () =>
        vscode.languages.registerHoverProvider(scannedSelector(), this),
      ),
    );
  }

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const line = position.line + 1;
    const index = this.indexes.indexFor(document, line);
    if (index === undefined) return undefined;
    const lang = uiLang();
    const view = connectionAtLine(index, line, lang);
    if (view === undefined) return undefined;
    const text = document.lineAt(position.line).text;
    const rawState = text.slice(view.entry.stateStart, view.entry.stateEnd) || view.entry.state;
    const md = new vscode.MarkdownString(
      hoverMarkdown({ view, rawState, uri: document.uri.toString(), lang, lineText: text }),
    );
    md.isTrusted = { enabledCommands: HOVER_COMMANDS };
    md.supportHtml = false;
    md.supportThemeIcons = false;
    return new vscode.Hover(md, document.lineAt(position.line).range);
  }
}
