// Extension host: notices an editor tab showing a file VS Code did not hand to extensions (over 50 MB) or one over
// `tcpStates.largeFile.thresholdMB`, offers "Summarize Large Capture…" in the status bar, and runs that command.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { DiagramSidebarProvider } from '../sidebar/diagramSidebarProvider';
import { Disposable } from '../plumbing/dispose';
import { largeFileThresholdMB, onDidChangeSettings } from '../settings';
import { summarizeLargeCapture, type LargeCaptureResult } from './largeCaptureSummarizer';
import { LargeCaptureTreeProvider } from './largeCaptureTreeProvider';

export const SUMMARIZE_COMMAND = 'tcpStates.summarizeLargeCapture';
const MIB = 1024 * 1024;
const SYNC_LIMIT_MB = 50;

/** The URI of the active tab when it shows a text file (the Tabs API names it even when no document is synced). */
function activeTabUri(): vscode.Uri | undefined {
  const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
  return input instanceof vscode.TabInputText ? input.uri : undefined;
}

export class LargeCaptureController extends Disposable {
  private readonly item = this.register(
    vscode.window.createStatusBarItem('tcpStates.largeCapture', vscode.StatusBarAlignment.Right, 99),
  );
  readonly tree = this.register(new LargeCaptureTreeProvider());
  /** The URI the status bar offers now (tests). */
  offered: vscode.Uri | undefined;
  private checking = 0;

  constructor(
    private readonly workerScript: string,
    private readonly diagram: DiagramSidebarProvider,
  ) {
    super();
    this.item.name = vscode.l10n.t('TCP States: large capture');
    this.register(vscode.window.registerTreeDataProvider(LargeCaptureTreeProvider.viewId, this.tree));
    this.register(vscode.commands.registerCommand(SUMMARIZE_COMMAND, (uri?: unknown) => this.summarize(uri)));
    this.register(vscode.window.tabGroups.onDidChangeTabs(() => void this.check()));
    this.register(vscode.window.tabGroups.onDidChangeTabGroups(() => void this.check()));
    this.register(vscode.window.onDidChangeActiveTextEditor(() => void this.check()));
    this.register(
      onDidChangeSettings((change) => {
        if (change.affects('largeFileThreshold')) void this.check();
      }),
    );
    void this.check();
  }

  /** Shows the offer when the active tab's file has no synced document, or is over the size setting. */
  private async check(): Promise<void> {
    const run = ++this.checking;
    const uri = activeTabUri();
    let offer = false;
    if (uri !== undefined && uri.scheme !== 'untitled') {
      const synced = vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString());
      try {
        const size = (await vscode.workspace.fs.stat(uri)).size;
        // VS Code keeps files over 50 MB from extensions: such a tab has no document however the setting is.
        offer = size >= largeFileThresholdMB() * MIB || (!synced && size >= SYNC_LIMIT_MB * MIB);
      } catch {
        offer = false;
      }
    }
    if (run !== this.checking) return;
    this.offered = offer ? uri : undefined;
    if (uri === undefined || !offer) {
      this.item.hide();
      return;
    }
    this.item.text = `$(file-binary) ${vscode.l10n.t('Large capture: summarize…')}`;
    this.item.tooltip = vscode.l10n.t(
      '{0} is too large for the editor to share with extensions (no colours, hovers or counts). Click to summarize it from disk.',
      path.posix.basename(uri.path),
    );
    this.item.command = {
      command: SUMMARIZE_COMMAND,
      title: vscode.l10n.t('Summarize Large Capture…'),
      arguments: [uri],
    };
    this.item.show();
  }

  /** The command: the file given (Explorer, status bar), else the active tab's, else one picked. */
  async summarize(arg?: unknown, token?: vscode.CancellationToken): Promise<LargeCaptureResult | undefined> {
    let uri = arg instanceof vscode.Uri ? arg : this.offered;
    if (uri === undefined) {
      const picked = await vscode.window.showOpenDialog({
        canSelectMany: false,
        openLabel: vscode.l10n.t('Summarize'),
        title: vscode.l10n.t('Summarize Large Capture…'),
      });
      uri = picked?.[0];
    }
    if (uri === undefined) return undefined;
    let result: LargeCaptureResult | undefined;
    try {
      result = await summarizeLargeCapture(uri, this.workerScript, token);
    } catch (err) {
      void vscode.window.showErrorMessage(
        vscode.l10n.t('Cannot summarize {0}: {1}', path.posix.basename(uri.path), String(err)),
      );
      return undefined;
    }
    if (result === undefined) return undefined;
    this.tree.show(result);
    // As for a log in the editor (LineIndex.currentCounts): a time series is drawn with its last snapshot's counts.
    const snaps = result.summary.snapshots;
    const last = snaps.length > 1 ? snaps[snaps.length - 1] : undefined;
    this.diagram.setCounts(last?.states ?? result.summary.states, path.posix.basename(uri.path));
    await vscode.commands.executeCommand('setContext', 'tcpStates.largeCaptureShown', true);
    await vscode.commands.executeCommand(`${LargeCaptureTreeProvider.viewId}.focus`);
    return result;
  }
}
