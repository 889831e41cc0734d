// How many API requests run at once, following the API server. API Priority and Fairness answers 429
// when our priority level has no free seat and its queue is full: each such answer to a request sent
// at the current limit halves the limit (once per round: the other requests of that round were sent
// before the server pushed back, so their 429s say nothing new); each full round of requests answered
// without one adds one back, up to the ceiling the user set (the `concurrency` input). So a throttled
// run slows to what its seats allow, and speeds up again as seats free. Nothing here reads a clock to
// decide: the order of answers alone moves the limit; the clock only measures the time throttled.
// Back just below the limit that drew the last 429, it grows eight times slower, as TCP's congestion
// avoidance does past its threshold: on a level of fixed seats it settles instead of probing every round.

/** Rounds of accepted answers the limit waits, once back just below where the last 429 came, before it tries one more. */
const PROBE_ROUNDS = 8;

/** What a request holds while it runs: the round it was sent in. */
export interface Permit {
  readonly round: number;
}

/** How a run was throttled, for its report. */
export interface Throttling {
  /** Answers that were 429 Too Many Requests. */
  rejected: number;
  /** Milliseconds during which at least one request was waiting out a 429 (overlapping waits count once). */
  throttledMs: number;
  /** The lowest limit reached, and the ceiling. */
  lowest: number;
  ceiling: number;
}

export class AdaptiveLimit {
  private limit: number;
  private lowest: number;
  private inFlight = 0;
  private readonly queue: (() => void)[] = [];
  private round = 0;
  private answeredInRound = 0;
  private rejected = 0;
  private waiting = 0;
  private waitingSince = 0;
  private throttledMs = 0;
  /** The limit at which the last 429 came (none yet: above the ceiling). */
  private lastThrottledAt = Infinity;

  constructor(
    private readonly ceiling: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.limit = Math.max(1, Math.floor(ceiling));
    this.lowest = this.limit;
  }

  /** Waits for a free place (first come, first served). */
  acquire(): Promise<Permit> {
    if (this.inFlight < this.limit) {
      this.inFlight++;
      return Promise.resolve({ round: this.round });
    }
    return new Promise((resolve) => this.queue.push(() => resolve({ round: this.round })));
  }

  /** The request's answer was read (or it failed): its place goes to the next in line. */
  release(): void {
    this.inFlight--;
    this.admit();
  }

  /** An answer that was not a 429. */
  accepted(permit: Permit): void {
    if (permit.round !== this.round || this.limit >= this.ceiling) return;
    // Below the limit that last drew a 429, one more per round; from there on, one per PROBE_ROUNDS rounds.
    const needed = this.limit < this.lastThrottledAt - 1 ? this.limit : this.limit * PROBE_ROUNDS;
    if (++this.answeredInRound < needed) return;
    this.limit++;
    this.nextRound();
    this.admit();
  }

  /** A 429: the server has no seat for us now. */
  throttled(permit: Permit): void {
    this.rejected++;
    if (permit.round !== this.round) return;
    this.lastThrottledAt = this.limit;
    this.limit = Math.max(1, Math.floor(this.limit / 2));
    this.lowest = Math.min(this.lowest, this.limit);
    this.nextRound();
  }

  /** Runs `wait` (the Retry-After pause) and counts it as throttled time. */
  async waitOut(wait: () => Promise<void>): Promise<void> {
    if (this.waiting++ === 0) this.waitingSince = this.now();
    try {
      await wait();
    } finally {
      if (--this.waiting === 0) this.throttledMs += this.now() - this.waitingSince;
    }
  }

  report(): Throttling {
    const open = this.waiting > 0 ? this.now() - this.waitingSince : 0;
    return { rejected: this.rejected, throttledMs: this.throttledMs + open, lowest: this.lowest, ceiling: this.ceiling };
  }

  private nextRound(): void {
    this.round++;
    this.answeredInRound = 0;
  }

  private admit(): void {
    for (let next = this.queue.at(0); next && this.inFlight < this.limit; next = this.queue.at(0)) {
      this.queue.shift();
      this.inFlight++;
      next();
    }
  }
}
