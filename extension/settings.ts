// Extension host: every `tcpStates.*` setting (package.json contributes.configuration), read when used — never
// cached — and one typed change event. No other module names a setting as a string.
import * as vscode from 'vscode';
import type { DiagnosisOptions } from '../core/analysis/diagnosis';
import { parseInlineMeaningMode, type InlineMeaningMode } from '../core/text/inlineMeaning';
import type { Lang } from '../core/tcp/types';

const SECTION = 'tcpStates';

/** Each setting's name under `tcpStates.`. */
const NAMES = {
  contentLanguage: 'contentLanguage',
  languages: 'languages',
  stateColors: 'stateColors',
  inlineMeaning: 'inlineMeaning',
  hover: 'hover.enabled',
  codeLens: 'codeLens.enabled',
  statusBar: 'statusBar.enabled',
  diagnostics: 'diagnostics.enabled',
  closeWaitThreshold: 'diagnostics.closeWaitThreshold',
  timeWaitThreshold: 'diagnostics.timeWaitThreshold',
  synRecvThreshold: 'diagnostics.synRecvThreshold',
  synSentThreshold: 'diagnostics.synSentThreshold',
  diagramCompact: 'diagram.compact',
  largeFileThreshold: 'largeFile.thresholdMB',
} as const;

/** A setting, by the name the code knows it under. */
export type Setting = keyof typeof NAMES;

const ALL = Object.keys(NAMES) as Setting[];

/** The settings that shape the diagnosis (and so the document index). */
export const DIAGNOSIS_THRESHOLDS = [
  'closeWaitThreshold',
  'timeWaitThreshold',
  'synRecvThreshold',
  'synSentThreshold',
] as const satisfies readonly (Setting & keyof DiagnosisOptions)[];

/** One configuration change, asked in the code's own names. */
export interface SettingsChange {
  /** True when the change touches any of `settings`. */
  affects(...settings: readonly Setting[]): boolean;
}

/** Fires when one or more `tcpStates.*` settings change (in any scope). */
export function onDidChangeSettings(listener: (change: SettingsChange) => void): vscode.Disposable {
  return vscode.workspace.onDidChangeConfiguration((e) => {
    const change: SettingsChange = {
      affects: (...settings) => settings.some((s) => e.affectsConfiguration(`${SECTION}.${NAMES[s]}`)),
    };
    if (change.affects(...ALL)) listener(change);
  });
}

function read<T>(setting: Setting, fallback: T): T {
  return vscode.workspace.getConfiguration(SECTION).get<T>(NAMES[setting], fallback);
}

/** The language of the product's TCP content: `contentLanguage`, or VS Code's display language (any Chinese locale → zh). */
export function uiLang(): Lang {
  const setting = read<unknown>('contentLanguage', 'auto');
  if (setting === 'en') return 'en';
  if (setting === 'zh-cn') return 'zh';
  return vscode.env.language.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

const DEFAULT_LANGUAGES = ['tcp-connections', 'plaintext', 'log'];

/** Language ids whose documents are scanned for connection lines. */
export function scannedLanguages(): readonly string[] {
  const value = read<unknown>('languages', DEFAULT_LANGUAGES);
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : DEFAULT_LANGUAGES;
}

/** The scanned languages as a document selector, for the providers. */
export function scannedSelector(): vscode.DocumentFilter[] {
  return scannedLanguages().map((language) => ({ language }));
}

export function stateColorsEnabled(): boolean {
  return read('stateColors', true);
}

export function inlineMeaningMode(): InlineMeaningMode {
  return parseInlineMeaningMode(read<unknown>('inlineMeaning', 'short'));
}

export function hoverEnabled(): boolean {
  return read('hover', true);
}

export function codeLensEnabled(): boolean {
  return read('codeLens', true);
}

export function statusBarEnabled(): boolean {
  return read('statusBar', true);
}

export function diagnosticsEnabled(): boolean {
  return read('diagnostics', true);
}

/** Always draw the compact diagram (otherwise the sidebar follows its width). */
export function diagramCompact(): boolean {
  return read('diagramCompact', false);
}

/** The thresholds the user set, mapped onto the diagnosis options (unset ones keep the core's defaults). */
export function diagnosisOptions(): Partial<DiagnosisOptions> {
  const out: { -readonly [K in keyof DiagnosisOptions]?: DiagnosisOptions[K] } = {};
  for (const name of DIAGNOSIS_THRESHOLDS) {
    const v = read<unknown>(name, undefined);
    if (typeof v === 'number' && Number.isFinite(v) && v >= 1) out[name] = Math.floor(v);
  }
  return out;
}

/** Files at least this large (MiB) get the large-capture offer even when VS Code syncs them (default 50). */
export function largeFileThresholdMB(): number {
  const v = read<unknown>('largeFileThreshold', 50);
  return typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : 50;
}
