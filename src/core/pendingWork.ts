/**
 * Work started and not finished yet: checks, re-checks waiting for a burst of changes to pause,
 * diagnostics being sent, a view's redraw. Tests and benchmarks wait until there is none
 * (`whenIdle`) instead of sleeping and hoping it is over.
 */
export class PendingWork {
  private pending = 0;
  private waiters: (() => void)[] = [];

  /** Counts `work` as pending until it settles; returns it. */
  track<T>(work: Promise<T>): Promise<T> {
    this.pending++;
    return work.finally(() => this.finish());
  }

  /**
   * A timer that starts again each time it is triggered and runs `run` once triggers pause for
   * `delayMs`; from the first trigger until what `run` started is done, it counts as pending.
   */
  debounced(delayMs: number, run: () => unknown): Debounced {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const work = { trigger: () => {}, cancel: () => {} };
    work.trigger = () => {
      if (timer === undefined) this.pending++;
      else clearTimeout(timer);
      timer = setTimeout(() => {
        timer = undefined;
        // Counted on until what it started settles; the timer's own count ends now.
        void this.track(Promise.resolve().then(run));
        this.finish();
      }, delayMs);
    };
    work.cancel = () => {
      if (timer === undefined) return;
      clearTimeout(timer);
      timer = undefined;
      this.finish();
    };
    return work;
  }

  /** Resolves once nothing is pending, and nothing new started in the turn after. */
  async whenIdle(): Promise<void> {
    for (;;) {
      if (this.pending > 0) await new Promise<void>((resolve) => this.waiters.push(resolve));
      // What finished may start more in the same turn (a check that fires a change the views
      // take up): idle only when a whole turn later there is still nothing.
      await new Promise((resolve) => setTimeout(resolve, 0));
      if (this.pending === 0) return;
    }
  }

  private finish(): void {
    this.pending--;
    if (this.pending > 0) return;
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }
}

/** A debounced piece of work: `trigger` (re)starts its timer, `cancel` drops it. */
export interface Debounced {
  trigger(): void;
  cancel(): void;
}

/** The process's pending work: every model, view and publisher of one extension host shares it. */
export const pendingWork = new PendingWork();
