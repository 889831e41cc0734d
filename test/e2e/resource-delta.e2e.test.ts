// dist/index.js on a `pull_request` against the local control plane and the strict local GitHub API:
// the resource delta of a scale from 2 to 4 in the comment (one line under the verdict), the job
// summary and the `resources` output, with the `prices` input's monthly estimate; a bad `prices`
// value fails the step naming the input.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startGitHubApiServer, type GitHubApiServer } from '../support/github-api-server.js';
import { GitRepo } from '../support/git-repo.js';
import { pullRequestPayload, pushPayload, runAction } from '../support/run-action.js';
import { testCluster, uniqueName, type TestCluster } from '../support/test-cluster.js';

const TOKEN = 'ghs_e2eResourcesToken00000000000000000';

const app = (ns: string, replicas: number) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
  namespace: ${ns}
spec:
  replicas: ${replicas}
  selector:
    matchLabels: {app: api}
  template:
    metadata:
      labels: {app: api}
    spec:
      containers:
      - name: api
        image: registry.example/api:1
        resources:
          requests: {cpu: 100m, memory: 128Mi}
`;

describe('the resource delta (dist/index.js end to end)', () => {
  let c: TestCluster;
  let repo: GitRepo;
  let github: GitHubApiServer;
  let ns: string;
  let base = '';

  before(async () => {
    c = await testCluster();
    repo = new GitRepo();
    ns = uniqueName('e2e-resources');
    github = await startGitHubApiServer({ token: TOKEN });
    repo.write('deploy/ns.yaml', `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${ns}\n`);
    repo.write('deploy/app.yaml', app(ns, 2));
    base = repo.commit('base');
    const applied = await runAction({
      event: 'push',
      payload: pushPayload({ before: '0'.repeat(40), after: base }),
      workspace: repo.dir,
      sha: base,
      inputs: { path: 'deploy', name: 'res', namespace: ns, kubeconfig: c.kubeconfigText, wait: 'false' },
    });
    assert.equal(applied.code, 0, applied.stdout);
  });
  after(async () => {
    await github.stop();
    repo.cleanup();
    await c.kubectl(['delete', 'namespace', ns, '--wait=false', '--ignore-not-found']);
  });

  const plan = (head: string, inputs: Record<string, string>) =>
    runAction({
      event: 'pull_request',
      payload: pullRequestPayload({ number: 42, baseSha: base, headSha: head }),
      workspace: repo.dir,
      sha: head,
      apiUrl: github.url,
      inputs: { path: 'deploy', name: 'res', namespace: ns, kubeconfig: c.kubeconfigText, 'github-token': TOKEN, ...inputs },
    });

  it('shows a scale from 2 to 4 in the comment, the summary and the resources output, with the monthly estimate', async () => {
    repo.write('deploy/app.yaml', app(ns, 4));
    const head = repo.commit('api to 4');
    const run = await plan(head, { prices: 'cpu-hour=0.05,gib-hour=0.01' });
    assert.equal(run.code, 0, run.stdout);
    const line = '📦 **Resources:** +0.2 CPU, +256 MiB memory requests, +2 pods · ≈ +9.13 a month at the given prices (730 h).';
    assert.ok(github.comments[0]?.body.includes(line), github.comments[0]?.body.slice(0, 800));
    assert.ok(run.summary.includes(line));
    const output = JSON.parse(run.outputs.resources ?? '{}') as { summary: string; total: { low: { pods: number } }; monthly: { low: number } };
    assert.equal(output.summary, '+0.2 CPU, +256 MiB memory requests, +2 pods');
    assert.equal(output.total.low.pods, 2);
    assert.equal(output.monthly.low.toFixed(4), (730 * (0.2 * 0.05 + 0.25 * 0.01)).toFixed(4));
  });

  it('fails the step with a message naming the prices input when its value does not read', async () => {
    const run = await plan(repo.git('rev-parse', 'HEAD'), { prices: 'cpu=1' });
    assert.notEqual(run.code, 0);
    assert.match(run.stdout, /Input 'prices' has an unknown key "cpu"/);
  });
});
