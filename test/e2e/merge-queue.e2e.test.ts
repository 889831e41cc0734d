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
import { stickyMarker } from '../../src/github/sticky-comment.js';
import { NEVER_READY_LABEL } from '../cluster/kwok-stages.js';
import { watchAppliedCommits, type AppliedCommitsWatch } from '../support/applied-commits.js';
import { ConcurrencyGroup } from '../support/concurrency-group.js';
import { startGitHubApiServer, type GitHubApiServer } from '../support/github-api-server.js';
import { GitRepo } from '../support/git-repo.js';
import { pushPayload, runAction, type ActionRun } from '../support/run-action.js';
import { testCluster, testNamespace, type TestCluster } from '../support/test-cluster.js';

const TOKEN = 'ghs_e2eMergeQueueToken000000000000000000';
const MERGED = '2026-12-07T07:00:00Z';
const RELEASES = [1, 2, 3, 4, 5] as const;
const runUrl = (k: number) => `https://github.com/Codertocat/Hello-World/actions/runs/${5000 + k}`;

/** Commit k's manifests: a ConfigMap naming it, one only it has, and (k > 0) its slow migration hook. */
function manifests(ns: string, k: number): string {
  const configMaps = [`release`, `only-${k}`].map(
    (name) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n  namespace: ${ns}\ndata:\n  release: "${k}"\n`,
  );
  if (k === 0) return configMaps.join('---\n');
  const hook = `apiVersion: batch/v1
kind: Job
metadata:
  name: migrate-${k}
  namespace: ${ns}
  annotations:
    kube-gitops.io/hook: pre-apply
spec:
  backoffLimit: 0
  template:
    metadata:
      labels: {app: migrate, release: "${k}", ${JSON.stringify(NEVER_READY_LABEL)}: "true"}
    spec:
      restartPolicy: Never
      containers:
      - name: migrate
        image: migrate:${k}
`;
  return [...configMaps, hook].join('---\n');
}

/** The pod status of a container that ran to completion: the Job controller then completes the Job. */
const SUCCEEDED = JSON.stringify({
  status: {
    phase: 'Succeeded',
    conditions: [{ type: 'Ready', status: 'False', reason: 'PodCompleted' }],
    containerStatuses: [
      {
        name: 'migrate',
        image: 'migrate',
        imageID: '',
        ready: false,
        restartCount: 0,
        started: false,
        state: { terminated: { exitCode: 0, reason: 'Completed', startedAt: '2026-12-07T07:00:00Z', finishedAt: '2026-12-07T07:00:01Z' } },
      },
    ],
  },
});

async function until<T>(what: string, check: () => Promise<T | undefined>): Promise<T> {
  for (let i = 0; i < 1200; i += 1) {
    const found = await check();
    if (found !== undefined) return found;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${what} never happened`);
}

/** One target on the local control plane, a repository of commits 0..5 (pull requests #10..#15) and the stand-in. */
class Queue {
  readonly repo = new GitRepo();
  readonly shas: string[] = [];
  github!: GitHubApiServer;
  watch!: AppliedCommitsWatch;
  ns = '';

  constructor(
    private readonly c: TestCluster,
    readonly target: string,
  ) {}

  async start(): Promise<void> {
    const ns = await testNamespace(`e2e-${this.target}`);
    this.ns = ns.name;
    this.cleanups.push(ns.cleanup);
    for (const k of [0, ...RELEASES]) {
      this.repo.write('deploy/app.yaml', manifests(this.ns, k));
      this.shas.push(this.repo.commit(`#${10 + k}: release ${k}`));
    }
    this.github = await startGitHubApiServer({
      token: TOKEN,
      compare: (base, head) => this.repo.compare(base, head),
      between: (base, head) => this.repo.between(base, head),
      pulls: (sha) => (this.shas.includes(sha) ? [{ number: 10 + this.shas.indexOf(sha), state: 'closed', merged_at: MERGED }] : []),
    });
  }

  private readonly cleanups: (() => Promise<void>)[] = [];

  async stop(): Promise<void> {
    this.watch.stop();
    await this.github.stop();
    this.repo.cleanup();
    for (const cleanup of this.cleanups) await cleanup();
  }

  /** The run of commit k's push, as the runner starts it, in a checkout of its own. */
  push(k: number): Promise<ActionRun> {
    const sha = this.shas[k] ?? '';
    return runAction({
      event: 'push',
      payload: pushPayload({ before: this.shas[k - 1] ?? '0'.repeat(40), after: sha }),
      workspace: this.repo.checkout(sha),
      sha,
      apiUrl: this.github.url,
      env: { GITHUB_RUN_ID: String(5000 + k) },
      inputs: { path: 'deploy', namespace: this.ns, name: this.target, kubeconfig: this.c.kubeconfigText, 'github-token': TOKEN, timeout: '120s' },
    });
  }

  /** Commit 0 applied, the watch of the applied commits started. */
  async applyBase(): Promise<void> {
    const run = await this.push(0);
    assert.equal(run.code, 0, run.stdout + run.stderr);
    this.watch = watchAppliedCommits(this.c, this.target, this.ns);
    await this.watch.until(this.shas[0] ?? '');
  }

  /** Completes every pending hook pod of the target's namespace; how many it completed. */
  async completePendingHooks(): Promise<number> {
    const pods = (await this.c.kubectl(['get', 'pods', '-n', this.ns, '-l', 'app=migrate', '--field-selector', 'status.phase=Pending', '-o', 'name'])).trim();
    for (const pod of pods.split('\n').filter(Boolean)) {
      await this.c.kubectl(['patch', pod, '-n', this.ns, '--subresource=status', '--type=merge', '-p', SUCCEEDED]);
    }
    return pods === '' ? 0 : pods.split('\n').length;
  }

  /** Waits for commit k's hook pod, then completes it. */
  async completeHook(k: number): Promise<void> {
    const pod = await until(`the hook pod of release ${k}`, async () => {
      const name = (await this.c.kubectl(['get', 'pods', '-n', this.ns, '-l', `release=${k}`, '-o', 'name'])).trim();
      return name === '' ? undefined : name;
    });
    await this.c.kubectl(['patch', pod, '-n', this.ns, '--subresource=status', '--type=merge', '-p', SUCCEEDED]);
  }

  /** The index of a commit (0..5) from its sha or its 7-character short form. */
  indexOf(sha: string): number {
    return sha.length < 7 ? -1 : this.shas.findIndex((s) => s.startsWith(sha));
  }

  /** What pull request #(10+k) was told: its apply report and its went-out notice, when it has them. */
  told(k: number): { report?: string; wentOut?: string } {
    const on = (kind: 'apply' | 'went-out') =>
      this.github.comments.find((x) => x.issueNumber === 10 + k && x.body.startsWith(stickyMarker(kind, this.target)))?.body;
    const [report, wentOut] = [on('apply'), on('went-out')];
    return { ...(report ? { report } : {}), ...(wentOut ? { wentOut } : {}) };
  }

  /** The data of every ConfigMap of the target, by name: commit 5's state is `release` and `only-5`, both at 5. */
  async liveConfigMaps(): Promise<Record<string, string>> {
    const out = await this.c.kubectl(['get', 'configmaps', '-n', this.ns, '-l', 'applyset.kubernetes.io/part-of', '-o', 'json']);
    const items = (JSON.parse(out) as { items: { metadata: { name: string }; data?: { release?: string } }[] }).items;
    return Object.fromEntries(items.map((i) => [i.metadata.name, i.data?.release ?? '']));
  }

  /** The applied commits as indexes, from the parent's record: strictly increasing, 0 first, 5 last. */
  appliedInOrder(): number[] {
    const applied = this.watch.commits().map((sha) => this.indexOf(sha));
    assert.ok(
      applied.every((k, i) => i === 0 || k > (applied[i - 1] ?? 0)),
      `applied commits strictly increase: ${applied.join(' → ')}`,
    );
    assert.deepEqual([applied[0], applied.at(-1)], [0, 5]);
    return applied;
  }
}

describe('a queue that never skips silently (dist/index.js end to end)', () => {
  let c: TestCluster;
  before(async () => {
    c = await testCluster();
  });

  describe("with GitHub's concurrency group: 2, 3 and 4 cancelled while pending, 5 pending", () => {
    let q: Queue;
    before(async () => {
      q = new Queue(c, 'queue-group');
      await q.start();
      await q.applyBase();
    });
    after(async () => q.stop());

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
    let q: Queue;
    before(async () => {
      q = new Queue(c, 'queue-lease');
      await q.start();
      await q.applyBase();
    });
    after(async () => q.stop());

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
          const part = /as part of `([0-9a-f]{7})`/.exec(told.wentOut ?? '')?.[1] ?? '';
          assert.ok(q.indexOf(part) > k && applied.includes(q.indexOf(part)), `#${10 + k} went out as part of ${part}, a later applied commit`);
        }
      }
      assert.equal(q.indexOf(results[4]?.outputs['went-out-with'] ?? ''), 5, 'the newest commit is always applied by its own run');
      assert.deepEqual(await q.liveConfigMaps(), { release: '5', 'only-5': '5' });
    });
  });
});
