// A fork's pull request and its preview, through dist/index.js with real pull_request payloads made
// a fork's: opened without the opt-in label → nothing loaded or written, the comment and the log say
// why, the step passes; the label applied by someone with only triage → still nothing; applied by a
// maintainer with write access, on the `labeled` run → deployed; a later push (synchronize) needs the
// label again, and the preview stays at the approved commit; closed → removed even so.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startGitHubApiServer, type GitHubApiServer } from '../support/github-api-server.js';
import { GitRepo } from '../support/git-repo.js';
import { pullRequestPayload, runAction, type ActionRun } from '../support/run-action.js';
import { testCluster, uniqueName, type TestCluster } from '../support/test-cluster.js';

const TOKEN = 'ghs_e2ePreviewForkToken0000000000000000';
const NUMBER = 51;
const MAINTAINER = { login: 'octo-maintainer', id: 501, type: 'User' as const };
const TRIAGER = { login: 'octo-triager', id: 502, type: 'User' as const };

const configMap = (value: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web-settings\ndata:\n  greeting: ${value}\n`;

describe("mode preview: a fork's pull request is deployed only once a maintainer opts it in (dist/index.js end to end)", () => {
  let c: TestCluster;
  let github: GitHubApiServer;
  const prefix = uniqueName('pvf');
  const ns = `${prefix}-pr-${NUMBER}`;
  const repo = new GitRepo();

  before(async () => {
    c = await testCluster();
    github = await startGitHubApiServer({ token: TOKEN });
    github.collaborators.grant(MAINTAINER, 'write');
    github.collaborators.grant(TRIAGER, 'triage');
  });
  after(async () => {
    await github.stop();
    repo.cleanup();
    await c.kubectl(['delete', 'namespace', ns, '--ignore-not-found', '--wait=false']);
  });

  function forkEvent(action: string, sha: string, label?: string): Promise<ActionRun> {
    const payload: Record<string, unknown> = { ...pullRequestPayload({ number: NUMBER, baseSha: '0'.repeat(40), headSha: sha }), action };
    const pr = payload.pull_request as { head: { repo: Record<string, unknown> } };
    pr.head.repo = { ...pr.head.repo, full_name: 'mallory/Hello-World', fork: true };
    if (label) payload.label = { name: label, color: 'ededed', default: false, description: null, id: 1, node_id: 'LA_1', url: '' };
    return runAction({
      event: 'pull_request',
      payload,
      workspace: repo.dir,
      sha,
      apiUrl: github.url,
      inputs: { mode: 'preview', 'preview-prefix': prefix, path: 'deploy', kubeconfig: c.kubeconfigText, 'github-token': TOKEN, timeout: '60s' },
    });
  }

  const namespaceExists = async () => (await c.kubectl(['get', 'namespaces', '-o', 'name'])).split('\n').includes(`namespace/${ns}`);
  const greeting = () => c.kubectl(['get', 'configmap', 'web-settings', '-n', ns, '-o', 'jsonpath={.data.greeting}']);
  const lastComment = () => github.comments.filter((m) => m.issueNumber === NUMBER && m.body.startsWith('<!-- kube-gitops:preview ')).at(-1)?.body ?? '';

  it('opened without the label: nothing is deployed, and the comment and the log say why; the step passes', async () => {
    repo.write('deploy/app.yaml', configMap('one'));
    const sha = repo.commit('one');
    const run = await forkEvent('opened', sha);
    assert.equal(run.code, 0, run.stdout);
    assert.match(run.stdout, /::warning::.*fork/);
    assert.equal(await namespaceExists(), false);
    assert.match(lastComment(), /### ⏸️ Preview not deployed/);
  });

  it('the label applied by someone with triage only: still nothing', async () => {
    github.labelEvents.apply(NUMBER, 'preview', TRIAGER);
    const run = await forkEvent('labeled', repo.git('rev-parse', 'HEAD'), 'preview');
    assert.equal(run.code, 0, run.stdout);
    assert.match(run.stdout, /octo-triager/);
    assert.equal(await namespaceExists(), false);
    github.labelEvents.remove(NUMBER, 'preview', TRIAGER);
  });

  it('applied by a maintainer with write access, on its labeled run: deployed', async () => {
    github.labelEvents.apply(NUMBER, 'preview', MAINTAINER);
    const run = await forkEvent('labeled', repo.git('rev-parse', 'HEAD'), 'preview');
    assert.equal(run.code, 0, run.stdout);
    assert.equal(await greeting(), 'one');
    assert.match(lastComment(), /### 🟢 Preview ready/);
  });

  it('a later push from the fork is held until the label is applied again: the preview stays at the approved commit', async () => {
    repo.write('deploy/app.yaml', configMap('two'));
    const run = await forkEvent('synchronize', repo.commit('two'));
    assert.equal(run.code, 0, run.stdout);
    assert.equal(await greeting(), 'one');
    assert.match(lastComment(), /### ⏸️ Preview not deployed/);
  });

  it('closed: the preview is removed, opted in or not', async () => {
    const run = await forkEvent('closed', repo.git('rev-parse', 'HEAD'));
    assert.equal(run.code, 0, run.stdout);
    assert.equal(await namespaceExists(), false);
  });
});
