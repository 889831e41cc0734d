// Whole-workflow-step figures: dist/index.js run as the runner runs it, with the GitHub API stand-in
// (test/support/github-api-server.ts) and a real git checkout, beside the same work done by the
// engine in-process, so the cost outside the engine (start-up, git, loading the base commit, the
// GitHub calls) is visible: a push apply of N objects, a pull request plan of the next commit (10%
// changed) from spawn to the comment posted and to exit, and the push apply of that commit once the
// pull request is merged, to the comment that tells the pull request it went out and to exit.
import path from 'node:path';
import { startGitHubApiServer } from '../test/support/github-api-server.js';
import { GitRepo } from '../test/support/git-repo.js';
import { pullRequestPayload, pushPayload, runAction, type ActionRun } from '../test/support/run-action.js';
import type { TestCluster } from '../test/support/test-cluster.js';
import { concurrency, freshSet, oursApply, oursPlan, tearDown, time, writeSet } from './bench-kit.js';
import type { RequestCounter } from './count-proxy.js';
import { seconds } from './peer-table.js';

const TOKEN = 'ghs_benchToken000000000000000000000000';

export interface ActionFigure {
  /** What was measured. */
  step: string;
  /** dist/index.js, spawn to exit. */
  processMs: number;
  /** dist/index.js, spawn to the first comment posted or edited (the plan's; after a merge, the apply's). */
  commentMs?: number;
  /** The same work by the engine in-process (no GitHub, no git). */
  inProcessMs: number;
  /** Kubernetes API requests of the process run. */
  requests: number;
}

/** Three steps on an N-object set, each through dist/index.js and then in-process on a twin set. */
export async function actionRuns(c: TestCluster, counter: RequestCounter, n: number, work: string): Promise<ActionFigure[]> {
  const repo = new GitRepo();
  // The pull request (7) that is planned and then merged: the push apply of its commit tells it so.
  let merged = '';
  const github = await startGitHubApiServer({
    token: TOKEN,
    compare: (b, h) => repo.compare(b, h),
    between: (b, h) => repo.between(b, h),
    pulls: (sha) => (sha === merged ? [{ number: 7, state: 'closed', merged_at: '2026-12-07T10:00:00Z' }] : []),
  });
  const ns = `bench-action-${n}`;
  const twin = `bench-action-${n}-g`;
  const { namespaces } = await freshSet(c, ns, path.join(work, 'action-unused'), n);
  const { dir: twinDir, namespaces: twinNamespaces } = await freshSet(c, twin, path.join(work, `action-twin-${n}`), n);
  const deploy = path.join(repo.dir, 'deploy');
  const inputs = { path: 'deploy', name: 'bench', namespace: ns, kubeconfig: counter.kubeconfigText, wait: 'false', 'github-token': TOKEN };
  const figures: ActionFigure[] = [];
  let live = '0'.repeat(40);
  const run = async (step: string, sha: string, pr: boolean, inProcess: () => Promise<unknown>): Promise<void> => {
    await counter.take();
    const t = performance.now();
    // The first comment written (posted or edited) after the spawn.
    let commentAt = 0;
    let seen = github.requests.length;
    const watch = setInterval(() => {
      for (; !commentAt && seen < github.requests.length; seen++) {
        const r = github.requests[seen]!;
        if ((r.method === 'POST' || r.method === 'PATCH') && /\/comments/.test(r.path)) commentAt = performance.now();
      }
    }, 2);
    let result: ActionRun;
    try {
      result = await runAction({
        event: pr ? 'pull_request' : 'push',
        payload: pr ? pullRequestPayload({ number: 7, baseSha: live, headSha: sha }) : pushPayload({ before: live, after: sha }),
        workspace: repo.dir,
        sha,
        apiUrl: github.url,
        inputs: { ...inputs, mode: pr ? 'plan' : 'apply', concurrency: String(concurrency) },
      });
    } finally {
      clearInterval(watch);
    }
    const processMs = performance.now() - t;
    if (result.code !== 0) throw new Error(`dist/index.js ${step} exited ${result.code}: ${result.stdout.slice(-800)}`);
    const requests = await counter.take();
    const inProcessMs = await time(inProcess);
    figures.push({
      step,
      processMs: Math.round(processMs),
      ...(commentAt ? { commentMs: Math.round(commentAt - t) } : {}),
      inProcessMs: Math.round(inProcessMs),
      requests,
    });
  };
  try {
    writeSet(
      deploy,
      n,
      [ns],
      () => false,
      () => true,
    );
    const base = repo.commit('base');
    writeSet(
      twinDir,
      n,
      twinNamespaces,
      () => false,
      () => true,
    );
    await run(`push apply-first N=${n}`, base, false, () => oursApply(c, twinDir, 'bench', twin));
    live = base;
    writeSet(
      deploy,
      n,
      [ns],
      (i) => i % 10 === 3,
      () => true,
    );
    const head = repo.commit('10% changed');
    merged = head;
    writeSet(
      twinDir,
      n,
      twinNamespaces,
      (i) => i % 10 === 3,
      () => true,
    );
    await run(`PR plan, 10% changed, N=${n}`, head, true, () => oursPlan(c, twinDir, 'bench', twin));
    await run(`push apply-changed-10% N=${n}`, head, false, () => oursApply(c, twinDir, 'bench', twin));
  } finally {
    await github.stop();
    repo.cleanup();
    await tearDown(c, [...namespaces, ...twinNamespaces]);
  }
  return figures;
}

export function actionTable(figures: ActionFigure[]): string {
  return [
    '| dist/index.js step | spawn to comment | spawn to exit | engine in-process | outside the engine | API requests |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
    ...figures.map(
      (f) =>
        `| ${f.step} | ${f.commentMs === undefined ? '—' : seconds(f.commentMs)} | ${seconds(f.processMs)} | ${seconds(f.inProcessMs)} | ${seconds(f.processMs - f.inProcessMs)} | ${f.requests} |`,
    ),
  ].join('\n');
}
