// Extension host: the editor settings under `tcpStates.*`, read when used (never cached).
import * as vscode from 'vscode';
import type { DiagnosisOptions } from '../../core/analysis/diagnosis';
import { parseInlineMeaningMode, type InlineMeaningMode } from '../../core/text/inlineMeaning';

const DEFAULT_LANGUAGES = ['tcp-connections', 'plaintext', 'log'];

function config(): vscode.WorkspaceConfiguration {
  return vscode.workspace.getConfiguration('tcpStates');
}

/** Language ids whose documents are scanned for connection lines. */
export function scannedLanguages(): readonly string[] {
  const value = config().get<unknown>('languages', DEFAULT_LANGUAGES);
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : DEFAULT_LANGUAGES;
}

export function stateColorsEnabled(): boolean {
  return config().get<boolean>('stateColors', true);
}

export function inlineMeaningMode(): InlineMeaningMode {
  return parseInlineMeaningMode(config().get<string>('inlineMeaning', 'short'));
}

export function hoverEnabled(): boolean {
  return config().get<boolean>('hover.enabled', true);
}

export function codeLensEnabled(): boolean {
  return config().get<boolean>('codeLens.enabled', true);
}

export function statusBarEnabled(): boolean {
  return config().get<boolean>('statusBar.enabled', true);
}

export function diagnosticsEnabled(): boolean {
  return config().get<boolean>('diagnostics.enabled', true);
}

function threshold(name: string): number | undefined {
  const v = config().get<unknown>(`diagnostics.${name}`);
  return typeof v === 'number' && Number.isFinite(v) && v >= 1 ? Math.floor(v) : undefined;
}

/** The thresholds the user set, mapped onto the diagnosis options (unset ones keep the core's defaults). */
export function diagnosisOptions(): Partial<DiagnosisOptions> {
  const out: { -readonly [K in keyof DiagnosisOptions]?: DiagnosisOptions[K] } = {};
  const closeWait = threshold('closeWaitThreshold');
  const timeWait = threshold('timeWaitThreshold');
  const synRecv = threshold('synRecvThreshold');
  const synSent = threshold('synSentThreshold');
  if (closeWait !== undefined) out.closeWaitThreshold = closeWait;
  if (timeWait !== undefined) out.timeWaitThreshold = timeWait;
  if (synRecv !== undefined) out.synRecvThreshold = synRecv;
  if (synSent !== undefined) out.synSentThreshold = synSent;
  return out;
}
