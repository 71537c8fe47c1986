// Extension host: explains the connection line under the mouse, answering from the document index.
import type * as vscode from 'vscode';
import { connectionAtLine } from '../../core/document/connectionAtLine';
import { hoverMarkdown } from '../../core/text/hoverContent';
import { IndexHoverProvider } from './indexBackedProviders';
import { uiLang } from '../settings';

export class HoverController extends IndexHoverProvider {
  protected markdownAt(document: vscode.TextDocument, line: number): string | undefined {
    const index = this.indexes.indexFor(document, line);
    if (index === undefined) return undefined;
    const lang = uiLang();
    const view = connectionAtLine(index, line, lang);
    if (view === undefined) return undefined;
    const text = document.lineAt(line - 1).text;
    const rawState = text.slice(view.entry.stateStart, view.entry.stateEnd) || view.entry.state;
    return hoverMarkdown({ view, rawState, uri: document.uri.toString(), lang, lineText: text });
  }
}
