// dist/index.js with `mode: preview` on real `pull_request` payloads (opened, synchronize, closed),
// against the local control plane and the GitHub stand-in: the pull request's head goes into its own
// namespace `<prefix>-pr-<n>` (whatever namespace its manifests name), healthy, recorded as a
// transient GitHub Deployment with its URL and described in one sticky comment; a synchronize that
// changes an image changes only that Deployment; closed deletes every member and the namespace
// (404), sets the deployment inactive and updates the comment. A namespace of the same name without
// the preview label is never touched; a cluster-scoped object is refused by name.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startGitHubApiServer, type GitHubApiServer } from '../support/github-api-server.js';
import { GitRepo } from '../support/git-repo.js';
import { pullRequestPayload, runAction, visibleOutputs, type ActionRun } from '../support/run-action.js';
import { testCluster, uniqueName, type TestCluster } from '../support/test-cluster.js';

const TOKEN = 'ghs_e2ePreviewToken00000000000000000000';
const MARKER = /^<!-- kube-gitops:preview target=/;
const SECRET_VALUE = 'preview-sekret-Zq81xW';

const app = (image: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: kube-system
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
kind: ConfigMap
metadata:
  name: web-settings
data:
  greeting: hello
---
apiVersion: v1
kind: Secret
metadata:
  name: web-token
stringData:
  token: ${SECRET_VALUE}
`;

describe('mode preview: a namespace per pull request (dist/index.js end to end)', () => {
  let c: TestCluster;
  let github: GitHubApiServer;
  const prefix = uniqueName('pv');
  const repos: GitRepo[] = [];
  const leftovers: string[] = [];

  before(async () => {
    c = await testCluster();
    github = await startGitHubApiServer({ token: TOKEN });
  });
  after(async () => {
    await github.stop();
    for (const r of repos) r.cleanup();
    for (const ns of leftovers) await c.kubectl(['delete', 'namespace', ns, '--ignore-not-found', '--wait=false']);
  });

  function repoWith(files: Record<string, string>): { repo: GitRepo; sha: string } {
    const repo = new GitRepo();
    repos.push(repo);
    for (const [file, content] of Object.entries(files)) repo.write(file, content);
    return { repo, sha: repo.commit('manifests') };
  }

  function pullRequest(action: string, number: number, at: { repo: GitRepo; sha: string }, extra: Record<string, string> = {}): Promise<ActionRun> {
    return runAction({
      event: 'pull_request',
      payload: { ...pullRequestPayload({ number, baseSha: '0'.repeat(40), headSha: at.sha }), action },
      workspace: at.repo.dir,
      sha: at.sha,
      apiUrl: github.url,
      inputs: {
        mode: 'preview',
        'preview-prefix': prefix,
        path: 'deploy',
        kubeconfig: c.kubeconfigText,
        'github-token': TOKEN,
        'environment-url': 'https://pr-{{pr}}.preview.example.com/',
        timeout: '180s',
        'preview-quota': 'pods: 10',
        'preview-limits': 'default.memory: 256Mi',
        ...extra,
      },
    });
  }

  /** The object as JSON, or undefined when the server answers 404. */
  async function read(
    kind: string,
    name: string,
    ns?: string,
  ): Promise<{ metadata: { resourceVersion: string; labels?: Record<string, string> }; spec?: unknown } | undefined> {
    try {
      return JSON.parse(await c.kubectl(['get', kind, name, ...(ns ? ['-n', ns] : []), '-o', 'json'])) as {
        metadata: { resourceVersion: string; labels?: Record<string, string> };
      };
    } catch (error) {
      if (String(error).includes('NotFound')) return undefined;
      throw error;
    }
  }

  const previewComments = (issue: number) => github.comments.filter((m) => m.issueNumber === issue && MARKER.test(m.body));

  it('opened → applied and healthy in its namespace; synchronize → only the changed Deployment; closed → all gone, deployment inactive', async () => {
    const ns = `${prefix}-pr-41`;
    leftovers.push(ns);
    const first = repoWith({ 'deploy/app.yaml': app('nginx:1.0') });

    const opened = await pullRequest('opened', 41, first);
    assert.equal(opened.code, 0, opened.stdout + opened.stderr);
    const namespace = await read('namespace', ns);
    assert.equal(namespace?.metadata.labels?.['kube-gitops.io/preview'], 'true');
    assert.equal(namespace?.metadata.labels?.['kube-gitops.io/preview-pr'], '41');
    const web = await read('deployment', 'web', ns);
    const settings = await read('configmap', 'web-settings', ns);
    assert.ok(web && settings, 'the Deployment and the ConfigMap are in the preview namespace');
    assert.equal(await read('deployment', 'web', 'kube-system'), undefined, 'nothing went to the namespace the manifest names');
    assert.ok(await read('resourcequota', 'kube-gitops-preview', ns), "the inputs' ResourceQuota");
    assert.ok(await read('limitrange', 'kube-gitops-preview', ns), "the inputs' LimitRange");
    assert.deepEqual(github.unexpected, []);
    const [d, ...more] = github.deployments.deployments;
    assert.deepEqual(more, []);
    assert.deepEqual([d?.environment, d?.transient, d?.production, d?.sha], [`${prefix}/pr-41`, true, false, first.sha]);
    assert.deepEqual(
      d?.statuses.map((s) => [s.state, s.environmentUrl]),
      [
        ['in_progress', 'https://pr-41.preview.example.com/'],
        ['success', 'https://pr-41.preview.example.com/'],
      ],
    );
    const [comment, ...others] = previewComments(41);
    assert.deepEqual(others, []);
    assert.match(comment?.body ?? '', /Preview ready/);
    assert.match(comment?.body ?? '', new RegExp(`\`Deployment/${ns}/web\` \\| healthy`));
    assert.match(comment?.body ?? '', /https:\/\/pr-41\.preview\.example\.com\//);
    assert.match(opened.summary, /Preview ready/, 'the job summary says the same');
    assert.match(opened.outputs['comment-url'] ?? '', /\/pull\/41#issuecomment-\d+$/);

    first.repo.write('deploy/app.yaml', app('nginx:1.1'));
    const second = { repo: first.repo, sha: first.repo.commit('new image') };
    const synchronized = await pullRequest('synchronize', 41, second);
    assert.equal(synchronized.code, 0, synchronized.stdout + synchronized.stderr);
    const webAfter = await read('deployment', 'web', ns);
    assert.match(JSON.stringify(webAfter?.spec), /nginx:1\.1/);
    assert.notEqual(webAfter?.metadata.resourceVersion, web.metadata.resourceVersion);
    assert.equal((await read('configmap', 'web-settings', ns))?.metadata.resourceVersion, settings.metadata.resourceVersion, 'the ConfigMap is not rewritten');
    assert.equal((await read('namespace', ns))?.metadata.resourceVersion, namespace?.metadata.resourceVersion, 'the Namespace is not rewritten');
    assert.equal(previewComments(41).length, 1, 'one sticky comment, updated');

    const closed = await pullRequest('closed', 41, second);
    assert.equal(closed.code, 0, closed.stdout + closed.stderr);
    assert.equal(await read('deployment', 'web', ns), undefined);
    assert.equal(await read('configmap', 'web-settings', ns), undefined);
    assert.equal(await read('resourcequota', 'kube-gitops-preview', ns), undefined);
    assert.equal(await read('namespace', ns), undefined);
    const deployments = github.deployments.deployments.filter((x) => x.environment === `${prefix}/pr-41`);
    assert.equal(deployments.length, 2);
    assert.deepEqual(
      deployments.map((x) => x.statuses.at(-1)?.state),
      ['inactive', 'inactive'],
    );
    const [removed, ...alsoRemoved] = previewComments(41);
    assert.deepEqual(alsoRemoved, []);
    assert.match(removed?.body ?? '', /Preview removed/);
    for (const run of [opened, synchronized, closed]) {
      for (const [where, text] of Object.entries(
        visibleOutputs(
          run,
          github.comments.map((m) => m.body),
        ),
      )) {
        assert.ok(!text.includes(SECRET_VALUE), `no Secret value in the ${where}`);
      }
    }
    assert.match(removed?.body ?? '', new RegExp(`\`Namespace/${ns}\` \\| deleted`));
    assert.deepEqual(github.unexpected, []);
  });

  it('never touches a namespace of the same name that lacks the preview label, on open or on close', async () => {
    const ns = `${prefix}-pr-42`;
    leftovers.push(ns);
    await c.kubectl(['create', 'namespace', ns]);
    await c.kubectl(['create', 'configmap', 'precious', '-n', ns, '--from-literal=keep=me']);
    const before = await read('configmap', 'precious', ns);
    const at = repoWith({ 'deploy/app.yaml': app('nginx:1.0') });
    for (const action of ['opened', 'closed']) {
      const run = await pullRequest(action, 42, at);
      assert.notEqual(run.code, 0, run.stdout);
      assert.match(run.stdout, new RegExp(`The namespace ${ns} exists but is not this pull request's preview`));
      assert.ok(await read('namespace', ns), `${action}: the namespace is still there`);
      assert.equal((await read('configmap', 'precious', ns))?.metadata.resourceVersion, before?.metadata.resourceVersion);
    }
    assert.equal(await read('deployment', 'web', ns), undefined);
  });

  it('refuses a pull request with a cluster-scoped object, naming it, and writes nothing', async () => {
    const ns = `${prefix}-pr-43`;
    const role = uniqueName('pv-reader');
    const at = repoWith({
      'deploy/app.yaml': app('nginx:1.0'),
      'deploy/role.yaml': `apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: ${role}\nrules: []\n`,
    });
    const run = await pullRequest('opened', 43, at);
    assert.notEqual(run.code, 0, run.stdout);
    assert.match(run.stdout, new RegExp(`deploy/role\\.yaml:1.*ClusterRole/${role} is cluster-scoped`));
    assert.equal(await read('namespace', ns), undefined);
    assert.equal(await read('clusterrole', role), undefined);
    const [comment] = previewComments(43);
    assert.match(comment?.body ?? '', /Preview not applied/);
  });

  it('a close while the namespace is held terminating fails at the timeout saying so; run again once it can go, it succeeds', async () => {
    const ns = `${prefix}-pr-44`;
    leftovers.push(ns);
    const at = repoWith({ 'deploy/app.yaml': app('nginx:1.0') });
    const opened = await pullRequest('opened', 44, at);
    assert.equal(opened.code, 0, opened.stdout + opened.stderr);
    const hold = (finalizers: string[]) => c.kubectl(['patch', 'namespace', ns, '--type=merge', '-p', JSON.stringify({ metadata: { finalizers } })]);
    await hold(['kube-gitops.test/hold']);
    await c.kubectl(['delete', 'namespace', ns, '--wait=false']);
    const held = await pullRequest('closed', 44, at, { timeout: '2s' });
    assert.notEqual(held.code, 0, held.stdout);
    assert.match(held.stdout, new RegExp(`the namespace ${ns} was still terminating when the timeout \\(2s\\) ran out`));
    assert.doesNotMatch(held.stdout, /409|Conflict|forbidden/i);
    await hold([]);
    const closed = await pullRequest('closed', 44, at);
    assert.equal(closed.code, 0, closed.stdout + closed.stderr);
    assert.equal(await read('namespace', ns), undefined);
    assert.match(previewComments(44)[0]?.body ?? '', /Preview removed/);
  });

  it('holds an allowed cluster-scoped kind and deletes it on close, but never one of that name it does not own', async () => {
    const allow = { 'preview-cluster-kinds': 'ClusterRole.rbac.authorization.k8s.io' };
    const clusterRole = (name: string) => `apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: ${name}\nrules: []\n`;
    const owned = uniqueName('pv-owned');
    const mine = repoWith({ 'deploy/app.yaml': app('nginx:1.0'), 'deploy/role.yaml': clusterRole(owned) });
    leftovers.push(`${prefix}-pr-45`);
    assert.equal((await pullRequest('opened', 45, mine, allow)).code, 0);
    assert.ok(await read('clusterrole', owned));
    assert.equal((await pullRequest('closed', 45, mine, allow)).code, 0);
    assert.equal(await read('clusterrole', owned), undefined);

    leftovers.push(`${prefix}-pr-46`);
    const someone = uniqueName('pv-someone');
    await c.kubectl(['create', 'clusterrole', someone, '--verb=get', '--resource=pods']);
    try {
      const before = await read('clusterrole', someone);
      const theirs = repoWith({ 'deploy/app.yaml': app('nginx:1.0'), 'deploy/role.yaml': clusterRole(someone) });
      const run = await pullRequest('opened', 46, theirs, allow);
      assert.notEqual(run.code, 0, run.stdout);
      assert.match(run.stdout, new RegExp(`deploy/role\\.yaml:1.*ClusterRole/${someone} exists and is not this preview's \\(no ApplySet owns it\\)`));
      assert.equal((await read('clusterrole', someone))?.metadata.resourceVersion, before?.metadata.resourceVersion);
      assert.equal(await read('namespace', `${prefix}-pr-46`), undefined);
    } finally {
      await c.kubectl(['delete', 'clusterrole', someone, '--ignore-not-found']);
    }
  });
});
