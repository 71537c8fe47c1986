// Extension host: the diagnosis of a connection log as Problems on its evidence lines, with an "Explain <STATE>" quick fix.
import * as vscode from 'vscode';
import type { Finding, Severity } from '../../core/analysis/diagnosis';
import { uiLang } from '../sidebar/webviewStrings';
import type { DocumentIndexService } from './documentIndexService';
import { diagnosticsEnabled, scannedLanguages } from './editorSettings';
import type { LineIndex } from '../../core/document/lineIndex';

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

export class DiagnosticsController implements vscode.CodeActionProvider, vscode.Disposable {
  static readonly providedCodeActionKinds = [vscode.CodeActionKind.QuickFix];
  private readonly collection = vscode.languages.createDiagnosticCollection('tcpStates');
  private registration: vscode.Disposable | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly indexes: DocumentIndexService) {
    this.register();
    this.disposables.push(
      this.collection,
      indexes.onDidIndex((document) => this.update(document)),
      vscode.workspace.onDidCloseTextDocument((document) => this.collection.delete(document.uri)),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (
          e.affectsConfiguration('tcpStates.diagnostics.enabled') ||
          e.affectsConfiguration('tcpStates.contentLanguage')
        ) {
          for (const document of vscode.workspace.textDocuments) this.update(document);
        }
        if (e.affectsConfiguration('tcpStates.languages')) this.register();
      }),
    );
    for (const document of vscode.workspace.textDocuments) this.update(document);
  }

  private register(): void {
    this.registration?.dispose();
    this.registration = vscode.languages.registerCodeActionsProvider(
      scannedLanguages().map((language) => ({ language })),
      this,
      { providedCodeActionKinds: DiagnosticsController.providedCodeActionKinds },
    );
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
    this.collection.set(document.uri, findingDiagnostics(document, index, index.facts.findings));
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
      const state = this.indexes.indexFor(document, line)?.stateAt(line);
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

  dispose(): void {
    this.registration?.dispose();
    for (const d of this.disposables) d.dispose();
  }
}
