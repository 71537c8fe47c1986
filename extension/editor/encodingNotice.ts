// Extension host: a log saved as UTF-16 without a byte-order mark opens as UTF-8 text full of NULs, and no line
// is recognised; say so once per document and offer VS Code's own "Reopen with Encoding".
import * as vscode from 'vscode';
import { looksLikeMisdecodedUtf16 } from '../../core/text/encodingSniff';
import { Disposable } from '../plumbing/dispose';
import { scannedLanguages } from '../settings';

export class EncodingNotice extends Disposable {
  private readonly told = new Set<string>();

  constructor() {
    super();
    this.register(vscode.window.onDidChangeActiveTextEditor((e) => this.check(e?.document)));
    this.check(vscode.window.activeTextEditor?.document);
  }

  private check(document: vscode.TextDocument | undefined): void {
    if (document === undefined || !scannedLanguages().includes(document.languageId)) return;
    const key = document.uri.toString();
    if (this.told.has(key)) return;
    const head = document.getText(new vscode.Range(0, 0, Math.min(document.lineCount, 50), 0));
    if (!looksLikeMisdecodedUtf16(head)) return;
    this.told.add(key);
    const reopen = vscode.l10n.t('Reopen with Encoding');
    void vscode.window
      .showWarningMessage(
        vscode.l10n.t(
          'This file looks like UTF-16 text without a byte-order mark (PowerShell output, for example), read as UTF-8: its connection lines cannot be recognised. Reopen it with the encoding UTF-16 LE.',
        ),
        reopen,
      )
      .then((choice) => {
        if (choice === reopen) void vscode.commands.executeCommand('workbench.action.editor.changeEncoding');
      });
  }
}
