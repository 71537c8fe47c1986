// Extension host: summarizes a capture file from disk in a worker thread, with a cancellable progress notification.
import { Worker } from 'node:worker_threads';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { DEFAULT_DIAGNOSIS_OPTIONS } from '../../core/analysis/diagnosis';
import { groupDigits } from '../../core/analysis/findingText';
import { diagnosisOptions } from '../settings';
import type { LargeCaptureDone, LargeCaptureMessage, LargeCaptureRequest } from './largeCaptureProtocol';

/*
 * Why a worker and two ways to read: the parse of a 1 GB file takes seconds, so it runs in a worker_thread and
 * the extension host's event loop only relays progress messages (never blocked for more than a frame).
 * vscode.workspace.fs.readFile returns the whole file as one buffer — fine for a remote window, where it is the
 * only way to reach the file, but not bounded in memory — so a local file (`file:` scheme) is streamed by the
 * worker itself from disk with Node's fs in 1 MiB pieces, and only other schemes go through workspace.fs (read
 * by the host, handed to the worker in pieces so the worker's memory stays small).
 */
const PIECE = 4 << 20;

/** How many ports and processes the view lists. */
const TOP = 10;

export type LargeCaptureResult = LargeCaptureDone & { readonly uri: vscode.Uri };

function megabytes(bytes: number): string {
  return (bytes / (1 << 20)).toFixed(0);
}

/** Summarizes `uri`; undefined when the user cancelled. Rejects when the file cannot be read. */
export async function summarizeLargeCapture(
  uri: vscode.Uri,
  workerScript: string,
  /** Cancels too (tests; the notification's Cancel button is the user's way). */
  external?: vscode.CancellationToken,
): Promise<LargeCaptureResult | undefined> {
  const size = (await vscode.workspace.fs.stat(uri)).size;
  const name = path.posix.basename(uri.path);
  return vscode.window.withProgress(
    {
      location: vscode.ProgressLocation.Notification,
      title: vscode.l10n.t('Summarizing {0}', name),
      cancellable: true,
    },
    (progress, token) =>
      new Promise<LargeCaptureResult | undefined>((resolve, reject) => {
        const local = uri.scheme === 'file';
        const request: LargeCaptureRequest = {
          path: local ? uri.fsPath : undefined,
          options: { ...DEFAULT_DIAGNOSIS_OPTIONS, ...diagnosisOptions() },
          top: TOP,
        };
        const worker = new Worker(workerScript, { workerData: request });
        let settled = false;
        let shownBytes = 0;
        const settle = (f: () => void): void => {
          if (settled) return;
          settled = true;
          sub.dispose();
          extSub?.dispose();
          void worker.terminate();
          f();
        };
        const sub = token.onCancellationRequested(() => settle(() => resolve(undefined)));
        const extSub = external?.onCancellationRequested(() => settle(() => resolve(undefined)));
        worker.on('message', (m: LargeCaptureMessage) => {
          if (m.kind === 'progress') {
            const increment = size > 0 ? ((m.bytes - shownBytes) / size) * 100 : undefined;
            shownBytes = m.bytes;
            progress.report({
              increment,
              message: vscode.l10n.t(
                '{0} of {1} MB, {2} lines',
                megabytes(m.bytes),
                megabytes(size),
                groupDigits(m.lines),
              ),
            });
          } else if (m.kind === 'done') settle(() => resolve({ ...m, uri }));
          else settle(() => reject(new Error(m.message)));
        });
        worker.on('error', (err) => settle(() => reject(err)));
        worker.on('exit', () => settle(() => resolve(undefined)));
        if (!local) {
          // Remote: the whole file through workspace.fs (see above), then to the worker piece by piece.
          void vscode.workspace.fs.readFile(uri).then(
            (data) => {
              for (let at = 0; at < data.length || at === 0; at += PIECE) {
                if (settled) return;
                const last = at + PIECE >= data.length;
                worker.postMessage({ kind: 'bytes', data: data.subarray(at, at + PIECE), last });
                if (last) break;
              }
            },
            (err: unknown) => settle(() => reject(err instanceof Error ? err : new Error(String(err)))),
          );
        }
      }),
  );
}
