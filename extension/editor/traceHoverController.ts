// Extension host: explains the packet line under the mouse (tcpdump / tshark), answering from the trace index.
import * as vscode from 'vscode';
import { traceHoverMarkdown } from '../../core/text/traceHover';
import { Disposable } from '../plumbing/dispose';
import { ProviderWhileSetting } from '../plumbing/providerWhileSetting';
import { hoverEnabled, scannedSelector, uiLang } from '../settings';
import type { DocumentIndexService } from './documentIndexService';
import { HOVER_COMMANDS } from './hoverController';

export class TraceHoverController extends Disposable implements vscode.HoverProvider {
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
    const trace = this.indexes.traceFor(document, line);
    const at = trace?.packetAt(line);
    if (trace === undefined || at === undefined) return undefined;
    const md = new vscode.MarkdownString(
      traceHoverMarkdown({ index: trace, at, uri: document.uri.toString(), lang: uiLang() }),
    );
    // Only the extension's own commands may run from the hover; log text is in code spans.
    md.isTrusted = { enabledCommands: HOVER_COMMANDS };
    md.supportHtml = false;
    md.supportThemeIcons = false;
    return new vscode.Hover(md, document.lineAt(position.line).range);
  }
}
