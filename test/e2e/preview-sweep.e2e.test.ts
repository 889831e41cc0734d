// dist/index.js with `mode: preview-sweep` on a `schedule` event, after `mode: preview` made the
// previews from real `pull_request` payloads, against the local control plane and the GitHub
// stand-in: a preview whose `closed` event was dropped goes (every member and the namespace 404,
// deployment inactive, comment updated), one past its TTL goes without asking GitHub; a namespace of
// the same name without the preview label and a labelled namespace of another repository keep every
// object at the same resourceVersion, and the summary lists the latter as left alone.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startGitHubApiServer, type GitHubApiServer } from '../support/github-api-server.js';
import { GitRepo } from '../support/git-repo.js';
import { pullRequestPayload, runAction, schedulePayload, type ActionRun } from '../support/run-action.js';
import { testCluster, uniqueName, type TestCluster } from '../support/test-cluster.js';

const TOKEN = 'ghs_e2ePreviewSweepToken000000000000000';
const MARKER = /^<!-- kube-gitops:preview target=/;

const app = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
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
        image: nginx:1.0
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: web-settings
data:
  greeting: hello
`;

interface Live {
  metadata: { resourceVersion: string; annotations?: Record<string, string> };
}

describe('mode preview-sweep: previews a closed event missed, or past their TTL, removed (dist/index.js end to end)', () => {
  let c: TestCluster;
  let github: GitHubApiServer;
  let repo: GitRepo;
  let sha: string;
  const prefix = uniqueName('sw');
  const leftovers: string[] = [];

  before(async () => {
    c = await testCluster();
    github = await startGitHubApiServer({ token: TOKEN });
    repo = new GitRepo();
    repo.write('deploy/app.yaml', app);
    sha = repo.commit('manifests');
  });
  after(async () => {
    await github.stop();
    repo.cleanup();
    for (const ns of leftovers) await c.kubectl(['delete', 'namespace', ns, '--ignore-not-found', '--wait=false']);
  });

  const inputs = (mode: string, extra: Record<string, string> = {}) => ({
    mode,
    'preview-prefix': prefix,
    path: 'deploy',
    kubeconfig: c.kubeconfigText,
    'github-token': TOKEN,
    timeout: '180s',
    ...extra,
  });

  function opened(number: number, extra: Record<string, string> = {}): Promise<ActionRun> {
    return runAction({
      event: 'pull_request',
      payload: { ...pullRequestPayload({ number, baseSha: '0'.repeat(40), headSha: sha }), action: 'opened' },
      workspace: repo.dir,
      sha,
      apiUrl: github.url,
      inputs: inputs('preview', extra),
    });
  }

  async function read(kind: string, name: string, ns?: string): Promise<Live | undefined> {
    try {
      return JSON.parse(await c.kubectl(['get', kind, name, ...(ns ? ['-n', ns] : []), '-o', 'json'])) as Live;
    } catch (error) {
      if (String(error).includes('NotFound')) return undefined;
      throw error;
    }
  }

  it('sweeps the dropped-close and expired previews, and leaves the unlabelled and the foreign namespace untouched', async () => {
    const closed = `${prefix}-pr-51`;
    const unlabelled = `${prefix}-pr-52`;
    const foreign = `${prefix}-pr-53`;
    const expired = `${prefix}-pr-54`;
    leftovers.push(closed, unlabelled, foreign, expired);

    for (const [n, extra] of [
      [51, {}],
      [54, { 'preview-ttl': '1s' }],
    ] as const) {
      const run = await opened(n, extra);
      assert.equal(run.code, 0, run.stdout + run.stderr);
    }
    // The preview of #54 was applied long ago: its parent's applied-at says so (no waiting for wall time).
    await c.kubectl(['annotate', 'secret', `kube-gitops-${expired}`, '-n', expired, '--overwrite', 'kube-gitops.io/applied-at=2020-01-01T00:00:00.000Z']);
    // #51 was closed, but its closed event never reached a run; #54 is still open.
    github.pulls.set(51, { state: 'closed', merged: false });
    github.pulls.set(54, { state: 'open', merged: false });
    github.pulls.set(52, { state: 'closed', merged: false });
    github.pulls.set(53, { state: 'closed', merged: false });

    await c.kubectl(['create', 'namespace', unlabelled]);
    await c.kubectl(['create', 'configmap', 'precious', '-n', unlabelled, '--from-literal=keep=me']);
    await c.kubectl(['create', 'namespace', foreign]);
    await c.kubectl(['label', 'namespace', foreign, 'kube-gitops.io/preview=true', 'kube-gitops.io/preview-pr=53']);
    await c.kubectl(['annotate', 'namespace', foreign, 'kube-gitops.io/preview-repository=someone-else/their-repo']);
    await c.kubectl(['create', 'configmap', 'precious', '-n', foreign, '--from-literal=keep=me']);
    const untouched = [
      ['namespace', unlabelled, undefined],
      ['configmap', 'precious', unlabelled],
      ['namespace', foreign, undefined],
      ['configmap', 'precious', foreign],
    ] as const;
    const versions = await Promise.all(untouched.map(([kind, name, ns]) => read(kind, name, ns).then((o) => o?.metadata.resourceVersion)));
    assert.ok(versions.every((v) => v !== undefined));

    // As the documented workflow runs it: no checkout (an empty workspace), no path.
    const empty = mkdtempSync(path.join(os.tmpdir(), 'kube-gitops-sweep-workspace-'));
    const { path: _path, ...sweepInputs } = inputs('preview-sweep');
    const sweep = await runAction({ event: 'schedule', payload: schedulePayload(), workspace: empty, sha, apiUrl: github.url, inputs: sweepInputs });
    rmSync(empty, { recursive: true, force: true });
    assert.equal(sweep.code, 0, sweep.stdout + sweep.stderr);

    for (const ns of [closed, expired]) {
      assert.equal(await read('deployment', 'web', ns), undefined, `${ns}: Deployment 404`);
      assert.equal(await read('configmap', 'web-settings', ns), undefined, `${ns}: ConfigMap 404`);
      assert.equal(await read('secret', `kube-gitops-${ns}`, ns), undefined, `${ns}: ApplySet parent 404`);
      assert.equal(await read('namespace', ns), undefined, `${ns}: Namespace 404`);
    }
    for (const n of [51, 54]) {
      const deployments = github.deployments.deployments.filter((d) => d.environment === `${prefix}/pr-${n}`);
      assert.equal(deployments.length, 1);
      assert.equal(deployments[0]?.statuses.at(-1)?.state, 'inactive');
      const [comment, ...more] = github.comments.filter((m) => m.issueNumber === n && MARKER.test(m.body));
      assert.deepEqual(more, [], 'one sticky comment, updated');
      assert.match(comment?.body ?? '', /Preview removed/);
      assert.match(comment?.body ?? '', /Removed by the scheduled preview sweep/);
    }
    assert.match(github.comments.find((m) => m.issueNumber === 51)?.body ?? '', /pull request #\u200b?51 was closed/);
    assert.match(github.comments.find((m) => m.issueNumber === 54)?.body ?? '', /its TTL ran out \(TTL 1s after the last apply at 2020-01-01T00:00:00\.000Z/);
    assert.deepEqual(github.pulls.reads, [51], 'GitHub is asked only about the preview within its TTL');

    const after = await Promise.all(untouched.map(([kind, name, ns]) => read(kind, name, ns).then((o) => o?.metadata.resourceVersion)));
    assert.deepEqual(after, versions, 'the unlabelled and the foreign namespaces and their objects are unchanged');
    assert.deepEqual(JSON.parse(sweep.outputs.swept ?? ''), [closed, expired]);
    assert.deepEqual(JSON.parse(sweep.outputs.kept ?? ''), []);
    assert.match(sweep.summary, new RegExp(`\\| \`${foreign}\` \\| left alone: it is not a preview of Codertocat/Hello-World`));
    assert.doesNotMatch(sweep.summary, new RegExp(unlabelled), 'an unlabelled namespace is never even listed');
    assert.deepEqual(github.unexpected, []);
  });
});
