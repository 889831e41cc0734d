// A queue that never skips silently (issue 29): five pull requests merged in quick succession, each
// commit with a slow pre-apply hook, dist/index.js run on real push payloads against the local
// control plane and the GitHub stand-in. With GitHub's concurrency group (concurrency-group.ts) the
// runs of 2, 3 and 4 are cancelled while pending; without one, the five runs start together and the
// target's Lease and the commit-order gate serialise them. Either way the applied commits strictly
// increase, each pull request is told once that it was applied or that it went out as part of a
// later commit (with the link), and the last commit's objects are live. A hook completes only when
// the test patches its pod to Succeeded (its pod carries NEVER_READY_LABEL, so kwok leaves it
// Pending): no sleeps, no timing, and only what holds whichever run wins the lease is asserted.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ConcurrencyGroup } from '../support/concurrency-group.js';
import { MergeQueue, RELEASES, runUrl, until } from '../support/merge-queue.js';
import type { ActionRun } from '../support/run-action.js';
import { testCluster, type TestCluster } from '../support/test-cluster.js';

describe('a queue that never skips silently (dist/index.js end to end)', () => {
  let c: TestCluster;
  before(async () => {
    c = await testCluster();
  });

  describe("with GitHub's concurrency group: 2, 3 and 4 cancelled while pending, 5 pending", () => {
    let q: MergeQueue;
    before(async () => {
      q = await MergeQueue.open(c, 'queue-group');
    });
    after(async () => q.close());

    it('applies 1 then 5; #11 and #15 are told applied, #12–#14 went out as part of 5 with its run; commit 5 is live', async () => {
      const group = new ConcurrencyGroup<ActionRun>();
      const first = group.queue('1', () => q.push(1));
      await until('the hook Job of release 1', async () =>
        (await c.kubectl(['get', 'jobs', 'migrate-1', '-n', q.ns, '--ignore-not-found', '-o', 'name'])).trim() === '' ? undefined : true,
      );
      const later = RELEASES.slice(1).map((k) => group.queue(String(k), () => q.push(k)));
      await q.completeHook(1);
      const one = await first;
      assert.equal(one.state, 'completed');
      await q.completeHook(5);
      const outcomes = await Promise.all(later);
      assert.deepEqual(
        outcomes.map((o) => o.state),
        ['cancelled', 'cancelled', 'cancelled', 'completed'],
      );
      assert.deepEqual(group.started, ['1', '5']);
      const five = outcomes[3];
      assert.ok(one.state === 'completed' && five?.state === 'completed');
      for (const [k, run] of [
        [1, one.value],
        [5, five.value],
      ] as const) {
        assert.equal(run.code, 0, run.stdout + run.stderr);
        assert.equal(run.outputs['went-out-with'], q.shas[k], `run ${k} went out with its own commit`);
      }
      assert.deepEqual(q.appliedInOrder(), [0, 1, 5]);
      for (const k of [1, 5]) {
        assert.deepEqual(Object.keys(q.told(k)), ['report'], `#${10 + k}`);
        assert.match(q.told(k).report ?? '', /✅ \*\*Applied\*\*/);
      }
      const sha5 = (q.shas[5] ?? '').slice(0, 7);
      for (const k of [2, 3, 4]) {
        assert.deepEqual(Object.keys(q.told(k)), ['wentOut'], `#${10 + k}`);
        assert.ok(q.told(k).wentOut?.includes(`as part of \`${sha5}\` (#15), applied by [this run](<${runUrl(5)}>)`), q.told(k).wentOut);
      }
      assert.deepEqual(await q.liveConfigMaps(), { release: '5', 'only-5': '5' });
    });
  });

  describe('without a concurrency group: the five runs start together', () => {
    let q: MergeQueue;
    before(async () => {
      q = await MergeQueue.open(c, 'queue-lease');
    });
    after(async () => q.close());

    it('applies an increasing sequence ending at 5; each pull request is told once: applied, or went out as part of a later applied commit', async (t) => {
      let running = true;
      const runs = Promise.all(RELEASES.map((k) => q.push(k))).finally(() => (running = false));
      await until('every run ended, each hook completed as its run waits on it', async () => {
        await q.completePendingHooks();
        return running ? undefined : true;
      });
      const results = await runs;
      const applied = q.appliedInOrder();
      t.diagnostic(`applied in this order: ${applied.join(' → ')}`);
      for (const k of RELEASES) {
        const run = results[k - 1];
        assert.ok(run);
        assert.equal(run.code, 0, `run ${k}: ${run.stdout}${run.stderr}`);
        const withCommit = q.indexOf(run.outputs['went-out-with'] ?? '');
        const told = q.told(k);
        if (withCommit === k) {
          assert.ok(applied.includes(k), `run ${k} applied its commit`);
          assert.deepEqual(Object.keys(told), ['report'], `#${10 + k} told applied only`);
          assert.match(told.report ?? '', /✅ \*\*Applied\*\*/);
        } else {
          assert.ok(withCommit > k && applied.includes(withCommit), `run ${k} went out with a later applied commit (${withCommit})`);
          assert.deepEqual(Object.keys(told), ['wentOut'], `#${10 + k} told it went out, never that it failed`);
          assert.match(told.wentOut ?? '', /\]\(<https:\/\/github\.com\/Codertocat\/Hello-World\/actions\/runs\/500[1-5]>\)/, 'with the link to a run');
          const part = /as part of `([0-9a-f]{7})`/.exec(told.wentOut ?? '')?.[1] ?? '';
          assert.ok(q.indexOf(part) > k && applied.includes(q.indexOf(part)), `#${10 + k} went out as part of ${part}, a later applied commit`);
        }
      }
      assert.equal(q.indexOf(results[4]?.outputs['went-out-with'] ?? ''), 5, 'the newest commit is always applied by its own run');
      assert.deepEqual(await q.liveConfigMaps(), { release: '5', 'only-5': '5' });
    });
  });
});
