// dist/index.js run as the runner runs it, on `push` payloads, against the local control plane:
// commit A, commit B, then `git revert B`. After each run the cluster equals that commit's manifests.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startGitHubApiServer, type GitHubApiServer } from '../support/github-api-server.js';
import { GitRepo } from '../support/git-repo.js';
import { pushPayload, runAction, type ActionRun } from '../support/run-action.js';
import { testCluster, uniqueName, type TestCluster } from '../support/test-cluster.js';
import { NEVER_READY_LABEL } from '../cluster/kwok-stages.js';

const TOKEN = 'ghs_e2eApplyToken000000000000000000000';

function deployment(ns: string, image: string, extraLabels = '', progressDeadline = ''): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: ${ns}
spec:
  replicas: 2
  ${progressDeadline}
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web${extraLabels}}
    spec:
      containers:
      - name: web
        image: ${image}
`;
}

const configMap = (ns: string) => `apiVersion: v1
kind: ConfigMap
metadata:
  name: web-settings
  namespace: ${ns}
data:
  greeting: hello
`;

const service = (ns: string) => `apiVersion: v1
kind: Service
metadata:
  name: web
  namespace: ${ns}
spec:
  selector: {app: web}
  ports:
  - port: 80
    targetPort: 8080
`;

describe('apply on push, and rollback by git revert (dist/index.js end to end)', () => {
  let c: TestCluster;
  let repo: GitRepo;
  let github: GitHubApiServer;
  let ns: string;
  let shaA = '';
  let shaB = '';

  before(async () => {
    c = await testCluster();
    repo = new GitRepo();
    ns = uniqueName('e2e-apply');
    github = await startGitHubApiServer({
      token: TOKEN,
      compare: (base, head) => repo.compare(base, head),
      pulls: () => [{ number: 77, state: 'closed', merged_at: '2026-11-22T10:00:00Z' }],
    });
  });
  after(async () => {
    await github.stop();
    repo.cleanup();
    await c.kubectl(['delete', 'namespace', ns, '--wait=false', '--ignore-not-found']);
  });

  async function push(sha: string, before: string, inputs: Record<string, string> = {}): Promise<ActionRun> {
    repo.git('checkout', '-q', sha);
    return runAction({
      event: 'push',
      payload: pushPayload({ before, after: sha }),
      workspace: repo.dir,
      sha,
      apiUrl: github.url,
      inputs: { path: 'deploy', namespace: ns, name: 'e2e', kubeconfig: c.kubeconfigText, 'github-token': TOKEN, timeout: '90s', ...inputs },
    });
  }

  async function liveSet(): Promise<string[]> {
    const out = await c.kubectl([
      'get',
      'deployments,configmaps,services',
      '-n',
      ns,
      '-l',
      'applyset.kubernetes.io/part-of',
      '-o',
      'jsonpath={range .items[*]}{.kind}/{.metadata.name}{"\\n"}{end}',
    ]);
    return out.trim().split('\n').filter(Boolean).sort();
  }

  async function image(): Promise<string> {
    return (await c.kubectl(['get', 'deployment', 'web', '-n', ns, '-o', 'jsonpath={.spec.template.spec.containers[0].image}'])).trim();
  }

  async function rolledOut(): Promise<boolean> {
    const out = await c.kubectl([
      'get',
      'deployment',
      'web',
      '-n',
      ns,
      '-o',
      'jsonpath={.status.updatedReplicas}/{.status.availableReplicas}/{.status.replicas}',
    ]);
    return out.trim() === '2/2/2';
  }

  it('commit A: creates the namespace objects, waits for the rollout and records the commit', async () => {
    repo.write('deploy/namespace.yaml', `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${ns}\n`);
    repo.write('deploy/web.yaml', `${deployment(ns, 'registry.example/web:1.0')}---\n${configMap(ns)}`);
    shaA = repo.commit('A: web 1.0 with settings');
    const run = await push(shaA, '0'.repeat(40));
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.deepEqual(await liveSet(), ['ConfigMap/web-settings', 'Deployment/web']);
    assert.equal(await image(), 'registry.example/web:1.0');
    assert.ok(await rolledOut());
    assert.equal(run.outputs.creates, '3');
    assert.match(run.summary, /## kube-gitops apply of `[0-9a-f]{7}` to \*\*e2e\*\*\n\n✅ \*\*Applied\*\*: 3 written, 0 pruned, all healthy\./);
    const commit = (
      await c.kubectl(['get', 'secret', 'kube-gitops-e2e', '-n', ns, '-o', 'jsonpath={.metadata.annotations.kube-gitops\\.io/applied-commit}'])
    ).trim();
    assert.equal(commit, shaA);
  });

  it('re-running commit A changes nothing', async () => {
    const before = await c.kubectl(['get', 'deployments,configmaps', '-n', ns, '-o', 'jsonpath={range .items[*]}{.metadata.resourceVersion} {end}']);
    const run = await push(shaA, shaA);
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.equal(run.outputs['has-changes'], 'false');
    const afterRun = await c.kubectl(['get', 'deployments,configmaps', '-n', ns, '-o', 'jsonpath={range .items[*]}{.metadata.resourceVersion} {end}']);
    assert.equal(afterRun, before);
  });

  it('commit B: new image, new Service, ConfigMap removed', async () => {
    repo.git('checkout', '-q', 'master');
    repo.write('deploy/web.yaml', `${deployment(ns, 'registry.example/web:2.0')}---\n${service(ns)}`);
    shaB = repo.commit('B: web 2.0, a Service, no settings');
    const run = await push(shaB, shaA);
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.deepEqual(await liveSet(), ['Deployment/web', 'Service/web']);
    assert.equal(await image(), 'registry.example/web:2.0');
    assert.ok(await rolledOut());
    assert.deepEqual([run.outputs.creates, run.outputs.updates, run.outputs.deletes], ['1', '1', '1']);
  });

  it('does not apply an older commit once a newer one is live (out-of-order guard through the compare API): its change went out with the live commit, so the step does not fail', async () => {
    const run = await push(shaA, shaA);
    assert.equal(run.code, 0, run.stdout + run.stderr);
    const live = shaB.slice(0, 7);
    assert.ok(
      run.stdout.includes(`::warning::Nothing to apply: ${live}, already live, contains this commit, so its change went out as part of ${live}.`),
      'one single-line warning',
    );
    assert.doesNotMatch(run.stdout, /^::error::/m);
    assert.match(run.summary, /## kube-gitops apply of `[0-9a-f]{7}` to \*\*e2e\*\*\n\n⏭️ \*\*Already live\*\*: Nothing to apply/);
    assert.match(run.summary, /> - Refusing to apply [0-9a-f]{7}: it is older than/);
    assert.equal(run.outputs['went-out-with'], shaB);
    const told = github.comments.find((x) => x.issueNumber === 77 && x.body.startsWith('<!-- kube-gitops:went-out target=e2e -->'));
    assert.ok(told?.body.includes(`Went out to \`e2e\` as part of \`${live}\``), 'its pull request is told it went out with the live commit');
    assert.equal(run.outputs['has-changes'], undefined, 'no counts: the step succeeds and this run changed nothing');
    assert.deepEqual(await liveSet(), ['Deployment/web', 'Service/web'], 'nothing changed');
    assert.ok(github.requests.some((r) => r.method === 'GET' && r.path.includes(`/compare/${shaB}...${shaA}`)));
  });

  it('git revert B restores A exactly: the Service is deleted, the ConfigMap and image come back', async () => {
    repo.git('checkout', '-q', 'master');
    repo.git('revert', '--no-edit', shaB);
    const shaRevert = repo.git('rev-parse', 'HEAD');
    const run = await push(shaRevert, shaB);
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.deepEqual(await liveSet(), ['ConfigMap/web-settings', 'Deployment/web']);
    assert.equal(await image(), 'registry.example/web:1.0');
    assert.ok(await rolledOut());
    const data = (await c.kubectl(['get', 'configmap', 'web-settings', '-n', ns, '-o', 'jsonpath={.data.greeting}'])).trim();
    assert.equal(data, 'hello');
  });

  it('fails a rollout that never becomes ready at its progress deadline (not the 5m timeout), naming the Deployment', async () => {
    repo.git('checkout', '-q', 'master');
    repo.write(
      'deploy/web.yaml',
      `${deployment(ns, 'registry.example/web:3.0', `, ${JSON.stringify(NEVER_READY_LABEL)}: "true"`, 'progressDeadlineSeconds: 5')}---\n${configMap(ns)}`,
    );
    const sha = repo.commit('C: a release that never becomes ready');
    const run = await push(sha, repo.git('rev-parse', 'HEAD~1'), { timeout: '5m' });
    assert.notEqual(run.code, 0);
    assert.match(run.stdout, /Deployment\/[a-z0-9-]+\/web/);
    assert.match(run.stdout + run.summary, /ProgressDeadlineExceeded/);
    assert.match(run.summary, /git revert [0-9a-f]{40}/);
    const report = github.comments.find((x) => x.issueNumber === 77 && x.body.includes('<!-- kube-gitops:apply target=e2e -->'));
    assert.ok(report, 'the merged pull request gets the apply report');
    assert.match(report.body, new RegExp(`git revert ${sha}`));
    assert.equal(
      github.comments.filter((x) => x.issueNumber === 77 && x.body.includes('<!-- kube-gitops:apply target=e2e -->')).length,
      1,
      'one sticky report per target, updated in place',
    );
  });

  it('a conflict the plan predicts refuses the merge before the first write: nothing applied, nothing pruned', async () => {
    repo.git('checkout', '-q', 'master');
    await c.kubectl(
      ['apply', '--server-side', '--force-conflicts', '--field-manager=someone-else', '-f', '-'],
      configMap(ns).replace('greeting: hello', 'greeting: theirs'),
    );
    repo.write('deploy/web.yaml', `${deployment(ns, 'registry.example/web:1.0')}---\n${configMap(ns).replace('hello', 'ours')}`);
    repo.remove('deploy/namespace.yaml');
    repo.write('deploy/extra.yaml', `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: extra\n  namespace: ${ns}\ndata: {a: "1"}\n`);
    const sha = repo.commit('D: conflicting settings');
    const run = await push(sha, repo.git('rev-parse', 'HEAD~1'));
    assert.notEqual(run.code, 0);
    assert.match(run.stdout, /ConfigMap\/[a-z0-9-]+\/web-settings: \.data\.greeting \(owned by someone-else\) would conflict with the apply/);
    assert.doesNotMatch(run.stdout, /apply failed \(Conflict\)/, 'no write was tried');
    assert.equal(await c.kubectl(['get', 'configmap', 'extra', '-n', ns, '--ignore-not-found', '-o', 'name']), '', 'the new ConfigMap was not created');
    assert.equal(
      (await c.kubectl(['get', 'configmap', 'web-settings', '-n', ns, '-o', 'jsonpath={.data.greeting}'])).trim(),
      'theirs',
      'the hand change is still live',
    );
    const ns_ = (await c.kubectl(['get', 'namespace', ns, '-o', 'name'])).trim();
    assert.equal(ns_, `namespace/${ns}`, 'the Namespace that left Git was not pruned');
  });
});
