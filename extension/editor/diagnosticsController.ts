// Extension host: the diagnosis of a connection log as Problems on its evidence lines, with an "Explain <STATE>" quick fix.
import * as vscode from 'vscode';
import type { Finding, Severity } from '../../core/analysis/diagnosis';
import type { LineIndex } from '../../core/document/lineIndex';
import { Disposable } from '../plumbing/dispose';
import { ProviderWhileSetting } from '../plumbing/providerWhileSetting';
import { diagnosticsEnabled, onDidChangeSettings, scannedSelector, uiLang } from '../settings';
import type { DocumentIndexService } from './documentIndexService';
import { traceDiagnostics } from './traceDiagnostics';

export const DIAGNOSTIC_SOURCE = 'TCP States';

const SEVERITY: Readonly<Record<Severity, vscode.DiagnosticSeverity>> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
};

function rangeOf(document: vscode.TextDocument, index: LineIndex, line: number): vscode.Range {
  const text = document.lineAt(line - 1);
  const entry = index.entryAt(line);
  // The state text when the line is a connection; the whole line for kernel messages.
  if (entry !== undefined && entry.stateEnd <= text.text.length)
    return new vscode.Range(line - 1, entry.stateStart, line - 1, entry.stateEnd);
  return text.range;
}

export function findingDiagnostics(
  document: vscode.TextDocument,
  index: LineIndex,
  findings: readonly Finding[],
): vscode.Diagnostic[] {
  const lang = uiLang();
  const out: vscode.Diagnostic[] = [];
  for (const f of findings) {
    const message = `${f.title[lang]}: ${f.message[lang]}`;
    for (const line of f.lines) {
      if (line < 1 || line > document.lineCount) continue;
      const d = new vscode.Diagnostic(rangeOf(document, index, line), message, SEVERITY[f.severity]);
      d.source = DIAGNOSTIC_SOURCE;
      d.code = f.id;
      out.push(d);
    }
  }
  return out;
}

export class DiagnosticsController extends Disposable implements vscode.CodeActionProvider {
  static readonly providedCodeActionKinds = [vscode.CodeActionKind.QuickFix];
  private readonly collection = this.register(vscode.languages.createDiagnosticCollection('tcpStates'));

  constructor(private readonly indexes: DocumentIndexService) {
    super();
    // The quick fixes are always offered on the scanned languages; the Problems follow `diagnostics`.
    this.register(
      new ProviderWhileSetting(
        ['languages'],
        () => true,
        () =>
          vscode.languages.registerCodeActionsProvider(scannedSelector(), this, {
            providedCodeActionKinds: DiagnosticsController.providedCodeActionKinds,
          }),
      ),
    );
    this.register(indexes.onDidIndex((document) => this.update(document)));
    this.register(
      vscode.workspace.onDidCloseTextDocument((document) => this.collection.delete(document.uri)),
    );
    this.register(
      onDidChangeSettings((change) => {
        if (change.affects('diagnostics', 'contentLanguage'))
          for (const document of vscode.workspace.textDocuments) this.update(document);
      }),
    );
    for (const document of vscode.workspace.textDocuments) this.update(document);
  }

  private update(document: vscode.TextDocument): void {
    const index = this.indexes.indexOf(document);
    if (
      !diagnosticsEnabled() ||
      document.isClosed ||
      index === undefined ||
      index.lineCount !== document.lineCount
    ) {
      this.collection.delete(document.uri);
      return;
    }
    const trace = this.indexes.traceOf(document);
    this.collection.set(document.uri, [
      ...findingDiagnostics(document, index, index.facts.findings),
      ...(trace === undefined
        ? []
        : traceDiagnostics(
            document,
            trace,
            this.indexes.traceFindingsOf(document),
            uiLang(),
            DIAGNOSTIC_SOURCE,
          )),
    ]);
  }

  provideCodeActions(
    document: vscode.TextDocument,
    _range: vscode.Range,
    context: vscode.CodeActionContext,
  ): vscode.CodeAction[] {
    const out: vscode.CodeAction[] = [];
    const seen = new Set<string>();
    for (const d of context.diagnostics) {
      if (d.source !== DIAGNOSTIC_SOURCE) continue;
      const line = d.range.start.line + 1;
      const trace = this.indexes.traceFor(document, line);
      // A packet's problem is explained by the state its finding names (SYN_SENT for a refused connection…).
      const state =
        this.indexes.indexFor(document, line)?.stateAt(line) ??
        (trace === undefined
          ? undefined
          : this.indexes.traceFindingsOf(document).find((f) => f.line === line && f.id === d.code)?.state);
      if (state === undefined || seen.has(state)) continue;
      seen.add(state);
      const action = new vscode.CodeAction(
        vscode.l10n.t('Explain {0}', state),
        vscode.CodeActionKind.QuickFix,
      );
      action.command = {
        command: 'tcpStates.explainState',
        title: vscode.l10n.t('Explain {0}', state),
        arguments: [state],
      };
      action.diagnostics = [d];
      action.isPreferred = true;
      out.push(action);
    }
    return out;
  }
}
