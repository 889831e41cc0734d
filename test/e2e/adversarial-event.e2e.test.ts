// dist/index.js run as the runner runs it with a broken event file (issue 12, class 5): a clear,
// one-line error and exit 1, never a stack trace and never a silent success without a comment.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startGitHubApiServer, type GitHubApiServer } from '../support/github-api-server.js';
import { GitRepo } from '../support/git-repo.js';
import { pullRequestPayload, runAction, type ActionRun } from '../support/run-action.js';
import { testCluster, type TestCluster } from '../support/test-cluster.js';

const TOKEN = 'ghs_e2eEventToken00000000000000000000000';

function eventFile(text: string): string {
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'kg-bad-event-')), 'event.json');
  writeFileSync(file, text);
  return file;
}

/** The `::error::` lines of a run, and every line that looks like a stack frame. */
function failure(run: ActionRun): { errors: string[]; frames: string[] } {
  const lines = `${run.stdout}\n${run.stderr}`.split('\n');
  return { errors: lines.filter((l) => l.startsWith('::error')), frames: lines.filter((l) => /^\s+at /.test(l)) };
}

describe('a broken event file (dist/index.js end to end)', () => {
  let c: TestCluster;
  let repo: GitRepo;
  let github: GitHubApiServer;
  let head = '';

  before(async () => {
    c = await testCluster();
    github = await startGitHubApiServer({ token: TOKEN });
    repo = new GitRepo();
    repo.write('deploy/cm.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: event-test\ndata: {a: "1"}\n');
    head = repo.commit('base');
  });
  after(async () => {
    await github.stop();
    repo.cleanup();
  });

  const plan = (payload: Record<string, unknown>, env: Record<string, string> = {}) =>
    runAction({
      event: 'pull_request',
      payload,
      workspace: repo.dir,
      sha: head,
      apiUrl: github.url,
      env,
      inputs: { path: 'deploy', name: 'event', namespace: 'default', kubeconfig: c.kubeconfigText, 'github-token': TOKEN },
    });

  it('fails with one clear line and no stack trace when the event file is not JSON', async () => {
    const file = eventFile('{"action": "opened", "number": 4');
    const run = await plan({ number: 4 }, { GITHUB_EVENT_PATH: file });
    assert.equal(run.code, 1, run.stdout);
    const { errors, frames } = failure(run);
    assert.equal(errors.length, 1, run.stdout);
    assert.match(
      errors[0]!,
      new RegExp(`^::error::The event file GITHUB_EVENT_PATH \\(${file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}\\) is not valid JSON \\(`),
    );
    assert.deepEqual(frames, [], 'no stack frame in stdout or stderr');
    assert.deepEqual(github.requests, [], 'nothing was sent to GitHub');
  });

  it('fails with a clear error, not a success without a comment, when a pull_request payload has no pull_request', async () => {
    const payload = pullRequestPayload({ number: 5, baseSha: head, headSha: head });
    delete payload.pull_request;
    const run = await plan(payload);
    assert.equal(run.code, 1, run.stdout);
    const { errors, frames } = failure(run);
    assert.equal(errors.length, 1, run.stdout);
    assert.match(
      errors[0]!,
      /^::error::The pull_request event payload in GITHUB_EVENT_PATH \(.*\) has no pull_request object; a pull_request event from GitHub always has it/,
    );
    assert.deepEqual(frames, []);
    assert.equal(github.comments.length, 0);
  });
});
