// Extension host: the UI language and the localized chrome strings handed to the diagram webview.
import * as vscode from 'vscode';
import type { Lang } from '../tcp/types';

/** The language of the product's TCP content: the `tcpStates.contentLanguage` setting, or VS Code's display language (any Chinese locale → zh). */
export function uiLang(): Lang {
  const setting = vscode.workspace.getConfiguration('tcpStates').get<string>('contentLanguage', 'auto');
  if (setting === 'en') return 'en';
  if (setting === 'zh-cn') return 'zh';
  return vscode.env.language.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

/** Chrome strings of the webview, keyed as webview/strings.ts expects. */
export function webviewStrings(): Record<string, string> {
  return {
    zoomIn: vscode.l10n.t('Zoom in'),
    zoomOut: vscode.l10n.t('Zoom out'),
    fit: vscode.l10n.t('Fit'),
    compact: vscode.l10n.t('Compact'),
    close: vscode.l10n.t('Close'),
    findInLog: vscode.l10n.t('Find in log'),
    noSelection: vscode.l10n.t('Put the cursor on a connection line to see its path.'),
    renderError: vscode.l10n.t('The diagram could not be drawn.'),
  };
}
