// dist/index.js run as the runner runs it on `pull_request` payloads, against the local control
// plane and the strict local GitHub API: one sticky comment, edited in place, always under the limit.
import assert from 'node:assert/strict';
import { cpSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startGitHubApiServer, type GitHubApiServer } from '../support/github-api-server.js';
import { GitRepo } from '../support/git-repo.js';
import { OUR_WRITES } from '../support/our-writes.js';
import { pullRequestPayload, pushPayload, runAction } from '../support/run-action.js';
import { testCluster, uniqueName, type TestCluster } from '../support/test-cluster.js';

const TOKEN = 'ghs_e2ePlanToken0000000000000000000000';
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const PLAIN = 'pl4in-s3cret-value-for-the-test';
const STRING_DATA = 'str1ngdata-s3cret-value';

const app = (ns: string, image: string, replicas = 2) => `apiVersion: apps/v1
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
        image: ${image}
---
apiVersion: v1
kind: Secret
metadata:
  name: api-credentials
  namespace: ${ns}
  annotations:
    example.com/leaked-copy: ${PLAIN}
data:
  password: ${Buffer.from(PLAIN).toString('base64')}
stringData:
  token: ${STRING_DATA}
`;

describe('the pull request comment (dist/index.js end to end)', () => {
  let c: TestCluster;
  let repo: GitRepo;
  let github: GitHubApiServer;
  let ns: string;
  let base = '';

  before(async () => {
    c = await testCluster();
    repo = new GitRepo();
    ns = uniqueName('e2e-plan');
    github = await startGitHubApiServer({ token: TOKEN });
    repo.write('deploy/ns.yaml', `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${ns}\n`);
    repo.write('deploy/app.yaml', app(ns, 'registry.example/api:1'));
    base = repo.commit('base');
    const applied = await runAction({
      event: 'push',
      payload: pushPayload({ before: '0'.repeat(40), after: base }),
      workspace: repo.dir,
      sha: base,
      inputs: { path: 'deploy', name: 'pr', namespace: ns, kubeconfig: c.kubeconfigText, wait: 'false' },
    });
    assert.equal(applied.code, 0, applied.stdout);
  });
  after(async () => {
    await github.stop();
    repo.cleanup();
    await c.kubectl(['delete', 'namespace', ns, '--wait=false', '--ignore-not-found']);
  });

  const plan = (head: string, inputs: Record<string, string> = {}, server = github) =>
    runAction({
      event: 'pull_request',
      payload: pullRequestPayload({ number: 42, baseSha: base, headSha: head }),
      workspace: repo.dir,
      sha: head,
      apiUrl: server.url,
      inputs: { path: 'deploy', name: 'pr', namespace: ns, kubeconfig: c.kubeconfigText, 'github-token': TOKEN, ...inputs },
    });

  it('posts one comment with the live diff, and writes nothing to the cluster', async () => {
    const before = await c.kubectl(['get', 'all,secrets,configmaps', '-n', ns, '-o', OUR_WRITES]);
    repo.write('deploy/app.yaml', app(ns, 'registry.example/api:2'));
    const head = repo.commit('api 2');
    const run = await plan(head);
    assert.equal(run.code, 0, run.stdout);
    assert.equal(github.comments.length, 1);
    const body = github.comments[0]!.body;
    assert.match(body, /<!-- kube-gitops:plan target=pr -->/);
    assert.match(body, /0 create, 1 update, 0 replace, 0 delete, 2 unchanged/);
    assert.match(body, /\n-\s+- image: registry\.example\/api:1\n\+\s+- image: registry\.example\/api:2\n/);
    assert.deepEqual([run.outputs['has-changes'], run.outputs.updates, run.outputs.creates], ['true', '1', '0']);
    const afterRun = await c.kubectl(['get', 'all,secrets,configmaps', '-n', ns, '-o', OUR_WRITES]);
    assert.equal(afterRun, before, 'plan mode never writes to the cluster');
    assert.deepEqual(github.unexpected, []);
  });

  it('with labels: true, labels the pull request with what the plan does, keeping labels of its own; the verdict links the run', async () => {
    github.labels.seed(42, ['needs-review', 'kube-gitops:no-changes']);
    const run = await plan(repo.git('rev-parse', 'HEAD'), { labels: 'true' });
    assert.equal(run.code, 0, run.stdout);
    assert.deepEqual([...github.labels.on(42)].sort(), ['kube-gitops:changes', 'needs-review']);
    assert.match(
      github.comments.at(-1)!.body,
      /^🚀 \*\*Merging applies 1 change\*\*\. · \[Workflow run\]\(https:\/\/github\.com\/[^)]+\/actions\/runs\/4242\)$/m,
    );
    const off = await plan(repo.git('rev-parse', 'HEAD'));
    assert.equal(off.code, 0, off.stdout);
    assert.deepEqual([...github.labels.on(42)].sort(), ['kube-gitops:changes', 'needs-review'], 'labels: false (the default) touches no label');
    assert.deepEqual(github.unexpected, []);
  });

  it('edits the same comment after a new commit instead of adding a second one', async () => {
    repo.write('deploy/extra.yaml', `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: extra\n  namespace: ${ns}\ndata: {a: "1"}\n`);
    const head = repo.commit('extra');
    const run = await plan(head);
    assert.equal(run.code, 0, run.stdout);
    assert.equal(github.comments.length, 1);
    assert.match(github.comments[0]!.body, /1 create, 1 update/);
    assert.ok(github.requests.some((r) => r.method === 'PATCH' && /\/issues\/comments\/\d+$/.test(r.path)));
  });

  it('never lets a Secret value reach the comment, the summary, the log or the outputs', async () => {
    repo.write(
      'deploy/app.yaml',
      app(ns, 'registry.example/api:2')
        .replace(PLAIN, `${PLAIN}-rotated`)
        .replace(Buffer.from(PLAIN).toString('base64'), Buffer.from(`${PLAIN}-rotated`).toString('base64')),
    );
    const head = repo.commit('rotate');
    const run = await plan(head);
    assert.equal(run.code, 0, run.stdout);
    const shownLog = run.stdout
      .split('\n')
      .filter((l) => !l.startsWith('::add-mask::'))
      .join('\n'); // the runner consumes its mask commands
    const everything = [
      github.comments.map((x) => x.body).join('\n'),
      run.summary,
      shownLog,
      run.stderr,
      JSON.stringify(run.outputs),
      (await import('node:fs')).readFileSync(run.outputs['plan-file']!, 'utf8'),
    ].join('\n');
    for (const secret of [PLAIN, `${PLAIN}-rotated`, STRING_DATA]) {
      for (const form of [secret, Buffer.from(secret).toString('base64')]) assert.ok(!everything.includes(form), `found ${form.slice(0, 6)}… in the output`);
    }
    assert.match(github.comments[0]!.body, /value hidden, changed/);
  });

  it("keeps a kube-prometheus-sized plan with a big change under GitHub's limit, naming what was left out", async () => {
    cpSync(path.resolve(root, '../shared/corpus/kube-prometheus/manifests'), path.join(repo.dir, 'deploy/kube-prometheus'), { recursive: true });
    const head = repo.commit('add kube-prometheus');
    // The corpus apply tests leave the same CRDs on a reused cluster under their own ApplySet: adopt, so
    // this plan is about size, not ownership, whatever ran before it.
    const run = await plan(head, { path: 'deploy', adopt: 'true' });
    assert.equal(run.code, 0, run.stdout.slice(-3000));
    const body = github.comments[0]!.body;
    assert.ok(Buffer.byteLength(body, 'utf8') <= 65_536, `comment is ${Buffer.byteLength(body, 'utf8')} bytes`);
    assert.match(body, /diff\(s\) left out to fit GitHub's size limit/);
    assert.match(body, /CustomResourceDefinition/);
    assert.ok(Buffer.byteLength(run.summary, 'utf8') > Buffer.byteLength(body, 'utf8'), 'the job summary holds more');
    assert.ok(Number(run.outputs.creates) > 100);
    repo.git('reset', '-q', '--hard', 'HEAD~1');
  });

  it('without a kubeconfig (a fork) and with a read-only token: posts the git diff to the summary, warns once, does not fail', async () => {
    const readOnly = await startGitHubApiServer({ token: TOKEN, readOnly: true });
    try {
      const head = repo.git('rev-parse', 'HEAD');
      const run = await plan(head, { kubeconfig: '' }, readOnly);
      assert.equal(run.code, 0, run.stdout);
      assert.match(run.summary, /Not a live diff/);
      assert.match(run.summary, /api/);
      assert.equal((run.stdout.match(/::warning::The token cannot comment/g) ?? []).length, 1);
      assert.equal(readOnly.comments.length, 0);
    } finally {
      await readOnly.stop();
    }
  });

  it('fails with file:line annotations for invalid manifests and applies nothing', async () => {
    repo.write('deploy/broken.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: [oops\n');
    const head = repo.commit('broken');
    const run = await plan(head);
    assert.notEqual(run.code, 0);
    assert.match(run.stdout, /::error file=deploy\/broken\.yaml,line=\d+,col=\d+::YAML syntax error/);
    assert.doesNotMatch(run.stdout, /\n\s+at /, 'no stack trace');
    assert.match(github.comments[0]!.body, /must be fixed[\s\S]*`deploy\/broken\.yaml:\d+`: YAML syntax error/, 'reviewers see it in the comment too');
    repo.git('reset', '-q', '--hard', 'HEAD~1');
  });
});
