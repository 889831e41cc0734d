// A fleet end to end, through dist/index.js exactly as the workflow of docs/fleets.md runs it: the
// targets step, one plan step per matrix entry (each with its own cluster's kubeconfig), the plan
// files gathered as download-artifact lays them out, the fleet step; then the merge's apply per
// target. Five targets on two control planes at once; the strict GitHub stand-in counts comments.
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { dryRunRequests } from '../support/dry-run-requests.js';
import { startGitHubApiServer, type GitHubApiServer, type StandInFile } from '../support/github-api-server.js';
import { GitRepo } from '../support/git-repo.js';
import { pullRequestPayload, pushPayload, runAction, schedulePayload, type ActionRun } from '../support/run-action.js';
import { secondTestCluster, testCluster, uniqueName, type TestCluster } from '../support/test-cluster.js';

const TOKEN = 'ghs_e2eFleetToken000000000000000000000';
const FLEET_MARKER = '<!-- kube-gitops:fleet -->';

interface Target {
  name: string;
  cluster: 'a' | 'b';
  path: string;
  namespace: string;
}

const configMap = (name: string, data: Record<string, string>) =>
  `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\ndata:\n${Object.entries(data)
    .map(([k, v]) => `  ${k}: "${v}"`)
    .join('\n')}\n`;

describe('a fleet of five targets on two clusters (dist/index.js end to end)', () => {
  let a: TestCluster;
  let b: TestCluster;
  let repo: GitRepo;
  let github: GitHubApiServer;
  let main = '';
  const suffix = uniqueName('f').slice(2);
  const targets: Target[] = [
    { name: 'one', cluster: 'a', path: 'overlays/one', namespace: `fleet-one-${suffix}` },
    { name: 'two', cluster: 'b', path: 'overlays/two', namespace: `fleet-two-${suffix}` },
    { name: 'three', cluster: 'b', path: 'overlays/three', namespace: `fleet-three-${suffix}` },
    { name: 'four', cluster: 'a', path: 'apps/four', namespace: `fleet-four-${suffix}` },
    { name: 'five', cluster: 'b', path: 'apps/five', namespace: `fleet-five-${suffix}` },
  ];
  const merged = new Map<string, number>();
  const clusterOf = (t: Target) => (t.cluster === 'a' ? a : b);

  before(async () => {
    [a, b] = await Promise.all([testCluster(), secondTestCluster()]);
    for (const t of targets) await clusterOf(t).kubectl(['create', 'namespace', t.namespace]);
    repo = new GitRepo();
    github = await startGitHubApiServer({
      token: TOKEN,
      compare: (base, head) => repo.compare(base, head),
      pulls: (sha) =>
        [...merged]
          .filter(([s]) => sha.startsWith(s) || s.startsWith(sha))
          .map(([, number]) => ({ number, state: 'closed', merged_at: '2026-12-01T12:00:00Z' })),
      pullFiles: (number) => pullFiles.get(number) ?? [],
    });
    repo.write(
      'kube-gitops.yaml',
      [
        'defaults:',
        '  wait: false',
        'targets:',
        ...targets.flatMap((t) => [
          `  - name: ${t.name}`,
          `    path: ${t.path}`,
          `    namespace: ${t.namespace}`,
          `    environment: env-${t.name}`,
          `    kubeconfig-secret: KUBECONFIG_${t.cluster.toUpperCase()}`,
        ]),
        '',
      ].join('\n'),
    );
    repo.write('base/kustomization.yaml', 'resources: [shared.yaml]\n');
    repo.write('base/shared.yaml', configMap('shared', { greeting: 'hello' }));
    for (const t of targets.slice(0, 3)) repo.write(`${t.path}/kustomization.yaml`, `resources: [../../base, own.yaml]\n`);
    for (const t of targets.slice(0, 3)) repo.write(`${t.path}/own.yaml`, configMap(`own-${t.name}`, { target: t.name }));
    for (const t of targets.slice(3)) repo.write(`${t.path}/app.yaml`, configMap(`app-${t.name}`, { target: t.name }));
    main = repo.commit('the fleet');
    for (const t of targets) {
      const applied = await step('push', main, { target: t.name, kubeconfig: clusterOf(t).kubeconfigText }, { before: '0'.repeat(40) });
      assert.equal(applied.code, 0, applied.stdout);
    }
  });

  after(async () => {
    await github?.stop();
    repo?.cleanup();
    for (const t of targets) await clusterOf(t)?.kubectl(['delete', 'namespace', t.namespace, '--wait=false', '--ignore-not-found']);
  });

  /** The files of each pull request, as GitHub lists them. */
  const pullFiles = new Map<number, StandInFile[]>();

  function step(
    event: 'pull_request' | 'push',
    sha: string,
    inputs: Record<string, string>,
    at: { number?: number; base?: string; before?: string },
  ): Promise<ActionRun> {
    repo.git('checkout', '-q', sha);
    return runAction({
      event,
      payload:
        event === 'pull_request'
          ? pullRequestPayload({ number: at.number ?? 0, baseSha: at.base ?? '', headSha: sha })
          : pushPayload({ before: at.before ?? '0'.repeat(40), after: sha }),
      workspace: repo.dir,
      sha,
      apiUrl: github.url,
      inputs: { 'github-token': TOKEN, ...inputs },
    });
  }

  /** A pull request from main changing `file`; returns its head. */
  function pullRequest(number: number, file: string, content: string): string {
    repo.git('checkout', '-q', '-B', `pr-${number}`, main);
    repo.write(file, content);
    const head = repo.commit(`pr ${number}`);
    pullFiles.set(number, [{ filename: file, status: 'modified' }]);
    return head;
  }

  /** The matrix the targets step sets for a pull request. */
  async function matrix(number: number, head: string): Promise<{ target: string; environment?: string; 'kubeconfig-secret'?: string }[]> {
    const run = await step('pull_request', head, { mode: 'targets' }, { number, base: main });
    assert.equal(run.code, 0, run.stdout);
    return (JSON.parse(run.outputs.matrix ?? '') as { include: { target: string }[] }).include;
  }

  /** Every matrix entry's plan step, its plan file laid out as download-artifact does; the directory. */
  async function planSteps(number: number, head: string, entries: { target: string }[], kubeconfig = (t: Target) => clusterOf(t).kubeconfigText) {
    // download-artifact's `path: plans`: inside the workspace.
    const plans = mkdtempSync(path.join(repo.dir, 'plans-'));
    const runs = new Map<string, ActionRun>();
    const dryRuns = new Map<string, { a: number; b: number }>();
    for (const entry of entries) {
      const t = targets.find((x) => x.name === entry.target)!;
      const before = { a: await dryRunRequests(a), b: await dryRunRequests(b) };
      const run = await step('pull_request', head, { target: t.name, kubeconfig: kubeconfig(t), comment: 'false' }, { number, base: main });
      dryRuns.set(t.name, { a: (await dryRunRequests(a)) - before.a, b: (await dryRunRequests(b)) - before.b });
      runs.set(t.name, run);
      const file = run.outputs['plan-file'];
      assert.ok(file, `the plan step of ${t.name} names its plan file: ${run.stdout}`);
      mkdirSync(path.join(plans, `kube-gitops-plan-${t.name}`));
      copyFileSync(file, path.join(plans, `kube-gitops-plan-${t.name}`, path.basename(file)));
    }
    return { plans, runs, dryRuns };
  }

  const fleetComments = (number: number) => github.comments.filter((c) => c.issueNumber === number && c.body.startsWith(`${FLEET_MARKER}\n`));
  const allComments = (number: number) => github.comments.filter((c) => c.issueNumber === number);

  it('plans exactly the 3 targets a shared base reaches, each on its own cluster, and posts one comment that shows the change once naming the 3', async () => {
    const head = pullRequest(1, 'base/shared.yaml', configMap('shared', { greeting: 'hello, fleet' }));
    const entries = await matrix(1, head);
    assert.deepEqual(
      entries.map((e) => e.target),
      ['one', 'two', 'three'],
    );
    assert.deepEqual(entries[0], { target: 'one', environment: 'env-one', 'kubeconfig-secret': 'KUBECONFIG_A' });
    const aBefore = await dryRunRequests(a);
    const bBefore = await dryRunRequests(b);
    const { plans, runs, dryRuns } = await planSteps(1, head, entries);
    for (const [name, run] of runs) assert.equal(run.code, 0, `${name}: ${run.stdout}`);
    // Each target's dry-runs went to its own cluster only, and nothing else planned on either.
    assert.ok(dryRuns.get('one')!.a > 0 && dryRuns.get('one')!.b === 0, JSON.stringify([...dryRuns]));
    assert.ok(dryRuns.get('two')!.b > 0 && dryRuns.get('two')!.a === 0, JSON.stringify([...dryRuns]));
    assert.ok(dryRuns.get('three')!.b > 0 && dryRuns.get('three')!.a === 0, JSON.stringify([...dryRuns]));
    assert.equal((await dryRunRequests(a)) - aBefore, dryRuns.get('one')!.a, 'cluster a: only target one was planned');
    assert.equal((await dryRunRequests(b)) - bBefore, dryRuns.get('two')!.b + dryRuns.get('three')!.b, 'cluster b: only targets two and three');
    assert.equal(allComments(1).length, 0, 'the matrix jobs post no comment of their own');

    const fleet = await step('pull_request', head, { mode: 'fleet', plans }, { number: 1, base: main });
    assert.equal(fleet.code, 0, fleet.stdout);
    const again = await step('pull_request', head, { mode: 'fleet', plans }, { number: 1, base: main });
    assert.equal(again.code, 0, again.stdout);
    assert.equal(allComments(1).length, 1, 'exactly one comment, updated in place');
    const body = fleetComments(1)[0]?.body ?? '';
    for (const t of ['one', 'two', 'three']) assert.match(body, new RegExp(`<!-- kube-gitops:review v=2 target=${t} pr=1 basis=cluster commit=${head} `));
    assert.match(body, /update <code>ConfigMap\/\$NAMESPACE\/shared<\/code> in 3 targets: <code>one<\/code>, <code>two<\/code>, <code>three<\/code>/);
    assert.equal(body.split('+  greeting: hello, fleet').length - 1, 1, 'the identical change is shown once');
    assert.match(body, /\| `four` \| ⏭️ not planned: no input changed/);
    assert.match(body, /\| `five` \| ⏭️ not planned: no input changed/);
    merged.set(head, 1);
  });

  it('names a target whose kubeconfig fails as not planned, with the reason, while the others plan; the fleet step fails after posting', async () => {
    const head = pullRequest(2, 'base/shared.yaml', configMap('shared', { greeting: 'hello, again' }));
    const entries = await matrix(2, head);
    const badToken = (t: Target) =>
      t.name === 'two' ? clusterOf(t).kubeconfigText.replace(/(client-key-data|token): .*/g, '$1: bm90LWEta2V5') : clusterOf(t).kubeconfigText;
    const { plans, runs } = await planSteps(2, head, entries, badToken);
    assert.notEqual(runs.get('two')!.code, 0, 'the plan step of the target whose kubeconfig fails fails');
    assert.equal(runs.get('one')!.code, 0);
    const fleet = await step('pull_request', head, { mode: 'fleet', plans }, { number: 2, base: main });
    assert.notEqual(fleet.code, 0, 'the fleet step fails when a target failed');
    assert.equal(allComments(2).length, 1, 'but posts its one comment first');
    const body = fleetComments(2)[0]?.body ?? '';
    assert.match(body, /two[^\n]*not planned: /);
    assert.match(body, /<!-- kube-gitops:review v=2 target=one pr=2 /);
  });

  it("applies, on merge, each target's plan as reviewed in the fleet comment", async () => {
    const head = [...merged].find(([, n]) => n === 1)![0];
    const entries = (await step('push', head, { mode: 'targets' }, { before: main })).outputs.matrix ?? '';
    const all = (JSON.parse(entries) as { include: { target: string }[] }).include.map((e) => e.target);
    assert.deepEqual(all, ['one', 'two', 'three', 'four', 'five'], 'a push lists every target');
    for (const name of ['one', 'two', 'three']) {
      const t = targets.find((x) => x.name === name)!;
      const run = await step(
        'push',
        head,
        { target: name, kubeconfig: clusterOf(t).kubeconfigText, comment: 'false', 'on-unreviewed-changes': 'fail' },
        { before: main },
      );
      assert.equal(run.code, 0, run.stdout);
      assert.equal(run.outputs['matches-review'], 'true', run.summary);
      assert.match(run.summary, /applied the plan reviewed in #1/i);
      const greeting = await clusterOf(t).kubectl(['get', 'configmap', 'shared', '-n', t.namespace, '-o', 'jsonpath={.data.greeting}']);
      assert.equal(greeting, 'hello, fleet');
    }
  });

  /** The scheduled drift check of every target at `sha`, then the fleet step gathering them. */
  async function driftOfFleet(sha: string): Promise<ActionRun> {
    const plans = mkdtempSync(path.join(repo.dir, 'plans-'));
    repo.git('checkout', '-q', sha);
    for (const t of targets) {
      const run = await runAction({
        event: 'schedule',
        payload: schedulePayload(),
        workspace: repo.dir,
        sha,
        apiUrl: github.url,
        inputs: { 'github-token': TOKEN, mode: 'drift', target: t.name, kubeconfig: clusterOf(t).kubeconfigText },
      });
      assert.equal(run.code, 0, run.stdout);
      const file = run.outputs['plan-file']!;
      mkdirSync(path.join(plans, `kube-gitops-plan-${t.name}`));
      copyFileSync(file, path.join(plans, `kube-gitops-plan-${t.name}`, path.basename(file)));
    }
    return runAction({
      event: 'schedule',
      payload: schedulePayload(),
      workspace: repo.dir,
      sha,
      apiUrl: github.url,
      inputs: { 'github-token': TOKEN, mode: 'fleet', plans },
    });
  }

  const summaryIssues = () => github.issues.issues.filter((i) => i.body.startsWith('<!-- kube-gitops:drift-fleet -->\n'));

  it('keeps one drift summary issue for the fleet: open while a target differs, linking its issue; closed once none does', async () => {
    const head = [...merged].find(([, n]) => n === 1)![0];
    for (const t of targets.slice(3)) {
      const applied = await step('push', head, { target: t.name, kubeconfig: clusterOf(t).kubeconfigText, comment: 'false' }, { before: main });
      assert.equal(applied.code, 0, applied.stdout);
    }
    const four = targets[3]!;
    await a.kubectl(['patch', 'configmap', 'app-four', '-n', four.namespace, '--type=merge', '-p', '{"data":{"target":"changed by hand"}}']);
    const drifted = await driftOfFleet(head);
    assert.equal(drifted.code, 0, drifted.stdout);
    assert.equal(drifted.outputs.drift, 'true');
    assert.equal(summaryIssues().length, 1);
    const [summary] = summaryIssues();
    assert.equal(summary!.state, 'open');
    assert.equal(summary!.title, 'kube-gitops: 1 of 5 targets differ from Git');
    const own = github.issues.issues.find((i) => i.body.startsWith('<!-- kube-gitops:drift target=four -->\n'));
    assert.ok(own, 'target four has its own drift issue');
    assert.match(summary!.body, new RegExp(`\\| \`four\` \\| \\*\\*differs\\*\\* \\| \\[#${own.number}\\]`));
    for (const t of ['one', 'two', 'three', 'five']) assert.match(summary!.body, new RegExp(`\\| \`${t}\` \\| matches \\|`));

    await a.kubectl(['patch', 'configmap', 'app-four', '-n', four.namespace, '--type=merge', '-p', '{"data":{"target":"four"}}']);
    const clean = await driftOfFleet(head);
    assert.equal(clean.code, 0, clean.stdout);
    assert.equal(clean.outputs.drift, 'false');
    assert.equal(summaryIssues().length, 1, 'the same issue, never a second one');
    assert.equal(summaryIssues()[0]!.state, 'closed');
  });
});
