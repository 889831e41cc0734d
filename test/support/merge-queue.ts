// The harness of test/e2e/merge-queue.e2e.test.ts: five pull requests merged in quick succession,
// each commit with a slow pre-apply hook (its pod carries NEVER_READY_LABEL, so kwok leaves it
// Pending until the test patches it to Succeeded; the Job controller then completes the Job), run
// by dist/index.js on real push payloads, each in a checkout of its own.
import assert from 'node:assert/strict';
import { stickyMarker } from '../../src/github/sticky-comment.js';
import { NEVER_READY_LABEL } from '../cluster/kwok-stages.js';
import { watchAppliedCommits, type AppliedCommitsWatch } from './applied-commits.js';
import { startGitHubApiServer, type GitHubApiServer } from './github-api-server.js';
import { GitRepo } from './git-repo.js';
import { pushPayload, runAction, type ActionRun } from './run-action.js';
import { testNamespace, type TestCluster } from './test-cluster.js';

const TOKEN = 'ghs_e2eMergeQueueToken000000000000000000';
const MERGED = '2026-12-07T07:00:00Z';
/** The five merges after commit 0. */
export const RELEASES = [1, 2, 3, 4, 5] as const;
/** The link to the run of commit k's push. */
export const runUrl = (k: number): string => `https://github.com/Codertocat/Hello-World/actions/runs/${5000 + k}`;

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

export async function until<T>(what: string, check: () => Promise<T | undefined>): Promise<T> {
  for (let i = 0; i < 1200; i += 1) {
    const found = await check();
    if (found !== undefined) return found;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${what} never happened`);
}

/**
 * One target on the local control plane, a repository of commits 0..5 (each merged by pull request
 * #(10+k)), the GitHub stand-in that knows them, and a watch of the commits the target records as
 * applied. Opened with commit 0 applied.
 */
export class MergeQueue {
  private constructor(
    private readonly c: TestCluster,
    readonly target: string,
    readonly ns: string,
    readonly repo: GitRepo,
    readonly shas: readonly string[],
    readonly github: GitHubApiServer,
    readonly watch: AppliedCommitsWatch,
    private readonly dropNamespace: () => Promise<void>,
  ) {}

  static async open(c: TestCluster, target: string): Promise<MergeQueue> {
    const ns = await testNamespace(`e2e-${target}`);
    const repo = new GitRepo();
    const shas: string[] = [];
    for (const k of [0, ...RELEASES]) {
      repo.write('deploy/app.yaml', manifests(ns.name, k));
      shas.push(repo.commit(`#${10 + k}: release ${k}`));
    }
    const github = await startGitHubApiServer({
      token: TOKEN,
      compare: (base, head) => repo.compare(base, head),
      between: (base, head) => repo.between(base, head),
      pulls: (sha) => (shas.includes(sha) ? [{ number: 10 + shas.indexOf(sha), state: 'closed', merged_at: MERGED }] : []),
    });
    const q = new MergeQueue(c, target, ns.name, repo, shas, github, watchAppliedCommits(c, target, ns.name), ns.cleanup);
    const run = await q.push(0);
    assert.equal(run.code, 0, run.stdout + run.stderr);
    await q.watch.until(shas[0] ?? '');
    return q;
  }

  async close(): Promise<void> {
    this.watch.stop();
    await this.github.stop();
    this.repo.cleanup();
    await this.dropNamespace();
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
