// Extension host: one live watch at a time — polls this machine (the remote one in a remote window), appends
// each poll to its document as a time series, and shows "Recording 00:42 · 12 changes" with Stop.
import * as vscode from 'vscode';
import { SnapshotDiffer, type WatchFilter } from '../../core/analysis/snapshotDiff';
import { snapshotText } from '../../core/analysis/snapshotTable';
import { openSource } from '../../node/capture/chooseSource';
import type { CaptureSource } from '../../node/capture/captureTypes';
import { execFileRunner, fsReader } from '../../node/capture/commandRunner';
import { Disposable } from '../plumbing/dispose';

export interface WatchOptions {
  /** 100..10000 ms */
  readonly intervalMs: number;
  /** Seconds, or undefined: until stopped. */
  readonly durationS?: number;
  readonly filter: WatchFilter;
}

/** What a finished (or running) watch saw; tests read it. */
export interface WatchStatus {
  readonly running: boolean;
  readonly polls: number;
  readonly changes: number;
  readonly source?: string;
  readonly document?: vscode.TextDocument;
}

function clock(ms: number): string {
  const s = Math.floor(ms / 1000);
  return `${String(Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
}

export class LiveWatchController extends Disposable {
  private readonly item = this.register(
    vscode.window.createStatusBarItem('tcpStates.recording', vscode.StatusBarAlignment.Left, 50),
  );
  private readonly ended = this.register(new vscode.EventEmitter<WatchStatus>());
  /** Fires when a watch stops (Stop, its duration, closing its document, or a failed source). */
  readonly onDidStop = this.ended.event;
  private timer: NodeJS.Timeout | undefined;
  private ticker: NodeJS.Timeout | undefined;
  private state: WatchStatus = { running: false, polls: 0, changes: 0 };
  private started = 0;

  constructor() {
    super();
    this.item.name = vscode.l10n.t('TCP States: recording');
    this.item.command = 'tcpStates.stopWatch';
    this.register({ dispose: () => this.stop() });
    this.register(
      vscode.workspace.onDidCloseTextDocument((d) => {
        if (d === this.state.document) this.stop();
      }),
    );
  }

  status(): WatchStatus {
    return this.state;
  }

  /** Opens the document and starts polling; resolves once the first snapshot is in it. */
  async start(options: WatchOptions): Promise<vscode.TextDocument> {
    this.stop();
    const owners = options.filter.process !== undefined;
    const { source, first } = await openSource({
      platform: process.platform,
      owners,
      port: options.filter.port,
      run: execFileRunner,
      read: fsReader,
    });
    const differ = new SnapshotDiffer(options.filter);
    const { kept } = differ.update(first.time, first.records);
    const document = await vscode.workspace.openTextDocument({
      language: 'tcp-connections',
      content: snapshotText(first.time, kept),
    });
    await vscode.window.showTextDocument(document, { preview: false });
    this.started = first.time;
    this.state = { running: true, polls: 1, changes: 0, source: source.describe, document };
    this.vscodeContext(true);
    this.showItem();
    this.ticker = setInterval(() => this.showItem(), 1000);
    this.schedule(source, differ, options, 1);
    return document;
  }

  private schedule(source: CaptureSource, differ: SnapshotDiffer, o: WatchOptions, slot: number): void {
    const due = this.started + slot * o.intervalMs;
    if (o.durationS !== undefined && due > this.started + o.durationS * 1000) {
      this.timer = setTimeout(() => this.stop(), Math.max(0, this.started + o.durationS * 1000 - Date.now()));
      return;
    }
    this.timer = setTimeout(() => void this.poll(source, differ, o, slot), Math.max(0, due - Date.now()));
  }

  private async poll(
    source: CaptureSource,
    differ: SnapshotDiffer,
    o: WatchOptions,
    slot: number,
  ): Promise<void> {
    const document = this.state.document;
    if (!this.state.running || document === undefined) return;
    try {
      const snap = await source.snapshot();
      const { events, kept } = differ.update(snap.time, snap.records);
      if (!this.state.running) return;
      const edit = new vscode.WorkspaceEdit();
      edit.insert(
        document.uri,
        document.lineAt(document.lineCount - 1).range.end,
        snapshotText(snap.time, kept),
      );
      await vscode.workspace.applyEdit(edit);
      this.state = {
        ...this.state,
        polls: this.state.polls + 1,
        changes: this.state.changes + events.length,
      };
      this.showItem();
    } catch (err) {
      void vscode.window.showErrorMessage(
        vscode.l10n.t('TCP States: the watch stopped: {0}', err instanceof Error ? err.message : String(err)),
      );
      this.stop();
      return;
    }
    // The next slot on the grid start + k × interval; a slow poll skips the slots it overran.
    const next = Math.max(slot + 1, Math.ceil((Date.now() - this.started) / o.intervalMs));
    if (this.state.running) this.schedule(source, differ, o, next);
  }

  private showItem(): void {
    if (!this.state.running) return;
    this.item.text = `$(record) ${vscode.l10n.t('Recording {0} · {1} changes', clock(Date.now() - this.started), this.state.changes)}`;
    this.item.tooltip = vscode.l10n.t(
      '{0} polls of {1}. Click to stop.',
      this.state.polls,
      this.state.source ?? '',
    );
    this.item.show();
  }

  private vscodeContext(on: boolean): void {
    void vscode.commands.executeCommand('setContext', 'tcpStates.watching', on);
  }

  /** Stops the running watch, if any; the document stays, with everything recorded so far. */
  stop(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    if (this.ticker !== undefined) clearInterval(this.ticker);
    this.timer = this.ticker = undefined;
    if (!this.state.running) return;
    this.state = { ...this.state, running: false };
    this.item.hide();
    if (!this.isDisposed) {
      this.vscodeContext(false);
      this.ended.fire(this.state);
    }
  }
}
