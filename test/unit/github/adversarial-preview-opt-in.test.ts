// The fork opt-in gate of preview environments, each case as an attacker would try it: a fork's
// pull request is deployed only on the run of the label being applied, when the label is on now and
// its last applier is a person with admin, maintain or write access. Everything is read through the
// project's real octokit adapter from the strict GitHub stand-in (label events, labels, permissions);
// any failure to read is a refusal.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { previewOptIn, type OptInVerdict, type PreviewPullRequest } from '../../../src/github/preview-opt-in.js';
import { startGitHubApiServer, type GitHubApiServer } from '../../support/github-api-server.js';
import { standInClients } from '../../support/stand-in-clients.js';

const TOKEN = 'ghs_unitOptInToken000000000000000000000';
const HEAD = 'c0ffee'.repeat(6) + 'c0de';
const PUSHED = 'bad'.repeat(13) + 'b';
const MAINTAINER = { login: 'octo-maintainer', id: 583231, type: 'User' as const };
const MAINTAIN = { login: 'octo-release', id: 583232, type: 'User' as const };
const ADMIN = { login: 'octo-admin', id: 583233, type: 'User' as const };
const TRIAGER = { login: 'octo-triage', id: 583234, type: 'User' as const };
const MALLORY = { login: 'mallory', id: 666, type: 'User' as const };
const LABELER = { login: 'labeler-app[bot]', id: 49699333, type: 'Bot' as const };

let nextNumber = 40;
/** A new pull request from mallory's fork, labelled `action` by this run's event. */
const forkPr = (over: Partial<PreviewPullRequest> = {}): PreviewPullRequest => ({
  number: nextNumber,
  headRepo: 'mallory/Hello-World',
  baseRepo: 'Codertocat/Hello-World',
  headSha: HEAD,
  author: 'mallory',
  action: 'labeled',
  actionLabel: 'preview',
  ...over,
});

const refusedFor = (verdict: OptInVerdict, ...parts: string[]) => {
  assert.equal(verdict.trusted, false, verdict.why);
  for (const part of parts) assert.ok(verdict.why.includes(part), `${JSON.stringify(part)} in: ${verdict.why}`);
  assert.ok(verdict.why.endsWith('Its preview is not deployed.'), verdict.why);
};

describe('the preview opt-in of a fork, through the real adapter from the strict GitHub stand-in', () => {
  let server: GitHubApiServer;
  before(async () => {
    server = await startGitHubApiServer({ token: TOKEN });
    server.collaborators.grant(MAINTAINER, 'write');
    server.collaborators.grant(MAINTAIN, 'maintain');
    server.collaborators.grant(ADMIN, 'admin');
    server.collaborators.grant(TRIAGER, 'triage');
    server.collaborators.grant(MALLORY, 'read');
    server.collaborators.grant(LABELER, 'write');
  });
  after(async () => server.stop());
  beforeEach(() => {
    nextNumber++;
    server.labelEvents.open(nextNumber);
    server.labelEvents.forbidden = false;
    server.collaborators.forbidden = false;
  });
  const { api } = standInClients(() => server, TOKEN);
  const optIn = (pr = forkPr(), label = 'preview') => previewOptIn(api(), pr, label);
  const pr = () => nextNumber;

  it('trusts a pull request from a branch of the repository itself, reading nothing', async () => {
    const before = server.requests.length;
    const verdict = await optIn(forkPr({ headRepo: 'codertocat/hello-world', action: 'synchronize' }));
    assert.deepEqual(verdict, {
      trusted: true,
      why: 'Pull request #' + pr() + ' comes from a branch of Codertocat/Hello-World itself, which only people with write access can push to.',
    });
    assert.equal(server.requests.length, before);
  });

  it('refuses a fork without the label, naming the label and who may apply it', async () => {
    server.labelEvents.rename(pr(), 'wip', 'Add a preview', MALLORY);
    server.labelEvents.apply(pr(), 'previews', MAINTAINER);
    refusedFor(
      await optIn(),
      `#${pr()} comes from the fork mallory/Hello-World and does not carry the label "preview"`,
      'write access to Codertocat/Hello-World',
    );
  });

  it('refuses a fork that was deleted (no head repository) and carries no label', async () => {
    refusedFor(await optIn(forkPr({ headRepo: undefined })), 'a fork that no longer exists', '"preview"');
  });

  it('deploys the head of the labeled run when someone with write, maintain or admin access applied the label', async () => {
    server.labelEvents.apply(pr(), 'preview', MAINTAINER);
    const verdict = await optIn();
    assert.equal(verdict.trusted, true, verdict.why);
    const applied = `octo-maintainer (write) applied the label "preview" to pull request #${pr()} from the fork mallory/Hello-World`;
    assert.match(verdict.why, /^.* at 2026-11-22T\d\d:\d\d:\d\dZ: its head commit c0ffeec0ffee may be deployed\.$/);
    assert.ok(verdict.why.startsWith(`${applied} at `), verdict.why);
    for (const person of [MAINTAIN, ADMIN]) {
      server.labelEvents.remove(pr(), 'preview', person);
      server.labelEvents.apply(pr(), 'preview', person);
      const again = await optIn();
      assert.equal(again.trusted, true, again.why);
      assert.match(again.why, new RegExp(`^${person.login} \\((maintain|admin)\\) applied`));
    }
  });

  it('refuses a label applied by a triager, and by a reader', async () => {
    server.labelEvents.apply(pr(), 'preview', TRIAGER);
    refusedFor(await optIn(), 'was last applied by octo-triage, whose role on Codertocat/Hello-World is triage', 'only admin, maintain or write');
    server.labelEvents.remove(pr(), 'preview', TRIAGER);
    server.labelEvents.apply(pr(), 'preview', { login: 'eve', id: 667, type: 'User' });
    server.collaborators.grant({ login: 'eve', id: 667, type: 'User' }, 'read');
    refusedFor(await optIn(), 'last applied by eve, whose role on Codertocat/Hello-World is read');
  });

  it("refuses the author with read access labelling their own pull request, even after a maintainer's label", async () => {
    server.labelEvents.apply(pr(), 'preview', MAINTAINER);
    server.labelEvents.remove(pr(), 'preview', MALLORY);
    server.labelEvents.apply(pr(), 'preview', MALLORY);
    refusedFor(await optIn(), "last applied by mallory (the pull request's author), whose role on Codertocat/Hello-World is read");
  });

  it('refuses a label that was removed after it was applied, and one re-applied by a triager after that', async () => {
    server.labelEvents.apply(pr(), 'preview', MAINTAINER);
    server.labelEvents.remove(pr(), 'preview', TRIAGER);
    refusedFor(await optIn(), 'does not carry the label "preview" (octo-triage removed it at 2026-11-22T');
    server.labelEvents.apply(pr(), 'preview', TRIAGER);
    refusedFor(await optIn(), 'last applied by octo-triage');
  });

  it('refuses new commits pushed after the label (synchronize) until it is removed and applied again', async () => {
    server.labelEvents.apply(pr(), 'preview', MAINTAINER);
    assert.equal((await optIn()).trusted, true, 'the labeled run deploys the commit the label was applied to');
    const pushed = forkPr({ action: 'synchronize', actionLabel: undefined, headSha: PUSHED });
    refusedFor(
      await optIn(pushed),
      'octo-maintainer (write) applied the label "preview"',
      'but this run is for new commits (synchronize), not for applying it',
      `To deploy ${PUSHED.slice(0, 12)}, review it, then remove the label and apply it again.`,
    );
    refusedFor(await optIn(forkPr({ action: 'reopened', actionLabel: undefined, headSha: PUSHED })), 'this run is for "reopened"');
    refusedFor(await optIn(forkPr({ actionLabel: 'bug', headSha: PUSHED })), 'this run is for "labeled", not for applying it');
    server.labelEvents.remove(pr(), 'preview', MAINTAINER);
    server.labelEvents.apply(pr(), 'preview', MAINTAINER);
    const relabelled = await optIn(forkPr({ headSha: PUSHED }));
    assert.equal(relabelled.trusted, true, relabelled.why);
    assert.ok(relabelled.why.endsWith(`its head commit ${PUSHED.slice(0, 12)} may be deployed.`));
  });

  it('refuses a label applied by an app, even one with write access (the action itself included)', async () => {
    server.labelEvents.apply(pr(), 'preview', LABELER);
    refusedFor(await optIn(), 'was applied by labeler-app[bot], an app: only a person with write access');
    await api().setOwnLabels(pr(), 'kube-gitops:', ['kube-gitops:changes']);
    refusedFor(await optIn(forkPr({ actionLabel: 'kube-gitops:changes' }), 'kube-gitops:changes'), 'applied by github-actions[bot], an app');
  });

  it('matches the label by name regardless of case, and only by its whole name', async () => {
    server.labelEvents.apply(pr(), 'Preview', MAINTAINER);
    assert.equal((await optIn()).trusted, true);
    server.labelEvents.apply(pr(), 'previews-later', MAINTAINER);
    refusedFor(await optIn(forkPr({ actionLabel: 'previews-later' }), 'previews'), 'does not carry the label "previews"');
  });

  it('finds the last applier on a later page of the events', async () => {
    server.labelEvents.apply(pr(), 'preview', MAINTAINER);
    for (let i = 0; i < 120; i++) server.labelEvents.rename(pr(), `title ${i}`, `title ${i + 1}`, MALLORY);
    server.labelEvents.remove(pr(), 'preview', TRIAGER);
    server.labelEvents.apply(pr(), 'preview', TRIAGER);
    refusedFor(await optIn(), 'last applied by octo-triage');
    assert.ok(server.requests.some((r) => r.path.endsWith(`/issues/${pr()}/events`) && r.query.page === '2'));
  });

  it('refuses when the events, the labels or the permission cannot be read (fail closed)', async () => {
    server.labelEvents.apply(pr(), 'preview', MAINTAINER);
    server.labelEvents.forbidden = true;
    refusedFor(await optIn(), `Could not read the labels of pull request #${pr()} from the fork mallory/Hello-World`, 'HTTP 403', 'never deployed unchecked');
    server.labelEvents.forbidden = false;
    server.collaborators.forbidden = true;
    refusedFor(await optIn(), 'Could not read the permission of octo-maintainer, who applied the label', 'HTTP 403');
    server.collaborators.forbidden = false;
    server.labelEvents.remove(pr(), 'preview', MAINTAINER);
    server.labelEvents.apply(pr(), 'preview', { login: 'ghost-user', id: 1000, type: 'User' });
    refusedFor(await optIn(), 'Could not read the permission of ghost-user', 'HTTP 404');
    refusedFor(await optIn(forkPr({ number: 9999 })), 'Could not read the labels of pull request #9999', 'HTTP 404');
    const broken = { ...api(), listIssueLabels: () => Promise.reject(new Error('socket hang up')) };
    refusedFor(await previewOptIn(broken, forkPr(), 'preview'), '(socket hang up)');
  });
});
