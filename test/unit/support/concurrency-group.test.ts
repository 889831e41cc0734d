// The test scheduler behaves as GitHub documents a concurrency group with `cancel-in-progress: false`
// (and the default `queue: single`): one run in progress, at most one pending, a newly queued run
// cancels the pending one, the pending one starts when the running one ends.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConcurrencyGroup, type GroupOutcome } from '../../support/concurrency-group.js';

/** A run that ends when the test says so. */
function gated(): { run: () => Promise<string>; end: (value: string) => void } {
  let end: (value: string) => void = () => undefined;
  const done = new Promise<string>((resolve) => (end = resolve));
  return { run: () => done, end: (value) => end(value) };
}

describe('a concurrency group (the test scheduler)', () => {
  it('runs the first at once, cancels each pending run a newer one replaces, then runs the last queued', async () => {
    const group = new ConcurrencyGroup<string>();
    const [one, two, three] = [gated(), gated(), gated()];
    const first = group.queue('1', one.run);
    const second = group.queue('2', two.run);
    const third = group.queue('3', three.run);
    assert.deepEqual(await second, { state: 'cancelled' });
    assert.deepEqual(group.started, ['1'], 'the pending run waits while one is in progress');
    one.end('one');
    assert.deepEqual(await first, { state: 'completed', value: 'one' });
    three.end('three');
    assert.deepEqual(await third, { state: 'completed', value: 'three' } satisfies GroupOutcome<string>);
    assert.deepEqual(group.started, ['1', '3']);
  });

  it('starts a run queued after the group went idle at once', async () => {
    const group = new ConcurrencyGroup<number>();
    assert.deepEqual(await group.queue('a', () => Promise.resolve(1)), { state: 'completed', value: 1 });
    assert.deepEqual(await group.queue('b', () => Promise.resolve(2)), { state: 'completed', value: 2 });
    assert.deepEqual(group.started, ['a', 'b']);
  });
});
