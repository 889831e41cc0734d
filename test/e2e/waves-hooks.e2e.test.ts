// dist/index.js run as the runner runs it, on `push` payloads, against the local control plane: a
// migration Job as a pre-apply hook before a Deployment (wave 0) and a Service (wave 1); a re-run
// does not run the hook, a new image does; a hook that never completes fails the push.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startGitHubApiServer, type GitHubApiServer } from '../support/github-api-server.js';
import { GitRepo } from '../support/git-repo.js';
import { pushPayload, runAction, type ActionRun } from '../support/run-action.js';
import { testCluster, uniqueName, type TestCluster } from '../support/test-cluster.js';
import { NEVER_READY_LABEL } from '../cluster/kwok-stages.js';

const TOKEN = 'ghs_e2eWavesToken0000000000000000000000';

const manifests = (ns: string, image: string, hookPodLabels = '') => `apiVersion: v1
kind: Namespace
metadata:
  name: ${ns}
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: db-config
  namespace: ${ns}
data:
  DATABASE_HOST: db.example
---
apiVersion: batch/v1
kind: Job
metadata:
  name: migrate
  namespace: ${ns}
  annotations:
    kube-gitops.io/hook: pre-apply
spec:
  backoffLimit: 0
  template:
    metadata:
      labels: {app: migrate${hookPodLabels}}
    spec:
      restartPolicy: Never
      containers:
      - name: migrate
        image: migrate:1
        envFrom:
        - configMapRef: {name: db-config}
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: ${ns}
  annotations:
    kube-gitops.io/apply-wave: "0"
spec:
  replicas: 1
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: web
        image: ${image}
---
apiVersion: v1
kind: Service
metadata:
  name: web
  namespace: ${ns}
  annotations:
    kube-gitops.io/apply-wave: "1"
spec:
  selector: {app: web}
  ports:
  - port: 80
`;

describe('waves and hooks on push (dist/index.js end to end)', () => {
  let c: TestCluster;
  let repo: GitRepo;
  let github: GitHubApiServer;
  let ns: string;
  let previous = '0'.repeat(40);
  let firstUid = '';

  before(async () => {
    c = await testCluster();
    repo = new GitRepo();
    ns = uniqueName('e2e-waves');
    github = await startGitHubApiServer({ token: TOKEN, compare: (base, head) => repo.compare(base, head), pulls: () => [] });
  });
  after(async () => {
    await github.stop();
    repo.cleanup();
    await c.kubectl(['delete', 'namespace', ns, '--wait=false', '--ignore-not-found']);
  });

  async function push(sha: string, inputs: Record<string, string> = {}): Promise<ActionRun> {
    repo.git('checkout', '-q', sha);
    const run = await runAction({
      event: 'push',
      payload: pushPayload({ before: previous, after: sha }),
      workspace: repo.dir,
      sha,
      apiUrl: github.url,
      inputs: { path: 'deploy', namespace: ns, name: 'e2e', kubeconfig: c.kubeconfigText, 'github-token': TOKEN, timeout: '90s', ...inputs },
    });
    repo.git('checkout', '-q', 'master');
    previous = sha;
    return run;
  }

  const get = async (kind: string, name: string, path: string): Promise<string> =>
    (await c.kubectl(['get', kind, name, '-n', ns, '-o', `jsonpath=${path}`, '--ignore-not-found'])).trim();

  it('runs the migration Job to completion before the Deployment exists, and the Service after it', async () => {
    repo.write('deploy/app.yaml', manifests(ns, 'web:1'));
    const run = await push(repo.commit('A: web 1 with a migration'));
    assert.equal(run.code, 0, run.stdout + run.stderr);
    const completed = await get('job', 'migrate', '{.status.completionTime}');
    const deploymentCreated = await get('deployment', 'web', '{.metadata.creationTimestamp}');
    assert.ok(completed !== '' && completed <= deploymentCreated, `Job completed ${completed}, Deployment created ${deploymentCreated}`);
    const order = [
      'created Job/',
      `Job/${ns}/migrate is healthy`,
      `create Deployment/${ns}/web`,
      `Deployment/${ns}/web is healthy`,
      `create Service/${ns}/web`,
    ];
    const positions = order.map((line) => run.stdout.indexOf(line));
    assert.ok(
      positions.every((p, i) => p >= 0 && (i === 0 || p > (positions[i - 1] ?? 0))),
      `log order ${JSON.stringify(positions)}:\n${run.stdout}`,
    );
    assert.match(run.summary, /### Hooks/);
    assert.match(run.summary, new RegExp(`\`Job/${ns}/migrate\` \\| before the rollout \\| ✅ completed`));
    firstUid = await get('job', 'migrate', '{.metadata.uid}');
  });

  it('a re-run of the same commit does not run the Job again', async () => {
    const run = await push(previous);
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.equal(run.outputs['has-changes'], 'false');
    assert.equal(await get('job', 'migrate', '{.metadata.uid}'), firstUid);
  });

  it('a new image runs the Job again, as a new Job, before the rollout', async () => {
    repo.write('deploy/app.yaml', manifests(ns, 'web:2'));
    const run = await push(repo.commit('B: web 2'));
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.notEqual(await get('job', 'migrate', '{.metadata.uid}'), firstUid);
    assert.equal(await get('deployment', 'web', '{.spec.template.spec.containers[0].image}'), 'web:2');
    assert.ok(run.stdout.indexOf(`Job/${ns}/migrate is healthy`) < run.stdout.indexOf(`update Deployment/${ns}/web`), run.stdout);
  });

  it('a hook that never completes fails the push: the Deployment keeps its image, the summary names the Job, its pod and the revert', async () => {
    repo.write('deploy/app.yaml', manifests(ns, 'web:3', `, ${JSON.stringify(NEVER_READY_LABEL)}: "true"`));
    const sha = repo.commit('C: a migration that never finishes');
    const run = await push(sha, { timeout: '10s' });
    assert.notEqual(run.code, 0);
    assert.equal(await get('deployment', 'web', '{.spec.template.spec.containers[0].image}'), 'web:2');
    const pods = (await c.kubectl(['get', 'pods', '-n', ns, '-l', 'app=migrate', '-o', 'jsonpath={.items[*].metadata.name}'])).trim();
    assert.ok(pods !== '', 'the hook pod exists');
    assert.match(run.summary, new RegExp(`The run stopped at pre-apply hook Job/${ns}/migrate`));
    assert.ok(run.summary.includes(`pod ${pods.split(/\s+/)[0] ?? ''}`), run.summary);
    assert.match(run.summary, new RegExp(`git revert ${sha}`));
  });
});
