// Extension host: the problems of a packet trace as Diagnostics on the packet's flags, one per connection and event.
import * as vscode from 'vscode';
import type { TraceFinding } from '../../core/document/traceFindings';
import type { TraceIndex } from '../../core/document/traceIndex';
import type { Severity } from '../../core/analysis/diagnosis';
import type { Lang } from '../../core/tcp/types';

const SEVERITY: Readonly<Record<Severity, vscode.DiagnosticSeverity>> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
};

export function traceDiagnostics(
  document: vscode.TextDocument,
  trace: TraceIndex,
  findings: readonly TraceFinding[],
  lang: Lang,
  source: string,
): vscode.Diagnostic[] {
  const out: vscode.Diagnostic[] = [];
  for (const f of findings) {
    if (f.line < 1 || f.line > document.lineCount) continue;
    const text = document.lineAt(f.line - 1);
    const p = trace.packetAt(f.line)?.packet.packet;
    const range =
      p !== undefined && p.flagsEnd <= text.text.length
        ? new vscode.Range(f.line - 1, p.flagsStart, f.line - 1, p.flagsEnd)
        : text.range;
    const d = new vscode.Diagnostic(range, f.message[lang], SEVERITY[f.severity]);
    d.source = source;
    d.code = f.id;
    out.push(d);
  }
  return out;
}
