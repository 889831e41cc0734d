// mode: drift through dist/index.js on `schedule` and `workflow_dispatch` payloads, against the local
// control plane and the strict local GitHub API: one issue per target, opened, updated in place,
// closed once clean; nothing written to the cluster.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startGitHubApiServer, type GitHubApiServer } from '../support/github-api-server.js';
import { GitRepo } from '../support/git-repo.js';
import { OUR_WRITES } from '../support/our-writes.js';
import { pushPayload, runAction, schedulePayload, workflowDispatchPayload, type ActionRun } from '../support/run-action.js';
import { testCluster, uniqueName, type TestCluster } from '../support/test-cluster.js';

const TOKEN = 'ghs_e2eDriftToken000000000000000000000';
const MARKER = '<!-- kube-gitops:drift target=drift-check -->';

const app = (ns: string, image: string, greeting: string) => `apiVersion: v1
kind: Namespace
metadata:
  name: ${ns}
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
  namespace: ${ns}
spec:
  replicas: 1
  selector:
    matchLabels: {app: api}
  template:
    metadata:
      labels: {app: api}
    spec:
      containers:
      - name: api
        image: ${image}
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: api-settings
  namespace: ${ns}
data:
  greeting: ${greeting}
`;

describe('the scheduled drift check (dist/index.js end to end)', () => {
  let c: TestCluster;
  let repo: GitRepo;
  let github: GitHubApiServer;
  let ns: string;
  let shaA = '';

  before(async () => {
    c = await testCluster();
    repo = new GitRepo();
    ns = uniqueName('e2e-drift');
    github = await startGitHubApiServer({ token: TOKEN, compare: (b, h) => repo.compare(b, h) });
    repo.write('deploy/app.yaml', app(ns, 'registry.example/api:1', 'hello'));
    shaA = repo.commit('A');
    const applied = await runAction({
      event: 'push',
      payload: pushPayload({ before: '0'.repeat(40), after: shaA }),
      workspace: repo.dir,
      sha: shaA,
      apiUrl: github.url,
      inputs: { ...inputs(), wait: 'false' },
    });
    assert.equal(applied.code, 0, applied.stdout);
  });
  after(async () => {
    await github.stop();
    repo.cleanup();
    await c.kubectl(['delete', 'namespace', ns, '--wait=false', '--ignore-not-found']);
  });

  function inputs(): Record<string, string> {
    return { path: 'deploy', name: 'drift-check', namespace: ns, kubeconfig: c.kubeconfigText, 'github-token': TOKEN };
  }

  function check(event: 'schedule' | 'workflow_dispatch', extra: Record<string, string> = {}, server = github): Promise<ActionRun> {
    const sha = repo.git('rev-parse', 'HEAD');
    return runAction({
      event,
      payload: event === 'schedule' ? schedulePayload() : workflowDispatchPayload(),
      workspace: repo.dir,
      sha,
      apiUrl: server.url,
      inputs: { ...inputs(), mode: 'drift', ...extra },
    });
  }

  const ourIssues = () => github.issues.issues.filter((i) => i.body.startsWith(`${MARKER}\n`) && i.user.login === 'github-actions[bot]');
  const writes = () => c.kubectl(['get', 'deployments,configmaps', '-n', ns, '-o', OUR_WRITES]);

  it('opens one issue on a schedule when a ConfigMap was changed by hand, naming who changed it, and writes nothing', async () => {
    await c.kubectl(['patch', 'configmap', 'api-settings', '-n', ns, '--type=merge', '-p', '{"data":{"greeting":"by hand"}}']);
    const before = await writes();
    const run = await check('schedule');
    assert.equal(run.code, 0, run.stdout);
    assert.deepEqual([run.outputs.drift, run.outputs.drifted, run.outputs['has-changes'], run.outputs.updates], ['true', '1', 'true', '1']);
    assert.equal(ourIssues().length, 1);
    const issue = ourIssues()[0]!;
    assert.equal(issue.state, 'open');
    assert.deepEqual(issue.labels, ['kube-gitops-drift']);
    assert.match(issue.body, new RegExp(`The ApplySet records \`${shaA.slice(0, 7)}\`, the branch head, as applied`));
    assert.match(issue.body, /#### Drift: 1 object\(s\) changed in the cluster/);
    assert.match(issue.body, /\| ✏️ update \| ConfigMap \| [a-z0-9-]+ \| api-settings \| `kubectl-patch` \(Update, [^)]+\) \|/);
    assert.match(run.summary, /kube-gitops drift check for \*\*drift-check\*\*/, 'a job summary every run');
    assert.equal(await writes(), before, 'drift mode never writes to the cluster');
    const greeting = (await c.kubectl(['get', 'configmap', 'api-settings', '-n', ns, '-o', 'jsonpath={.data.greeting}'])).trim();
    assert.equal(greeting, 'by hand');
  });

  it('updates the same issue on a later run (workflow_dispatch), saying the branch head is not applied yet apart from drift', async () => {
    repo.write('deploy/app.yaml', app(ns, 'registry.example/api:2', 'hello'));
    repo.commit('B: api 2, not applied');
    const run = await check('workflow_dispatch');
    assert.equal(run.code, 0, run.stdout);
    assert.deepEqual([run.outputs.drift, run.outputs.drifted], ['true', '1']);
    assert.equal(ourIssues().length, 1, 'never a second issue');
    const body = ourIssues()[0]!.body;
    assert.match(
      body,
      new RegExp(
        `The ApplySet records \`${shaA.slice(0, 7)}\` as applied, not the branch head \`[0-9a-f]{7}\`: 1 change\\(s\\) made in Git since then are \\*\\*not applied yet\\*\\*`,
      ),
    );
    const notApplied = body.indexOf(`#### Not applied yet: changed in Git since \`${shaA.slice(0, 7)}\``);
    const drift = body.indexOf('#### Drift: 1 object(s) changed in the cluster');
    assert.ok(notApplied > 0 && drift > notApplied, body);
    assert.ok(body.indexOf('| Deployment |') > notApplied && body.indexOf('| Deployment |') < drift, 'the Deployment is not applied yet');
    assert.ok(github.requests.some((r) => r.method === 'PATCH' && /\/issues\/\d+$/.test(r.path)));
  });

  it('fails the step with fail-on-drift: true, and warns (does not fail) with a read-only token', async () => {
    const failing = await check('schedule', { 'fail-on-drift': 'true' });
    assert.notEqual(failing.code, 0);
    assert.match(failing.stdout, /::error::The cluster differs from Git \(fail-on-drift: true\)/);
    const readOnly = await startGitHubApiServer({ token: TOKEN, readOnly: true });
    try {
      const run = await check('schedule', {}, readOnly);
      assert.equal(run.code, 0, run.stdout);
      assert.match(run.stdout, /::warning::The token cannot write issues \(it needs `issues: write`\)/);
      assert.equal(run.outputs.drift, 'true');
    } finally {
      await readOnly.stop();
    }
  });

  it('closes the issue with a comment once the hand change is undone and the branch head is live', async () => {
    repo.git('reset', '-q', '--hard', shaA);
    await c.kubectl(['patch', 'configmap', 'api-settings', '-n', ns, '--type=merge', '-p', '{"data":{"greeting":"hello"}}']);
    const run = await check('schedule');
    assert.equal(run.code, 0, run.stdout);
    assert.deepEqual([run.outputs.drift, run.outputs.drifted, run.outputs['has-changes']], ['false', '0', 'false']);
    const [issue, ...more] = ourIssues();
    assert.equal(more.length, 0);
    assert.equal(issue?.state, 'closed');
    assert.match(github.comments.find((x) => x.issueNumber === issue?.number)?.body ?? '', /The cluster matches Git again at `[0-9a-f]{7}`/);
    assert.deepEqual(github.unexpected, []);
  });

  it("never edits, comments on or closes another app's open issue with our label and marker", async () => {
    const foreign = github.issues.seed({
      title: 'kube-gitops: the cluster differs from Git for drift-check',
      body: `${MARKER}\nforged by another app`,
      state: 'open',
      stateReason: null,
      labels: ['kube-gitops-drift'],
      user: { login: 'other-app[bot]', id: 7_000_001, type: 'Bot' },
    });
    const run = await check('schedule');
    assert.equal(run.code, 0, run.stdout);
    assert.equal(run.outputs.drift, 'false');
    assert.deepEqual([foreign.state, foreign.body], ['open', `${MARKER}\nforged by another app`]);
    assert.deepEqual(
      github.comments.filter((x) => x.issueNumber === foreign.number),
      [],
    );
    assert.ok(!github.requests.some((r) => r.path.endsWith(`/issues/${foreign.number}`) && r.method === 'PATCH'));
    assert.deepEqual(github.unexpected, []);
  });
});
