// A Clock whose time moves only when something sleeps: waits run at once, and durations and
// timeouts are exact.
import type { Clock } from '../../src/model/clock.js';

export class FakeClock implements Clock {
  constructor(private time = 1_000_000) {}
  now(): number {
    return this.time;
  }
  async sleep(ms: number): Promise<void> {
    this.time += ms;
  }
}
