// Who approved this run for the target's environment: the newest `approved` review naming the
// environment, read through the project's real adapter from the strict GitHub stand-in
// (test/support/github-approvals.ts); a token that may not read it, or any failure, leaves one
// warning and no approver, never a failed deploy.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { runApprovalLookup } from '../../../src/action/run-approval.js';
import { APPROVALS_FORBIDDEN, approvalFor, findRunApproval } from '../../../src/github/run-approval.js';
import type { EnvironmentReview } from '../../../src/github/github-port.js';
import { RecordingLogger } from '../../../src/model/logger.js';
import { SecretRedactor } from '../../../src/redaction/secret-redactor.js';
import { startGitHubApiServer, type GitHubApiServer } from '../../support/github-api-server.js';
import { standInClients } from '../../support/stand-in-clients.js';
import { testSettings } from '../../support/test-settings.js';

const TOKEN = 'ghs_unitApprovalsToken0000000000000000';
const OCTO = { login: 'octo-reviewer', id: 583231, type: 'User' as const };
const MONA = { login: 'mona', id: 9000001, type: 'User' as const };
const settings = (target: string, environment?: string) => ({
  ...testSettings({ paths: ['.'], workspace: process.cwd() }),
  target,
  ...(environment ? { environment } : {}),
});
const review = (state: EnvironmentReview['state'], environments: string[], login: string, comment = ''): EnvironmentReview => ({
  state,
  environments,
  login,
  comment,
});

describe('the approval of a run for an environment', () => {
  it('is the newest approved review naming the environment', () => {
    const reviews = [review('approved', ['production'], 'mona', 'first'), review('approved', ['staging', 'production'], 'octo-reviewer', 'again')];
    assert.deepEqual(approvalFor(reviews, 'production'), { login: 'octo-reviewer', environment: 'production', comment: 'again' });
  });

  it('ignores rejections, comment-only reviews and other environments', () => {
    const reviews = [review('approved', ['production'], 'mona'), review('rejected', ['production'], 'eve'), review('pending', ['production'], 'trudy')];
    assert.equal(approvalFor(reviews, 'production')?.login, 'mona');
    assert.equal(approvalFor([review('approved', ['staging'], 'mona'), review('rejected', ['production'], 'eve')], 'production'), undefined);
    assert.equal(approvalFor([], 'production'), undefined);
  });

  it('matches the environment without regard to case, as GitHub names environments', () => {
    assert.deepEqual(approvalFor([review('approved', ['Production'], 'mona')], 'production'), { login: 'mona', environment: 'production', comment: '' });
  });
});

describe("the run's approvals, from the strict GitHub stand-in", () => {
  let server: GitHubApiServer;
  let forbidden: GitHubApiServer;
  before(async () => {
    server = await startGitHubApiServer({ token: TOKEN, runs: [4242, 77] });
    forbidden = await startGitHubApiServer({ token: TOKEN, actionsForbidden: true });
  });
  after(async () => {
    await server.stop();
    await forbidden.stop();
  });
  const { api, raw } = standInClients(() => server, TOKEN);
  const lookup = (github = api()) => ({ github, logger: new RecordingLogger(), redactor: new SecretRedactor() });
  const warnings = (logger: RecordingLogger) => logger.records.filter((r) => r.level === 'warning').map((r) => r.message);

  it('reads the review history in the order given and finds the approver of the environment', async () => {
    server.approvals.review(4242, { state: 'approved', environments: ['staging'], user: MONA });
    server.approvals.review(4242, { state: 'rejected', environments: ['production'], user: MONA, comment: 'not yet' });
    server.approvals.review(4242, { state: 'approved', environments: ['production'], user: OCTO, comment: 'Ship it!' });
    const deps = lookup();
    assert.deepEqual(await deps.github.listRunApprovals(4242), [
      { state: 'approved', environments: ['staging'], login: 'mona', comment: '' },
      { state: 'rejected', environments: ['production'], login: 'mona', comment: 'not yet' },
      { state: 'approved', environments: ['production'], login: 'octo-reviewer', comment: 'Ship it!' },
    ]);
    assert.deepEqual(await findRunApproval(4242, 'production', deps), { login: 'octo-reviewer', environment: 'production', comment: 'Ship it!' });
    assert.deepEqual(warnings(deps.logger), []);
    assert.deepEqual(await findRunApproval(77, 'production', deps), undefined, 'a known run nobody reviewed');
    assert.deepEqual(server.unexpected, []);
  });

  it('answers 404 for a run it does not know, and 401 for another token', async () => {
    assert.equal((await raw('GET', '/actions/runs/5/approvals')).status, 404);
    const other = await fetch(`${server.url}/repos/Codertocat/Hello-World/actions/runs/4242/approvals`, { headers: { authorization: 'token nope' } });
    assert.equal(other.status, 401);
  });

  it('a token without actions: read (403): one warning, no approver', async () => {
    const deps = lookup(standInClients(() => forbidden, TOKEN).api());
    assert.equal(await findRunApproval(4242, 'production', deps), undefined);
    assert.deepEqual(warnings(deps.logger), [APPROVALS_FORBIDDEN]);
  });

  it('any other failure (an unknown run): one warning, no approver', async () => {
    const deps = lookup();
    assert.equal(await findRunApproval(5, 'production', deps), undefined);
    assert.deepEqual(warnings(deps.logger), [APPROVALS_FORBIDDEN], 'GitHub answers 404 to a token that may not see the run');
    const broken = lookup({ ...api(), listRunApprovals: () => Promise.reject(new Error('socket hang up')) });
    assert.equal(await findRunApproval(4242, 'production', broken), undefined);
    assert.deepEqual(warnings(broken.logger), ["Could not read this run's approvals (socket hang up); the report names no approver."]);
  });

  it("is read once per run, for the target's environment (the environment input, else the target's name)", async () => {
    const deps = lookup(standInClients(() => forbidden, TOKEN).api());
    const read = runApprovalLookup(settings('web', 'production'), { runId: 4242 }, deps);
    assert.ok(read);
    await read();
    await read();
    assert.equal(warnings(deps.logger).length, 1);
    const byTarget = runApprovalLookup(settings('production'), { runId: 4242 }, lookup());
    assert.equal((await byTarget?.())?.login, 'octo-reviewer');
    assert.equal(runApprovalLookup(settings('web'), {}, lookup()), undefined, 'no run id: nothing to read');
  });
});
