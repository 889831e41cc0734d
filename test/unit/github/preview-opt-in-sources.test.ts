// Where the preview opt-in gate reads from: the pull request of a real webhook payload
// (@octokit/webhooks-examples, made a fork's), and the stand-in's issue events and collaborator
// permission routes, which answer what GitHub answers (404 for what it does not know, 401 for
// another token) and record the token's own label writes as GitHub records them.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { after, before, describe, it } from 'node:test';
import type { JsonObject } from '../../../src/objects/kube-object.js';
import { isFromFork, previewOptIn, previewPullRequestOf } from '../../../src/github/preview-opt-in.js';
import { startGitHubApiServer, type GitHubApiServer } from '../../support/github-api-server.js';
import { standInClients } from '../../support/stand-in-clients.js';

const TOKEN = 'ghs_unitOptInSourcesToken0000000000000';
const require = createRequire(import.meta.url);
const MAINTAINER = { login: 'octo-maintainer', id: 583231, type: 'User' as const };

/** GitHub's own example of a `pull_request` event with `action`, as JSON. */
function example(action: string): JsonObject {
  const defs = JSON.parse(readFileSync(require.resolve('@octokit/webhooks-examples/api.github.com/index.json'), 'utf8')) as {
    name: string;
    examples: JsonObject[];
  }[];
  const found = defs.find((d) => d.name === 'pull_request')?.examples.find((e) => e.action === action);
  assert.ok(found, `an example of pull_request ${action}`);
  return structuredClone(found);
}

/** The example made a fork's: the head repository is `headRepo` (null: the fork was deleted). */
function fromFork(action: string, headRepo: JsonObject | null, label?: string): JsonObject {
  const payload = example(action);
  const pr = payload.pull_request as JsonObject;
  const head = pr.head as JsonObject;
  head.repo = headRepo === null ? null : { ...(head.repo as JsonObject), ...headRepo };
  if (label) payload.label = { ...(payload.label as JsonObject), name: label };
  return payload;
}

describe('the pull request of an event payload', () => {
  it("reads a fork's labeled event: number, head commit, author, repositories, action and label", () => {
    const payload = fromFork('labeled', { full_name: 'mallory/Hello-World', fork: true }, 'preview');
    const pr = previewPullRequestOf(payload);
    assert.deepEqual(pr, {
      number: 2,
      headRepo: 'mallory/Hello-World',
      baseRepo: 'Codertocat/Hello-World',
      headSha: 'ec26c3e57ca3a959ca5aad62de7213c562f8c821',
      author: 'Codertocat',
      action: 'labeled',
      actionLabel: 'preview',
    });
    assert.equal(pr && isFromFork(pr), true);
  });

  it('reads a same-repository synchronize as no fork, and a deleted fork (head.repo null) as one', () => {
    const same = previewPullRequestOf(example('synchronize'));
    assert.equal(same?.action, 'synchronize');
    assert.equal(same?.actionLabel, undefined);
    assert.equal(same && isFromFork(same), false);
    const gone = previewPullRequestOf(fromFork('synchronize', null));
    assert.equal(gone?.headRepo, undefined);
    assert.equal(gone && isFromFork(gone), true);
  });

  it('is nothing for a payload without a pull request, its number, head commit or base repository', () => {
    assert.equal(previewPullRequestOf({ schedule: '17 4 * * *' }), undefined);
    for (const strip of ['number', 'head', 'base'] as const) {
      const payload = example('labeled');
      delete (payload.pull_request as JsonObject)[strip];
      assert.equal(previewPullRequestOf(payload), undefined, `without pull_request.${strip}`);
    }
  });
});

describe("the stand-in's label events and permissions, through the real adapter", () => {
  let server: GitHubApiServer;
  before(async () => {
    server = await startGitHubApiServer({ token: TOKEN });
    server.collaborators.grant(MAINTAINER, 'maintain');
  });
  after(async () => server.stop());
  const { api, raw } = standInClients(() => server, TOKEN);

  it("lists only the label events, oldest first, and records the token's own label writes with the token as actor", async () => {
    server.labelEvents.apply(2, 'preview', MAINTAINER);
    server.labelEvents.rename(2, 'a', 'b', MAINTAINER);
    await api().setOwnLabels(2, 'kube-gitops:', ['kube-gitops:changes']);
    await api().setOwnLabels(2, 'kube-gitops:', []);
    const events = await api().listLabelEvents(2);
    assert.deepEqual(
      events.map((e) => [e.event, e.label, e.actorLogin, e.actorType]),
      [
        ['labeled', 'preview', 'octo-maintainer', 'User'],
        ['labeled', 'kube-gitops:changes', 'github-actions[bot]', 'Bot'],
        ['unlabeled', 'kube-gitops:changes', 'github-actions[bot]', 'Bot'],
      ],
    );
    assert.ok(events.every((e, i) => i === 0 || e.createdAt > (events[i - 1]?.createdAt ?? '')));
    assert.deepEqual(await api().listIssueLabels(2), ['preview']);
    assert.deepEqual(server.unexpected, []);
  });

  it('reports maintain as write (role_name maintain); an unknown user and an unknown pull request answer 404', async () => {
    assert.deepEqual(await api().repositoryPermission('Octo-Maintainer'), { permission: 'write', roleName: 'maintain' });
    await assert.rejects(api().repositoryPermission('nobody-here'), /HTTP 404/);
    assert.equal((await raw('GET', '/collaborators/nobody-here/permission')).status, 404);
    assert.equal((await raw('GET', '/issues/31337/events')).status, 404);
    const other = await fetch(`${server.url}/repos/Codertocat/Hello-World/issues/2/events`, { headers: { authorization: 'token nope' } });
    assert.equal(other.status, 401);
  });

  it("gates GitHub's own labeled example made a fork's: deployed only for the maintainer's label", async () => {
    const payload = fromFork('labeled', { full_name: 'mallory/Hello-World', fork: true }, 'preview');
    const pr = previewPullRequestOf(payload);
    assert.ok(pr);
    const verdict = await previewOptIn(api(), pr, 'preview');
    assert.equal(verdict.trusted, true, verdict.why);
    assert.match(verdict.why, /^octo-maintainer \(maintain\) applied the label "preview" to pull request #2 from the fork mallory\/Hello-World at /);
    server.labelEvents.open(3);
    const unlabelled = await previewOptIn(api(), { ...pr, number: 3 }, 'preview');
    assert.equal(unlabelled.trusted, false);
    assert.match(unlabelled.why, /^Pull request #3 comes from the fork mallory\/Hello-World and does not carry the label "preview"/);
  });
});
