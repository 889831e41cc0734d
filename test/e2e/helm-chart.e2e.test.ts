// A Helm chart through dist/index.js as the runner runs it, against the local control plane: the
// pull request plan (sources at the HelmChart document and the template, the helm version and the
// live Capabilities in the comment and the plan file, no Secret value), then on push: apply, a
// values change, and `git revert` of it restoring the previous state.
import assert from 'node:assert/strict';
import { cpSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startGitHubApiServer, type GitHubApiServer } from '../support/github-api-server.js';
import { GitRepo } from '../support/git-repo.js';
import { withHelmOnPath } from '../support/helm-binary.js';
import { pullRequestPayload, pushPayload, runAction, type ActionRun } from '../support/run-action.js';
import { testCluster, uniqueName, type TestCluster } from '../support/test-cluster.js';

const TOKEN = 'ghs_e2eHelmToken00000000000000000000000';
const fixtures = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../fixtures/charts');
const PASSWORD = 'helm-e2e-chart-passw0rd';

const helmChart = (ns: string, greeting: string) => `apiVersion: kube-gitops.io/v1alpha1
kind: HelmChart
metadata:
  name: shop
  namespace: ${ns}
spec:
  chart: ../charts/shop
  includeCRDs: false
  valuesFiles: [../charts/values/production.yaml]
  values:
    greeting: ${greeting}
    password: ${PASSWORD}
`;

describe('a Helm chart planned, applied, changed and reverted (dist/index.js end to end)', () => {
  let c: TestCluster;
  let repo: GitRepo;
  let github: GitHubApiServer;
  let ns = '';
  let restorePath: () => void = () => undefined;
  let base = '';
  let shaA = '';
  let shaB = '';

  before(async () => {
    c = await testCluster();
    restorePath = await withHelmOnPath();
    repo = new GitRepo();
    ns = uniqueName('e2e-helm');
    github = await startGitHubApiServer({
      token: TOKEN,
      compare: (b, h) => repo.compare(b, h),
      pulls: () => [{ number: 16, state: 'closed', merged_at: '2026-12-01T10:00:00Z' }],
    });
    cpSync(path.join(fixtures, 'shop'), path.join(repo.dir, 'charts', 'shop'), { recursive: true });
    cpSync(path.join(fixtures, 'values'), path.join(repo.dir, 'charts', 'values'), { recursive: true });
    repo.write('deploy/namespace.yaml', `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${ns}\n`);
    repo.write('deploy/plain.yaml', `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: plain\n  namespace: ${ns}\ndata: {a: "1"}\n`);
    base = repo.commit('the namespace and a plain manifest');
    const first = await push(base, '0'.repeat(40));
    assert.equal(first.code, 0, first.stdout + first.stderr);
  });
  after(async () => {
    restorePath();
    await github.stop();
    repo.cleanup();
    await c.kubectl(['delete', 'clusterrole', `shop-${ns}-reader`, '--ignore-not-found']);
    await c.kubectl(['delete', 'namespace', ns, '--wait=false', '--ignore-not-found']);
  });

  /** The history is linear and `sha` is always the checked-out HEAD, as on a runner after a merge. */
  function push(sha: string, beforeSha: string): Promise<ActionRun> {
    assert.equal(repo.git('rev-parse', 'HEAD'), sha);
    return runAction({
      event: 'push',
      payload: pushPayload({ before: beforeSha, after: sha }),
      workspace: repo.dir,
      sha,
      apiUrl: github.url,
      inputs: { path: 'deploy', namespace: ns, name: 'e2e-helm', kubeconfig: c.kubeconfigText, 'github-token': TOKEN, timeout: '90s' },
    });
  }

  const live = async (jsonpath: string, kind = 'configmap', name = 'shop-config') =>
    (await c.kubectl(['get', kind, name, '-n', ns, '-o', `jsonpath=${jsonpath}`])).trim();

  it('plans the chart on the pull request: sources at the HelmChart document and its templates, the helm version and the live Capabilities, no Secret value', async () => {
    repo.write('deploy/shop.yaml', helmChart(ns, 'first'));
    shaA = repo.commit('A: the shop chart');
    const run = await runAction({
      event: 'pull_request',
      payload: pullRequestPayload({ number: 161, baseSha: base, headSha: shaA }),
      workspace: repo.dir,
      sha: shaA,
      apiUrl: github.url,
      inputs: { path: 'deploy', name: 'e2e-helm', namespace: ns, kubeconfig: c.kubeconfigText, 'github-token': TOKEN },
    });
    assert.equal(run.code, 0, run.stdout + run.stderr);
    const body = github.comments.find((x) => x.issueNumber === 161 && x.body.includes('<!-- kube-gitops:plan target=e2e-helm -->'))?.body ?? '';
    assert.match(body, /4 create, 0 update, 0 replace, 0 delete, 2 unchanged/);
    assert.match(body, /`deploy\/shop\.yaml:1 → shop\/templates\/deployment\.yaml`/);
    assert.match(body, /Helm charts rendered by helm `v3\.22\.0[^`]*` with the live cluster's Capabilities \(Kubernetes v1\.\d+\.\d+, \d+ API versions\)\./);
    const planFile = JSON.parse(readFileSync(run.outputs['plan-file'] ?? '', 'utf8')) as { helm?: { helmVersion: string; capabilities: string } };
    assert.match(planFile.helm?.helmVersion ?? '', /^v3\.22\.0/);
    assert.match(planFile.helm?.capabilities ?? '', /^the live cluster's Capabilities/);
    const shownLog = run.stdout
      .split('\n')
      .filter((l) => !l.startsWith('::add-mask::'))
      .join('\n');
    for (const text of [body, run.summary, shownLog, readFileSync(run.outputs['plan-file'] ?? '', 'utf8')]) {
      assert.ok(!text.includes(PASSWORD) && !text.includes(Buffer.from(PASSWORD).toString('base64')), 'the chart Secret value is hidden');
    }
    assert.equal(
      await c.kubectl(['get', 'configmaps', '-n', ns, '-o', 'name', '--ignore-not-found', '--field-selector', 'metadata.name=shop-config']),
      '',
      'plan writes nothing',
    );
  });

  it('applies the chart on push', async () => {
    const run = await push(shaA, base);
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.equal(await live('{.data.greeting}'), 'first');
    assert.equal(await live('{.spec.replicas}', 'deployment', 'shop-web'), '3', 'from the values file');
    assert.equal(run.outputs.creates, '4');
  });

  it('applies a values change as exactly the object it changes', async () => {
    repo.write('deploy/shop.yaml', helmChart(ns, 'second'));
    shaB = repo.commit('B: a new greeting');
    const run = await push(shaB, shaA);
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.deepEqual([run.outputs.creates, run.outputs.updates, run.outputs.deletes], ['0', '1', '0']);
    assert.equal(await live('{.data.greeting}'), 'second');
  });

  it('git revert of the values change restores the previous state', async () => {
    repo.git('revert', '--no-edit', shaB);
    const reverted = repo.git('rev-parse', 'HEAD');
    const run = await push(reverted, shaB);
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.deepEqual([run.outputs.creates, run.outputs.updates, run.outputs.deletes], ['0', '1', '0']);
    assert.equal(await live('{.data.greeting}'), 'first');
    assert.equal(await live('{.spec.replicas}', 'deployment', 'shop-web'), '3');
    assert.equal(await live('{.metadata.annotations.kube-gitops\\.io/applied-commit}', 'secret', 'kube-gitops-e2e-helm'), reverted);
  });
});
