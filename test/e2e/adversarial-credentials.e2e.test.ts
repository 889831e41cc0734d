// Issue 12, class 2, end to end: dist/index.js run as the runner runs it on a pull request, with
// kubeconfigs that carry credentials into error paths. Every output is grepped: the log (apart from
// the ::add-mask:: commands that register values with the runner), the step outputs, the summary,
// the plan file and the comments the strict GitHub stand-in received.
import assert from 'node:assert/strict';
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startGitHubApiServer, type GitHubApiServer } from '../support/github-api-server.js';
import { GitRepo } from '../support/git-repo.js';
import { pullRequestPayload, runAction, type ActionRun } from '../support/run-action.js';
import { closedPort, kubeconfigFor } from '../support/tls-servers.js';

const TOKEN = 'ghs_e2eCredentialsToken000000000000000';
const URL_PASSWORD = 's3cretpass';
const PLUGIN_TOKEN = 'eyJhbGciOiJSUzI1NiJ9.e2e-plugin-5ecret-3141';

describe('credentials on error paths (dist/index.js end to end)', () => {
  let repo: GitRepo;
  let github: GitHubApiServer;
  let base = '';
  let head = '';

  before(async () => {
    repo = new GitRepo();
    github = await startGitHubApiServer({ token: TOKEN });
    repo.write('deploy/cm.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web\ndata:\n  a: "1"\n');
    base = repo.commit('base');
    repo.write('deploy/cm.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web\ndata:\n  a: "2"\n');
    head = repo.commit('head');
  });
  after(async () => {
    await github.stop();
    repo.cleanup();
  });

  const plan = (kubeconfig: string) =>
    runAction({
      event: 'pull_request',
      payload: pullRequestPayload({ number: 42, baseSha: base, headSha: head }),
      workspace: repo.dir,
      sha: head,
      apiUrl: github.url,
      inputs: { path: 'deploy', name: 'creds', kubeconfig, 'github-token': TOKEN },
    });

  /** Everything a reader of the run could see; the runner's ::add-mask:: commands are not shown. */
  function published(run: ActionRun): string {
    const log = `${run.stdout}\n${run.stderr}`
      .split('\n')
      .filter((l) => !l.startsWith('::add-mask::'))
      .join('\n');
    const planFile = run.outputs['plan-file'] ? readFileSync(run.outputs['plan-file'], 'utf8') : '';
    return [log, run.summary, JSON.stringify(run.outputs), planFile, ...github.comments.map((c) => c.body)].join('\n');
  }

  function plugin(name: string, script: string): string {
    const file = path.join(repo.dir, '..', `${path.basename(repo.dir)}-${name}`);
    writeFileSync(file, `#!/bin/sh\n${script}\n`);
    chmodSync(file, 0o755);
    return file;
  }

  it('falls back to the git diff for a closed port, and the server URL password shows nowhere', async () => {
    const port = await closedPort();
    const run = await plan(
      kubeconfigFor(`{server: "https://user:${URL_PASSWORD}@127.0.0.1:${port}", insecure-skip-tls-verify: true}`, '{token: e2e-kubeconfig-t0ken-1234}'),
    );
    assert.equal(run.code, 0, run.stdout);
    assert.match(run.stdout, new RegExp(`could not be reached \\(cannot reach the Kubernetes API at https://127\\.0\\.0\\.1:${port} \\(ECONNREFUSED\\)\\)`));
    assert.equal(github.comments.length, 1);
    assert.match(github.comments[0]?.body ?? '', /could not be reached/);
    const text = published(run);
    for (const v of [URL_PASSWORD, `user:${URL_PASSWORD}`, 'e2e-kubeconfig-t0ken-1234']) assert.equal(text.includes(v), false, `${v} is published`);
    assert.ok(run.stdout.includes(`::add-mask::${URL_PASSWORD}`), "the password is masked in the runner's log too");
  });

  it('fails for an exec plugin that fails with a token on stderr, naming the plugin and withholding its output', async () => {
    const failing = plugin('failing', `echo "denied: ${PLUGIN_TOKEN}" >&2\nexit 4`);
    const comments = github.comments.map((c) => c.body);
    const run = await plan(
      kubeconfigFor(
        `{server: "https://127.0.0.1:${await closedPort()}", insecure-skip-tls-verify: true}`,
        `{exec: {apiVersion: client.authentication.k8s.io/v1, command: "${failing}"}}`,
      ),
    );
    assert.equal(run.code, 1);
    assert.match(run.stdout, /::error::The exec credential plugin `.*-failing` of user 'ci-deployer' failed with exit code 4; its output is withheld/);
    assert.equal(published(run).includes(PLUGIN_TOKEN), false);
    assert.equal(published(run).includes(PLUGIN_TOKEN.slice(0, 10)), false);
    assert.ok(run.stdout.includes(`::add-mask::${PLUGIN_TOKEN}`), "what the plugin printed is masked in the runner's log");
    assert.deepEqual(
      github.comments.map((c) => c.body),
      comments,
      'no git-diff comment replaces the plan',
    );
  });

  it('fails for an exec plugin that prints a bare token, without quoting its first characters', async () => {
    const bare = plugin('bare', `echo "${PLUGIN_TOKEN}"`);
    const run = await plan(
      kubeconfigFor(
        `{server: "https://127.0.0.1:${await closedPort()}", insecure-skip-tls-verify: true}`,
        `{exec: {apiVersion: client.authentication.k8s.io/v1, command: "${bare}"}}`,
      ),
    );
    assert.equal(run.code, 1);
    assert.match(run.stdout, /::error::The exec credential plugin `.*-bare` .* did not print ExecCredential JSON/);
    assert.equal(published(run).includes(PLUGIN_TOKEN.slice(0, 10)), false);
  });
});
