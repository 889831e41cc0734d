// The adaptive limit moves only with the order of answers: a 429 to a request of the current round
// halves it (the round's other 429s were sent before the server pushed back and change nothing), a
// full round of accepted answers adds one back (eight times slower from just below where the 429
// came) up to the ceiling, never below one; the time throttled
// counts overlapping waits once. The clock is a counter the test moves.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AdaptiveLimit, type Permit } from '../../../src/concurrency/adaptive-limit.js';

/** Acquires `n` permits; those beyond the limit resolve later, so only the granted ones are returned now. */
async function granted(limit: AdaptiveLimit, n: number): Promise<{ now: Permit[]; later: Promise<Permit>[] }> {
  const all = Array.from({ length: n }, () => limit.acquire());
  const flags = all.map(() => false);
  all.forEach((p, i) => void p.then(() => (flags[i] = true)));
  await Promise.resolve();
  await Promise.resolve();
  const now = await Promise.all(all.filter((_, i) => flags[i]));
  return { now, later: all.filter((_, i) => !flags[i]) };
}

describe('the adaptive limit of requests at once', () => {
  it('grants up to the ceiling at once and the next place only when one is released', async () => {
    const limit = new AdaptiveLimit(3);
    const { now, later } = await granted(limit, 5);
    assert.equal(now.length, 3);
    assert.equal(later.length, 2);
    limit.release();
    await later[0];
    const stillWaiting = await Promise.race([later[1]!.then(() => 'granted'), Promise.resolve('waiting')]);
    assert.equal(stillWaiting, 'waiting');
  });

  it('halves on the first 429 of a round and ignores the rest of that round', async () => {
    const limit = new AdaptiveLimit(8);
    const { now } = await granted(limit, 8);
    for (const p of now) {
      limit.release();
      limit.throttled(p);
    }
    assert.deepEqual(limit.report(), { rejected: 8, throttledMs: 0, lowest: 4, ceiling: 8 });
    const { now: next, later } = await granted(limit, 6);
    assert.equal(next.length, 4, 'four at once after the cut');
    assert.equal(later.length, 2);
  });

  it('never goes below one', async () => {
    const limit = new AdaptiveLimit(4);
    for (let i = 0; i < 5; i++) {
      const [p] = (await granted(limit, 1)).now;
      limit.release();
      limit.throttled(p!);
    }
    assert.equal(limit.report().lowest, 1);
    assert.equal((await granted(limit, 3)).now.length, 1);
  });

  it('comes back one per round of accepted answers to just below where the 429 came, then probes slowly up to the ceiling', async () => {
    const limit = new AdaptiveLimit(4);
    const [first] = (await granted(limit, 1)).now;
    limit.release();
    limit.throttled(first!);
    const rounds: number[] = [];
    for (let round = 0; round < 11; round++) {
      const { now, later } = await granted(limit, 10);
      rounds.push(now.length);
      for (const p of now) {
        limit.release();
        limit.accepted(p);
      }
      // The rest are granted as places free and end without an answer (a dropped connection): they move nothing.
      for (const p of later) {
        await p;
        limit.release();
      }
    }
    assert.deepEqual(rounds, [2, 3, 3, 3, 3, 3, 3, 3, 3, 4, 4]);
  });

  it('counts overlapping waits once in the time throttled', async () => {
    let clock = 0;
    const limit = new AdaptiveLimit(2, () => clock);
    let endFirst!: () => void;
    let endSecond!: () => void;
    const first = limit.waitOut(() => new Promise<void>((r) => (endFirst = r)));
    clock = 100;
    const second = limit.waitOut(() => new Promise<void>((r) => (endSecond = r)));
    clock = 300;
    endFirst();
    await first;
    clock = 450;
    endSecond();
    await second;
    assert.equal(limit.report().throttledMs, 450);
  });
});
