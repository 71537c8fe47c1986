// Extension host: explains the packet line under the mouse (tcpdump / tshark), answering from the trace index.
import type * as vscode from 'vscode';
import { traceHoverMarkdown } from '../../core/text/traceHover';
import { IndexHoverProvider } from './indexBackedProviders';
import { uiLang } from '../settings';

export class TraceHoverController extends IndexHoverProvider {
  protected markdownAt(document: vscode.TextDocument, line: number): string | undefined {
    const trace = this.indexes.traceFor(document, line);
    const at = trace?.packetAt(line);
    if (trace === undefined || at === undefined) return undefined;
    return traceHoverMarkdown({ index: trace, at, uri: document.uri.toString(), lang: uiLang() });
  }
}
