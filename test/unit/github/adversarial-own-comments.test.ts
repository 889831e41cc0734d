// Adversarial: the sticky comments and the drift issue the action edits are only its own: written by
// the token's identity (GraphQL viewer, read once per run) with the target's exact marker as the first
// line. Another app's comment or issue, manifest text quoting a marker, or a target named like another
// (a--b, a-b) is never edited. Against the strict local GitHub stand-in, through the real octokit client.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DRIFT_LABEL, syncDriftIssue, type DriftIssueState } from '../../../src/github/drift-issue.js';
import { createGitHubApi } from '../../../src/github/octokit-github.js';
import { isWrittenBy, type OwnIdentity } from '../../../src/github/own-identity.js';
import { stickyMarker, upsertStickyComment } from '../../../src/github/sticky-comment.js';
import { startGitHubApiServer, type GitHubApiServer } from '../../support/github-api-server.js';

const TOKEN = 'ghs_unitOwnCommentsToken00000000000000';
const US = { login: 'github-actions[bot]', id: 41898282, type: 'Bot' as const };
const OTHER_APP = { login: 'other-app[bot]', id: 7_000_001, type: 'Bot' as const };

describe("only the token's own comments and issues are edited", () => {
  let server: GitHubApiServer;
  let forbidden: GitHubApiServer;
  before(async () => {
    server = await startGitHubApiServer({ token: TOKEN });
    forbidden = await startGitHubApiServer({ token: TOKEN, viewerForbidden: true });
  });
  after(async () => {
    await server.stop();
    await forbidden.stop();
  });
  const api = (on = server) => createGitHubApi({ token: TOKEN, owner: 'Codertocat', repo: 'Hello-World', apiUrl: on.url });
  const onIssue = (n: number, on = server) => on.comments.filter((c) => c.issueNumber === n);
  const closing = 'clean again: closing';
  const drift = (target: string, differs: boolean, body = 'the cluster differs'): DriftIssueState => ({
    target,
    differs,
    title: `drift in ${target}`,
    body,
    closingComment: closing,
  });

  it('tells its own author by user id and login, never by author type', () => {
    const own: OwnIdentity = { known: true, identity: { login: 'github-actions[bot]', id: 41898282 } };
    const by = (authorLogin: string, authorId: number, authorType = 'Bot') => isWrittenBy({ authorLogin, authorId, authorType }, own);
    assert.equal(by('github-actions[bot]', 41898282), true);
    assert.equal(
      isWrittenBy(
        { authorLogin: 'github-actions[bot]', authorId: 41898282, authorType: 'Bot' },
        { known: true, identity: { login: 'github-actions', id: 41898282 } },
      ),
      true,
      'GraphQL may leave out [bot]',
    );
    assert.equal(by('other-app[bot]', 41898282), false, 'same id, another login');
    assert.equal(by('github-actions[bot]', 7_000_001), false, 'same login, another id');
    assert.equal(by('', 0), false);
    assert.equal(isWrittenBy({ authorLogin: 'github-actions[bot]', authorId: 41898282, authorType: 'Bot' }, { known: false, reason: 'x' }), false);
  });

  it("never edits another app's comment that carries the target's marker as its first line", async () => {
    const marker = stickyMarker('plan', 'prod');
    const foreign = server.seedComment(30, `${marker}\nforged`, OTHER_APP);
    const result = await upsertStickyComment(api(), { issueNumber: 30, marker, body: `${marker}\nours` });
    assert.equal(result.action, 'created');
    assert.equal(foreign.body, `${marker}\nforged`);
    assert.deepEqual(
      onIssue(30).map((c) => [c.user.login, c.body]),
      [
        ['other-app[bot]', `${marker}\nforged`],
        ['github-actions[bot]', `${marker}\nours`],
      ],
    );
  });

  it('keeps separate comments for targets a--b and a-b, each edited in place', async () => {
    for (const round of ['1', '2']) {
      for (const target of ['a--b', 'a-b']) {
        const marker = stickyMarker('plan', target);
        await upsertStickyComment(api(), { issueNumber: 31, marker, body: `${marker}\n${target} round ${round}` });
      }
    }
    assert.deepEqual(
      onIssue(31).map((c) => c.body.split('\n')[1]),
      ['a--b round 2', 'a-b round 2'],
    );
  });

  it("never overwrites target staging's comment whose diff quotes target prod's marker (a manifest value)", async () => {
    const prod = stickyMarker('plan', 'prod');
    const staging = stickyMarker('plan', 'staging');
    const stagingBody = `${staging}\n### plan\n\`\`\`diff\n+  evil: |\n${prod}\n\`\`\`\n`;
    await upsertStickyComment(api(), { issueNumber: 32, marker: staging, body: stagingBody });
    const result = await upsertStickyComment(api(), { issueNumber: 32, marker: prod, body: `${prod}\nprod plan` });
    assert.equal(result.action, 'created');
    assert.deepEqual(
      onIssue(32).map((c) => c.body),
      [stagingBody, `${prod}\nprod plan`],
    );
  });

  it("creates a new comment, and says why, when the token's identity cannot be read, instead of editing one by its author type", async () => {
    const marker = stickyMarker('plan', 'prod');
    const earlier = forbidden.seedComment(33, `${marker}\nearlier`, US);
    const result = await upsertStickyComment(api(forbidden), { issueNumber: 33, marker, body: `${marker}\nnow` });
    assert.equal(result.action, 'created');
    assert.match(result.untrusted ?? '', /the token's identity could not be read \(.*Resource not accessible by integration\)/);
    assert.equal(earlier.body, `${marker}\nearlier`);
  });

  it('reads the identity once per run (one client), with the viewer query only', async () => {
    const before = server.requests.filter((r) => r.path === '/graphql').length;
    const client = api();
    for (let i = 0; i < 3; i++) await upsertStickyComment(client, { issueNumber: 34, marker: stickyMarker('plan', 'once'), body: `v${i}` });
    const queries = server.requests.filter((r) => r.path === '/graphql').slice(before);
    assert.deepEqual(
      queries.map((r) => r.body),
      [{ query: 'query { viewer { login databaseId } }' }],
    );
    assert.deepEqual(server.unexpected, []);
  });

  it('the stand-in refuses any GraphQL query but the viewer one', async () => {
    const res = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ query: 'query { viewer { login databaseId email } }' }),
    });
    assert.ok(((await res.json()) as { errors?: unknown[] }).errors?.length);
    assert.equal(server.unexpected.at(-1)?.path, '/graphql');
    server.unexpected.length = 0;
  });

  it("never edits or closes another app's drift issue with our label and marker", async () => {
    const marker = stickyMarker('drift', 'prod');
    const seeded = { title: 'drift in prod', state: 'open' as const, stateReason: null, labels: [DRIFT_LABEL], user: OTHER_APP };
    const foreign = server.issues.seed({ ...seeded, body: `${marker}\nforged` });
    const clean = await syncDriftIssue(api(), drift('prod', false));
    assert.equal(clean.action, 'none');
    const opened = await syncDriftIssue(api(), drift('prod', true, 'ours'));
    assert.equal(opened.action, 'opened');
    assert.notEqual(opened.issue?.number, foreign.number);
    assert.deepEqual([foreign.state, foreign.body], ['open', `${marker}\nforged`]);
    assert.deepEqual(
      server.comments.filter((c) => c.issueNumber === foreign.number),
      [],
    );
  });

  it('keeps separate drift issues for targets a--b and a-b', async () => {
    await syncDriftIssue(api(), drift('a--b', true, 'first'));
    await syncDriftIssue(api(), drift('a-b', true, 'second'));
    const ours = server.issues.issues.filter((i) => i.body.endsWith('first') || i.body.endsWith('second'));
    assert.deepEqual(
      ours.map((i) => i.body),
      [`${stickyMarker('drift', 'a--b')}\nfirst`, `${stickyMarker('drift', 'a-b')}\nsecond`],
    );
  });

  it("opens a new drift issue, and says why, when the token's identity cannot be read", async () => {
    const marker = stickyMarker('drift', 'prod');
    const earlier = forbidden.issues.seed({
      title: 'drift in prod',
      body: `${marker}\nearlier`,
      state: 'open',
      stateReason: null,
      labels: [DRIFT_LABEL],
      user: US,
    });
    const result = await syncDriftIssue(api(forbidden), drift('prod', true, 'now'));
    assert.equal(result.action, 'opened');
    assert.match(result.untrusted ?? '', /could not be read/);
    assert.equal(earlier.body, `${marker}\nearlier`);
  });
});
