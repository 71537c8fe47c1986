// Extension host: the one way a controller owns what it registered. No vscode import: anything with `dispose()`
// can be registered, so the unit tier tests it under plain Node.

/** What VS Code's registrations, emitters and items all are. */
export interface DisposableLike {
  dispose(): void;
}

/**
 * Base of every controller: `register()` what you create, and `dispose()` releases it all, newest first, once.
 * Registering after disposal disposes at once, so a late async registration cannot leak.
 */
export abstract class Disposable implements DisposableLike {
  private readonly owned: DisposableLike[] = [];
  private disposed = false;

  protected register<T extends DisposableLike>(d: T): T {
    if (this.disposed) d.dispose();
    else this.owned.push(d);
    return d;
  }

  protected get isDisposed(): boolean {
    return this.disposed;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    // Newest first: what was registered last may depend on what came before it.
    for (let d = this.owned.pop(); d !== undefined; d = this.owned.pop()) d.dispose();
  }
}

/** Holds at most one disposable; setting another disposes the one before (a provider re-registered). */
export class SwappableDisposable implements DisposableLike {
  private held: DisposableLike | undefined;

  set value(d: DisposableLike | undefined) {
    if (d === this.held) return;
    this.held?.dispose();
    this.held = d;
  }

  get value(): DisposableLike | undefined {
    return this.held;
  }

  dispose(): void {
    this.value = undefined;
  }
}
