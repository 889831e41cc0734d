import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { GitHubApiError, GitHubPermissionError, createGitHubApi } from '../../../src/github/octokit-github.js';
import { stickyMarker, upsertStickyComment } from '../../../src/github/sticky-comment.js';
import { startGitHubApiServer, type GitHubApiServer } from '../../support/github-api-server.js';

const TOKEN = 'ghs_unitTestToken00000000000000000000';

describe('the sticky pull request comment, through the real octokit client and a strict local GitHub API', () => {
  let server: GitHubApiServer;
  before(async () => {
    server = await startGitHubApiServer({
      token: TOKEN,
      compare: (b, h) => (b < h ? 'ahead' : 'behind'),
      pulls: (sha) => [{ number: 9, state: 'closed', merged_at: sha ? '2026-11-22T00:00:00Z' : null }],
    });
  });
  after(async () => server.stop());
  const api = () => createGitHubApi({ token: TOKEN, owner: 'Codertocat', repo: 'Hello-World', apiUrl: server.url });

  it('creates the comment on the first run and edits the same one afterwards', async () => {
    const marker = stickyMarker('plan', 'prod');
    const first = await upsertStickyComment(api(), { issueNumber: 1, marker, body: `${marker}\nfirst` });
    const second = await upsertStickyComment(api(), { issueNumber: 1, marker, body: `${marker}\nsecond` });
    const third = await upsertStickyComment(api(), { issueNumber: 1, marker, body: `${marker}\nsecond` });
    assert.deepEqual([first.action, second.action, third.action], ['created', 'updated', 'unchanged']);
    assert.equal(second.commentId, first.commentId);
    assert.deepEqual(
      server.comments.filter((c) => c.issueNumber === 1).map((c) => c.body),
      [`${marker}\nsecond`],
    );
  });

  it('keeps one comment per target', async () => {
    await upsertStickyComment(api(), { issueNumber: 2, marker: stickyMarker('plan', 'staging'), body: 'staging' });
    await upsertStickyComment(api(), { issueNumber: 2, marker: stickyMarker('plan', 'production'), body: 'production' });
    assert.equal(server.comments.filter((c) => c.issueNumber === 2).length, 2);
  });

  it("never edits a person's comment that quotes the marker", async () => {
    const marker = stickyMarker('plan', 'prod');
    const human = server.seedComment(3, `look: ${marker}`);
    const result = await upsertStickyComment(api(), { issueNumber: 3, marker, body: 'ours' });
    assert.equal(result.action, 'created');
    assert.equal(human.body, `look: ${marker}`);
  });

  it('finds its comment on a later page of a long conversation', async () => {
    const marker = stickyMarker('plan', 'paged');
    for (let i = 0; i < 120; i++) server.seedComment(4, `chatter ${i}`);
    const created = await upsertStickyComment(api(), { issueNumber: 4, marker, body: 'v1' });
    for (let i = 0; i < 40; i++) server.seedComment(4, `more ${i}`);
    const updated = await upsertStickyComment(api(), { issueNumber: 4, marker, body: 'v2' });
    assert.equal(updated.commentId, created.commentId);
    assert.ok(server.requests.some((r) => r.path.endsWith('/issues/4/comments') && r.query.page === '2'));
  });

  it('refuses a body over 65,536 bytes before sending it, and the server enforces the limit too', async () => {
    const before = server.requests.length;
    await assert.rejects(upsertStickyComment(api(), { issueNumber: 5, marker: 'm', body: 'é'.repeat(40_000) }), /refusing to post a 80000-byte comment/);
    assert.equal(server.requests.length, before);
    await assert.rejects(
      api().createIssueComment(5, 'x'.repeat(65_537)),
      (e: unknown) => e instanceof GitHubApiError && e.status === 422 && /too long/.test(e.message),
    );
  });

  it('maps a read-only token to a permission error and a wrong token to an API error', async () => {
    const readOnly = await startGitHubApiServer({ token: TOKEN, readOnly: true });
    try {
      const ro = createGitHubApi({ token: TOKEN, owner: 'Codertocat', repo: 'Hello-World', apiUrl: readOnly.url });
      await assert.rejects(upsertStickyComment(ro, { issueNumber: 1, marker: 'm', body: 'b' }), GitHubPermissionError);
    } finally {
      await readOnly.stop();
    }
    const wrong = createGitHubApi({ token: 'nope', owner: 'Codertocat', repo: 'Hello-World', apiUrl: server.url });
    await assert.rejects(wrong.listIssueComments(1), (e: unknown) => e instanceof GitHubApiError && e.status === 401 && !e.message.includes(TOKEN));
  });

  it('compares commits and finds the pull request of a commit', async () => {
    assert.equal((await api().compareCommits('a'.repeat(40), 'b'.repeat(40))).status, 'ahead');
    assert.equal((await api().compareCommits('b'.repeat(40), 'a'.repeat(40))).status, 'behind');
    assert.deepEqual(await api().pullRequestsForCommit('c'.repeat(40)), [
      { number: 9, state: 'closed', mergedAt: '2026-11-22T00:00:00Z', headSha: 'c'.repeat(40) },
    ]);
    assert.deepEqual(server.unexpected, []);
  });
});
