// Extension host: the one debounce — editor events come in bursts (typing, scrolling, cursor moves), work runs once.
import type { DisposableLike } from './dispose';

/** Runs `run` once, `ms` after the last `schedule()`. Disposing cancels what is pending. */
export class Debouncer implements DisposableLike {
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly ms: number,
    private readonly run: () => void,
  ) {}

  /** Whether a run is scheduled and has not happened yet. */
  get pending(): boolean {
    return this.timer !== undefined;
  }

  schedule(): void {
    this.cancel();
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.run();
    }, this.ms);
  }

  /** Runs now, instead of (or without) waiting. */
  flush(): void {
    this.cancel();
    this.run();
  }

  cancel(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }

  dispose(): void {
    this.cancel();
  }
}
