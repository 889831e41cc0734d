import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startGitHubApiServer, type GitHubApiServer } from '../../support/github-api-server.js';
import { standInClients } from '../../support/stand-in-clients.js';

const TOKEN = 'ghs_unitStandInToken00000000000000000';
const SHA = 'a'.repeat(40);
const BASE = 'b'.repeat(40);

// The stand-in's bodies are typed by GitHub's OpenAPI description (test/support/github-openapi.ts);
// this checks that each route it serves answers what the project's real adapter parses, and that it
// refuses what GitHub refuses, with GitHub's status.
describe('the GitHub stand-in, route by route through the real octokit adapter', () => {
  let server: GitHubApiServer;
  before(async () => {
    server = await startGitHubApiServer({
      token: TOKEN,
      compare: () => 'diverged',
      pulls: () => [{ number: 7, state: 'closed', merged_at: '2026-11-22T10:00:00Z', head: { sha: BASE } }],
      commits: (sha) => (sha === SHA ? { verified: true, reason: 'valid', login: 'web-flow' } : undefined),
    });
  });
  after(async () => server.stop());
  const { api, raw } = standInClients(() => server, TOKEN);

  it('answers every route it serves in a shape the adapter reads', async () => {
    const github = api();
    assert.deepEqual(await github.viewer(), { login: 'github-actions[bot]', id: 41898282 });
    const created = await github.createIssueComment(3, 'hello');
    assert.deepEqual(
      { ...created, url: '' },
      { id: created.id, body: 'hello', url: '', authorType: 'Bot', authorLogin: 'github-actions[bot]', authorId: 41898282 },
    );
    assert.equal((await github.updateIssueComment(created.id, 'edited')).body, 'edited');
    assert.deepEqual(
      (await github.listIssueComments(3)).map((c) => c.body),
      ['edited'],
    );
    assert.deepEqual(await github.pullRequestsForCommit(SHA), [{ number: 7, state: 'closed', mergedAt: '2026-11-22T10:00:00Z', headSha: BASE }]);
    assert.deepEqual(await github.compareCommits(BASE, SHA), { status: 'diverged', aheadBy: 1, behindBy: 1 });
    assert.deepEqual(await github.commitVerification(SHA), {
      verified: true,
      reason: 'valid',
      committerName: 'Monalisa Octocat',
      committerEmail: 'mona@github.com',
      committerLogin: 'web-flow',
    });
    const issue = await github.createIssue('drift in prod', 'the cluster differs', ['kube-gitops:drift']);
    assert.equal((await github.updateIssue(issue.number, { state: 'closed' })).state, 'closed');
    assert.deepEqual(
      (await github.listIssues(['kube-gitops:drift'])).map((i) => [i.number, i.title, i.state]),
      [[issue.number, 'drift in prod', 'closed']],
    );
    server.labels.seed(3, ['kube-gitops:deletes']);
    assert.deepEqual(await github.setOwnLabels(3, 'kube-gitops:', ['kube-gitops:changes']), {
      added: ['kube-gitops:changes'],
      removed: ['kube-gitops:deletes'],
    });
    assert.deepEqual(server.unexpected, []);
    const routes = new Set(server.requests.map((r) => `${r.method} ${r.path.replace(/\d{2,}|[0-9a-f]{40}/g, 'N')}`));
    assert.deepEqual([...routes].sort(), [
      'DELETE /repos/Codertocat/Hello-World/issues/3/labels/kube-gitops%3Adeletes',
      'GET /repos/Codertocat/Hello-World/commits/N',
      'GET /repos/Codertocat/Hello-World/commits/N/pulls',
      'GET /repos/Codertocat/Hello-World/compare/N...N',
      'GET /repos/Codertocat/Hello-World/issues',
      'GET /repos/Codertocat/Hello-World/issues/3/comments',
      'GET /repos/Codertocat/Hello-World/issues/3/labels',
      'PATCH /repos/Codertocat/Hello-World/issues/N',
      'PATCH /repos/Codertocat/Hello-World/issues/comments/N',
      'POST /graphql',
      'POST /repos/Codertocat/Hello-World/issues',
      'POST /repos/Codertocat/Hello-World/issues/3/comments',
      'POST /repos/Codertocat/Hello-World/issues/3/labels',
    ]);
  });

  it('refuses request bodies GitHub refuses, with 422 and the field', async () => {
    const refused = async (method: string, path: string, body: unknown) => {
      const response = await raw(method, path, body);
      return [response.status, ((await response.json()) as { errors?: { field?: string }[] }).errors?.[0]?.field];
    };
    const comment = server.seedComment(4, 'x');
    assert.deepEqual(await refused('POST', '/issues/4/comments', { body: 42 }), [422, 'body']);
    assert.deepEqual(await refused('PATCH', `/issues/comments/${comment.id}`, {}), [422, 'body']);
    assert.deepEqual(await refused('POST', '/issues', { body: 'no title' }), [422, 'title']);
    assert.deepEqual(await refused('PATCH', '/issues/500', { state_reason: 'because' }), [422, 'state_reason']);
    assert.deepEqual(await refused('POST', '/issues/4/labels', { labels: [''] }), [422, 'labels']);
    assert.deepEqual(await refused('POST', '/issues/4/labels', { labels: 'bug' }), [422, 'labels']);
  });

  it('answers 404 for a label the issue does not carry, an unknown comment and a route GitHub does not serve', async () => {
    server.labels.seed(5, ['bug']);
    assert.equal((await raw('DELETE', '/issues/5/labels/kube-gitops:changes')).status, 404);
    assert.equal((await raw('DELETE', '/issues/5/labels/bug')).status, 200);
    assert.equal((await raw('PATCH', '/issues/comments/999999', { body: 'x' })).status, 404);
    assert.equal((await raw('GET', '/pulls/5/labels')).status, 404);
    assert.deepEqual(
      server.unexpected.map((r) => `${r.method} ${r.path}`),
      ['GET /repos/Codertocat/Hello-World/pulls/5/labels'],
    );
  });
});
