// A pull request's changed files through the real octokit adapter against the strict stand-in:
// every page is read, a rename counts under both names, GitHub's 3,000-file cap and a failed
// listing are "cannot tell" with the reason, and then git's diff is asked (when the clone has both
// commits); when neither can tell, the selection plans every target.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { pullRequestChangedFiles, pullRequestChanges } from '../../../src/fleet/changed-files.js';
import { createGitHubApi } from '../../../src/github/octokit-github.js';
import { GitRepo } from '../../support/git-repo.js';
import { startGitHubApiServer, type GitHubApiServer, type StandInFile } from '../../support/github-api-server.js';

const TOKEN = 'ghs_unitStandInToken00000000000000000';
const many = (n: number): StandInFile[] => Array.from({ length: n }, (_, i) => ({ filename: `apps/f${String(i).padStart(4, '0')}.yaml`, status: 'modified' }));
const PULLS: Record<number, StandInFile[]> = {
  1: [...many(249), { filename: 'apps/new/cm.yaml', previous_filename: 'apps/old/cm.yaml', status: 'renamed' }],
  2: many(3050),
  3: many(2999),
};

describe("a pull request's changed files", () => {
  let server: GitHubApiServer;
  before(async () => {
    server = await startGitHubApiServer({ token: TOKEN, pullFiles: (n) => PULLS[n] });
  });
  after(async () => server.stop());
  const api = () => createGitHubApi({ token: TOKEN, owner: 'Codertocat', repo: 'Hello-World', apiUrl: server.url });
  const pagesOf = (n: number) => server.requests.filter((r) => r.path === `/repos/Codertocat/Hello-World/pulls/${n}/files`).map((r) => r.query.page ?? '1');

  it('reads every page, and a renamed file carries its previous name', async () => {
    const files = await api().listPullRequestFiles(1);
    assert.equal(files.length, 250);
    assert.deepEqual(files.at(-1), { filename: 'apps/new/cm.yaml', previousFilename: 'apps/old/cm.yaml', status: 'renamed' });
    assert.deepEqual(files[0], { filename: 'apps/f0000.yaml', status: 'modified' });
    assert.deepEqual(pagesOf(1), ['1', '2', '3']);
    assert.deepEqual(server.unexpected, []);
  });

  it('counts both names of a renamed file as changed', async () => {
    const changed = await pullRequestChanges(api(), 1);
    assert.ok(changed.known);
    assert.equal(changed.paths.length, 251);
    assert.ok(changed.paths.includes('apps/new/cm.yaml') && changed.paths.includes('apps/old/cm.yaml'));
    assert.equal(changed.from, 'the 250 files GitHub lists for pull request #1');
  });

  it("cannot tell when the listing reaches GitHub's 3,000-file cap, and says so", async () => {
    assert.equal((await api().listPullRequestFiles(2)).length, 3000);
    assert.deepEqual(await pullRequestChanges(api(), 2), {
      known: false,
      reason: 'GitHub lists at most 3,000 files of a pull request, and this one changes at least that many',
    });
    const below = await pullRequestChanges(api(), 3);
    assert.equal(below.known && below.paths.length, 2999);
  });

  it("cannot tell when the listing fails, with GitHub's answer as the reason", async () => {
    assert.deepEqual(await pullRequestChanges(api(), 404), {
      known: false,
      reason: "the pull request's files could not be listed: listing the files of the pull request failed (HTTP 404): Not Found",
    });
    const badToken = createGitHubApi({ token: 'ghs_wrong', owner: 'Codertocat', repo: 'Hello-World', apiUrl: server.url });
    const denied = await pullRequestChanges(badToken, 1);
    assert.equal(denied.known, false);
    assert.match(denied.known ? '' : denied.reason, /\(HTTP 401\): Bad credentials$/);
  });

  it("falls back to git's diff when GitHub cannot tell, and gives both reasons when git cannot either", async () => {
    const repo = new GitRepo();
    try {
      repo.write('apps/a.yaml', 'a: 1\n');
      const baseSha = repo.commit('base');
      repo.write('apps/a.yaml', 'a: 2\n');
      const headSha = repo.commit('head');
      const sources = { pullNumber: 2, workspace: repo.dir, baseSha, headSha };
      assert.deepEqual(await pullRequestChangedFiles({ ...sources, github: api() }), {
        known: true,
        paths: ['apps/a.yaml'],
        from: `git diff ${baseSha.slice(0, 7)} ${headSha.slice(0, 7)}`,
      });
      const neither = await pullRequestChangedFiles({ ...sources, github: api(), baseSha: 'f'.repeat(40) });
      assert.match(
        neither.known ? '' : neither.reason,
        /^GitHub lists at most 3,000 files .*; and git cannot tell which files changed: the base commit f{7} is not in this clone/,
      );
      assert.equal((await pullRequestChangedFiles({ ...sources, pullNumber: 1, github: api() })).known && 'from GitHub', 'from GitHub');
      assert.equal((await pullRequestChangedFiles(sources)).known, true);
    } finally {
      repo.cleanup();
    }
  });
});
