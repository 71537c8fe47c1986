// Extension host: the one "keep a provider registered while a setting says so" — re-registered when its settings change.
import type * as vscode from 'vscode';
import { onDidChangeSettings, type Setting } from '../settings';
import { Disposable, SwappableDisposable } from './dispose';

/**
 * Registers `register()` now when `enabled()`, and again (the old registration disposed first) whenever one of
 * `watch` changes: the scanned languages are part of a provider's selector, so they belong in `watch` too.
 */
export class ProviderWhileSetting extends Disposable {
  private readonly registration = this.register(new SwappableDisposable());

  constructor(
    watch: readonly Setting[],
    private readonly enabled: () => boolean,
    private readonly registerProvider: () => vscode.Disposable,
  ) {
    super();
    this.refresh();
    this.register(
      onDidChangeSettings((change) => {
        if (change.affects(...watch)) this.refresh();
      }),
    );
  }

  private refresh(): void {
    this.registration.value = undefined;
    if (this.enabled()) this.registration.value = this.registerProvider();
  }
}
