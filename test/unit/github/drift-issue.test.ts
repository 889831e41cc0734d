import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DRIFT_LABEL, syncDriftIssue, type DriftIssueState } from '../../../src/github/drift-issue.js';
import { GitHubApiError, GitHubPermissionError, createGitHubApi } from '../../../src/github/octokit-github.js';
import { stickyMarker } from '../../../src/github/sticky-comment.js';
import { startGitHubApiServer, type GitHubApiServer } from '../../support/github-api-server.js';

const TOKEN = 'ghs_unitDriftToken0000000000000000000';
const BOT = { login: 'github-actions[bot]', id: 41898282, type: 'Bot' as const };

describe('the drift issue, through the real octokit client and the strict local GitHub API', () => {
  let server: GitHubApiServer;
  before(async () => {
    server = await startGitHubApiServer({ token: TOKEN });
  });
  after(async () => server.stop());
  const api = (url = server.url) => createGitHubApi({ token: TOKEN, owner: 'Codertocat', repo: 'Hello-World', apiUrl: url });
  const state = (target: string, differs: boolean, body = 'the cluster differs'): DriftIssueState => ({
    target,
    differs,
    title: `drift in ${target}`,
    body,
    closingComment: 'clean again: closing',
  });
  const ours = (target: string) => server.issues.issues.filter((i) => i.body.includes(stickyMarker('drift', target)));

  it('opens one issue, updates it in place, closes it with a comment when clean, and reopens the same one', async () => {
    const results = [];
    results.push(await syncDriftIssue(api(), state('prod', true, 'first')));
    results.push(await syncDriftIssue(api(), state('prod', true, 'second')));
    results.push(await syncDriftIssue(api(), state('prod', true, 'second')));
    results.push(await syncDriftIssue(api(), state('prod', false)));
    results.push(await syncDriftIssue(api(), state('prod', false)));
    results.push(await syncDriftIssue(api(), state('prod', true, 'third')));
    assert.deepEqual(
      results.map((r) => r.action),
      ['opened', 'updated', 'unchanged', 'closed', 'none', 'reopened'],
    );
    const [issue, ...more] = ours('prod');
    assert.equal(more.length, 0, 'never a second issue');
    assert.deepEqual([issue?.state, issue?.labels, issue?.body], ['open', [DRIFT_LABEL], `${stickyMarker('drift', 'prod')}\nthird`]);
    assert.deepEqual(
      server.comments.filter((c) => c.issueNumber === issue?.number).map((c) => c.body),
      ['clean again: closing'],
    );
    assert.deepEqual(server.unexpected, []);
  });

  it('finds its issue among more than a page of labelled issues, and ignores a person quoting the marker', async () => {
    for (let i = 0; i < 150; i++) server.issues.seed({ title: `other ${i}`, body: 'x', state: 'open', stateReason: null, labels: [DRIFT_LABEL], user: BOT });
    server.issues.seed({
      title: 'quoting',
      body: stickyMarker('drift', 'paged'),
      state: 'open',
      stateReason: null,
      labels: [DRIFT_LABEL],
      user: { login: 'octocat', id: 1, type: 'User' },
    });
    const first = await syncDriftIssue(api(), state('paged', true));
    for (let i = 0; i < 150; i++) server.issues.seed({ title: `later ${i}`, body: 'x', state: 'open', stateReason: null, labels: [DRIFT_LABEL], user: BOT });
    const second = await syncDriftIssue(api(), state('paged', true, 'changed'));
    assert.deepEqual([first.action, second.action], ['opened', 'updated']);
    assert.equal(second.issue?.number, first.issue?.number);
    assert.ok(
      server.requests.some((r) => r.path.endsWith('/issues') && r.query.page === '3'),
      'followed the Link header',
    );
  });

  it("answers as GitHub does: a missing title and a body over 65,536 characters are 422s with GitHub's shape", async () => {
    await assert.rejects(
      api().createIssue('', 'body', []),
      (e: unknown) => e instanceof GitHubApiError && e.status === 422 && /Validation Failed/.test(e.message),
    );
    await assert.rejects(api().createIssue('t', 'x'.repeat(65_537), []), /body is too long \(maximum is 65536 characters\)/);
    const created = await api().createIssue('t', 'x'.repeat(65_536), []);
    await assert.rejects(api().updateIssue(created.number, { title: '' }), /Validation Failed/);
    const res = await fetch(`${server.url}/repos/Codertocat/Hello-World/issues`, {
      method: 'POST',
      headers: { authorization: `token ${TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ body: 'no title' }),
    });
    assert.equal(res.status, 422);
    assert.deepEqual(((await res.json()) as { errors: unknown }).errors, [{ resource: 'Issue', code: 'missing_field', field: 'title' }]);
  });

  it('refuses a read-only token with 403, which the port reports as a permission error', async () => {
    const readOnly = await startGitHubApiServer({ token: TOKEN, readOnly: true });
    try {
      await assert.rejects(syncDriftIssue(api(readOnly.url), state('ro', true)), GitHubPermissionError);
      assert.equal(readOnly.issues.issues.length, 0);
    } finally {
      await readOnly.stop();
    }
  });
});
