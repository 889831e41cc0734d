// The targets step's summary on a push links the merged pull request's fleet comment (the token's
// own), for the environment reviewers who approve the run's production jobs; a comment of anyone
// else with the same marker is never linked.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { reviewedPlansLine } from '../../../src/action/reviewed-plans-link.js';
import { fleetMarker } from '../../../src/github/sticky-comment.js';
import { startGitHubApiServer, type GitHubApiServer } from '../../support/github-api-server.js';
import { standInClients } from '../../support/stand-in-clients.js';

const TOKEN = 'ghs_unitReviewedPlansToken0000000000000';
const MERGED = 'a'.repeat(40);
const LONE = 'b'.repeat(40);

describe('the link to the reviewed plans on a push', () => {
  let server: GitHubApiServer;
  before(async () => {
    server = await startGitHubApiServer({
      token: TOKEN,
      pulls: (sha) => (sha === MERGED ? [{ number: 7, state: 'closed', merged_at: '2026-12-07T10:00:00Z' }] : []),
    });
  });
  after(async () => server.stop());
  const { api } = standInClients(() => server, TOKEN);

  it("names the merged pull request without a fleet comment of the token's, then links the one it posts", async () => {
    const github = api();
    server.seedComment(7, `${fleetMarker()}\n[plans](https://evil.example/forged)`, { login: 'mallory', id: 666, type: 'User' });
    assert.equal(await reviewedPlansLine(github, MERGED, ''), "#7 has no fleet comment of this token's: no reviewed plan to show the approvers.");
    const comment = await github.createIssueComment(7, `${fleetMarker()}\nthe fleet's plans`);
    assert.equal(
      await reviewedPlansLine(github, MERGED, ''),
      `**Approving a job of this run?** Each target's plan, as reviewed: [the fleet comment on #7](${comment.url}). Each apply plans again and applies only that plan.`,
    );
    assert.match(await reviewedPlansLine(github, MERGED, 'other.yaml'), /no fleet comment/, "another fleet's comment is not this fleet's");
  });

  it('says so when no pull request is associated with the commit, or GitHub cannot be read', async () => {
    assert.equal(await reviewedPlansLine(api(), LONE, ''), 'No pull request is associated with `bbbbbbb`: no reviewed plan to show the approvers.');
    const { api: wrong } = standInClients(() => server, 'ghs_wrongToken000000000000000000000000');
    assert.match(await reviewedPlansLine(wrong(), MERGED, ''), /^The reviewed plans could not be found \(/);
  });
});
