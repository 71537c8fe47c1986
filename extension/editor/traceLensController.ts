// Extension host: a CodeLens per traced connection on its first packet line; clicking it shows it on the diagram.
import * as vscode from 'vscode';
import { connectionLensTitle } from '../../core/text/traceText';
import { escapeIcons } from '../../core/text/markdown';
import { Disposable } from '../plumbing/dispose';
import { ProviderWhileSetting } from '../plumbing/providerWhileSetting';
import { codeLensEnabled, scannedSelector, uiLang } from '../settings';
import type { DocumentIndexService } from './documentIndexService';

/** At most this many lenses in one document: a trace of 10,000 connections needs a filter, not a lens each. */
const MAX_LENSES = 2000;

export class TraceLensController extends Disposable implements vscode.CodeLensProvider {
  private readonly changed = this.register(new vscode.EventEmitter<void>());
  readonly onDidChangeCodeLenses = this.changed.event;

  constructor(private readonly indexes: DocumentIndexService) {
    super();
    this.register(indexes.onDidIndex(() => this.changed.fire()));
    this.register(
      new ProviderWhileSetting(['languages', 'codeLens'], codeLensEnabled, () =>
        vscode.languages.registerCodeLensProvider(scannedSelector(), this),
      ),
    );
  }

  async provideCodeLenses(
    document: vscode.TextDocument,
    token: vscode.CancellationToken,
  ): Promise<vscode.CodeLens[]> {
    if (this.indexes.indexOf(document) === undefined) await this.indexes.ready(document);
    const trace = this.indexes.traceOf(document);
    const index = this.indexes.indexOf(document);
    if (trace === undefined || token.isCancellationRequested || index?.lineCount !== document.lineCount)
      return [];
    const lang = uiLang();
    const uri = document.uri.toString();
    return trace.connections.slice(0, MAX_LENSES).map((c) => {
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
