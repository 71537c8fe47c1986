// Extension host (test run): shared helpers for the integration suite.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { TcpStatesApi } from '../../extension/extension';

export const EXTENSION_ID = 'tcp-states-dev.tcp-states';

/** The repository root (the suite is built into out/test/integration). */
export const repoRoot = path.resolve(__dirname, '..', '..', '..');

export function fixture(...parts: string[]): vscode.Uri {
  return vscode.Uri.file(path.join(repoRoot, 'test', 'fixtures', ...parts));
}

export async function activateExtension(): Promise<TcpStatesApi> {
  const ext = vscode.extensions.getExtension<TcpStatesApi>(EXTENSION_ID);
  if (!ext) throw new Error(`extension ${EXTENSION_ID} is not installed in this VS Code`);
  return ext.activate();
}

/** Polls `check` until it returns a value other than undefined, or fails after `ms`. */
export async function waitFor<T>(what: string, check: () => T | undefined, ms = 20_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = check();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
