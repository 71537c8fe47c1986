// Extension host: Capture Connections Now, Watch Connections… and Stop — refused in untrusted workspaces.
import * as vscode from 'vscode';
import type { WatchFilter } from '../../core/analysis/snapshotDiff';
import { snapshotText } from '../../core/analysis/snapshotTable';
import { NoSourceError, openSource } from '../../node/capture/chooseSource';
import { execFileRunner, fsReader } from '../../node/capture/commandRunner';
import { type LiveWatchController, type WatchOptions } from './liveWatchController';

/**
 * Capturing runs programs (ss, netstat) and reads this machine's sockets: not something a folder you just
 * cloned should be able to start. In Restricted Mode the commands say why and do nothing.
 */
let lastRefusal: string | undefined;

/** The message the last refused command showed (tests read it through the extension's API). */
export function lastRefusalMessage(): string | undefined {
  return lastRefusal;
}

function refusedUntrusted(): boolean {
  if (vscode.workspace.isTrusted) return false;
  lastRefusal = vscode.l10n.t(
    'TCP States: capturing connections is disabled in Restricted Mode, because it runs ss / netstat on this machine. Trust the workspace to use it.',
  );
  void vscode.window.showErrorMessage(lastRefusal);
  return true;
}

function failure(err: unknown): string {
  return err instanceof NoSourceError || err instanceof Error ? err.message : String(err);
}

/** One snapshot (with owners, as far as permissions allow) into a new untitled tcp-connections document. */
export async function captureNow(): Promise<vscode.TextDocument | undefined> {
  if (refusedUntrusted()) return undefined;
  try {
    const { first } = await openSource({
      platform: process.platform,
      owners: true,
      run: execFileRunner,
      read: fsReader,
    });
    const document = await vscode.workspace.openTextDocument({
      language: 'tcp-connections',
      content: snapshotText(first.time, first.records),
    });
    await vscode.window.showTextDocument(document, { preview: false });
    return document;
  } catch (err) {
    void vscode.window.showErrorMessage(
      vscode.l10n.t('TCP States: no capture source worked: {0}', failure(err)),
    );
    return undefined;
  }
}

/** `8080` → port; an address (`10.0.0.9`, `::1`) → remote host; another word → process name; '' → none. */
export function parseFilter(text: string): WatchFilter | undefined {
  const t = text.trim();
  if (t === '') return {};
  if (/^\d{1,5}$/.test(t))
    return Number(t) >= 1 && Number(t) <= 65535 ? { port: String(Number(t)) } : undefined;
  if (/^[\d.]+$/.test(t) || t.includes(':'))
    return { remoteHost: t.replace(/^\[(.*)\]$/, '$1').toLowerCase() };
  return /^\S+$/.test(t) ? { process: t } : undefined;
}

const INTERVALS = [100, 250, 500, 1000, 2000, 5000, 10000];
const DURATIONS: readonly (number | undefined)[] = [undefined, 10, 30, 60, 300, 600];

/** Asks interval, duration and filter; undefined when cancelled. */
async function askOptions(): Promise<WatchOptions | undefined> {
  const interval = await vscode.window.showQuickPick(
    INTERVALS.map((ms) => ({
      label: ms < 1000 ? vscode.l10n.t('{0} ms', ms) : vscode.l10n.t('{0} s', ms / 1000),
      description: ms === 1000 ? vscode.l10n.t('default') : undefined,
      ms,
    })),
    { placeHolder: vscode.l10n.t('Poll how often? A state shorter than this can be missed.') },
  );
  if (interval === undefined) return undefined;
  const duration = await vscode.window.showQuickPick(
    DURATIONS.map((s) => ({
      label:
        s === undefined
          ? vscode.l10n.t('Until stopped')
          : s < 60
            ? vscode.l10n.t('{0} s', s)
            : vscode.l10n.t('{0} min', s / 60),
      s,
    })),
    { placeHolder: vscode.l10n.t('For how long?') },
  );
  if (duration === undefined) return undefined;
  const filterText = await vscode.window.showInputBox({
    prompt: vscode.l10n.t('Only connections with this port, process name or remote host (empty: all)'),
    placeHolder: vscode.l10n.t('8080, webd or 10.0.0.9'),
    validateInput: (v) =>
      parseFilter(v) === undefined
        ? vscode.l10n.t('A port (1–65535), a process name or an IP address')
        : undefined,
  });
  if (filterText === undefined) return undefined;
  return { intervalMs: interval.ms, durationS: duration.s, filter: parseFilter(filterText) ?? {} };
}

/** Options passed by a caller (a test, a keybinding's args) skip the pickers. */
function givenOptions(arg: unknown): WatchOptions | undefined {
  if (typeof arg !== 'object' || arg === null) return undefined;
  const a = arg as { intervalMs?: unknown; durationS?: unknown; filter?: unknown };
  if (typeof a.intervalMs !== 'number' || a.intervalMs < 100 || a.intervalMs > 10000) return undefined;
  const filter = typeof a.filter === 'string' ? parseFilter(a.filter) : {};
  if (filter === undefined) return undefined;
  return {
    intervalMs: a.intervalMs,
    durationS: typeof a.durationS === 'number' ? a.durationS : undefined,
    filter,
  };
}

export function registerLiveCommands(watch: LiveWatchController): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('tcpStates.captureNow', captureNow),
    vscode.commands.registerCommand('tcpStates.watchConnections', async (arg?: unknown) => {
      if (refusedUntrusted()) return undefined;
      const options = givenOptions(arg) ?? (await askOptions());
      if (options === undefined) return undefined;
      try {
        return await watch.start(options);
      } catch (err) {
        void vscode.window.showErrorMessage(
          vscode.l10n.t('TCP States: no capture source worked: {0}', failure(err)),
        );
        return undefined;
      }
    }),
    vscode.commands.registerCommand('tcpStates.stopWatch', () => watch.stop()),
  ];
}
