// GitHub Actions' concurrency group with `cancel-in-progress: false` and the default `queue: single`, as a small deterministic
// scheduler for end-to-end tests: at most one run in progress and one pending; a run queued while
// one is in progress becomes the pending one, and "any existing pending job or workflow in the same
// concurrency group, if it exists, will be canceled and the new queued job or workflow will take its
// place" (docs.github.com, "Control the concurrency of workflows and jobs"). When the running one
// ends, the pending one starts. No timing: the order is the order of the calls.

/** What became of a queued run: cancelled while pending, or completed with its value. */
export type GroupOutcome<T> = { state: 'cancelled' } | { state: 'completed'; value: T };

interface Queued<T> {
  name: string;
  run: () => Promise<T>;
  settle: (outcome: GroupOutcome<T>) => void;
  fail: (error: unknown) => void;
}

export class ConcurrencyGroup<T> {
  /** The names of the runs that started, in the order they started. */
  readonly started: string[] = [];
  private running = false;
  private pending: Queued<T> | undefined;

  /** Queues a run: it starts now when none is in progress; else it replaces (cancels) the pending one. */
  queue(name: string, run: () => Promise<T>): Promise<GroupOutcome<T>> {
    return new Promise((settle, fail) => {
      const queued = { name, run, settle, fail };
      if (!this.running) {
        this.start(queued);
        return;
      }
      this.pending?.settle({ state: 'cancelled' });
      this.pending = queued;
    });
  }

  private start(queued: Queued<T>): void {
    this.running = true;
    this.started.push(queued.name);
    queued.run().then(
      (value) => {
        this.startPending();
        queued.settle({ state: 'completed', value });
      },
      (error: unknown) => {
        this.startPending();
        queued.fail(error);
      },
    );
  }

  /** The running run ended: the pending one, if any, starts before anyone hears of the end. */
  private startPending(): void {
    this.running = false;
    const next = this.pending;
    this.pending = undefined;
    if (next) this.start(next);
  }
}
