// The review binding as a write gate, with the run's approver: once a reviewed plan was read, the
// verdict names who approved the run for the environment (asked once); a plan that differs under
// `on-unreviewed-changes: fail` is refused naming the approver and each differing object. Against the
// strict GitHub stand-in, through the real octokit client.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { reviewWriteGate } from '../../../src/assembly/review-write-gate.js';
import { createGitHubApi } from '../../../src/github/octokit-github.js';
import type { RunApproval } from '../../../src/github/run-approval.js';
import { stickyMarker } from '../../../src/github/sticky-comment.js';
import { RecordingLogger } from '../../../src/model/logger.js';
import type { Plan } from '../../../src/model/plan.js';
import type { DesiredObject } from '../../../src/objects/desired-object.js';
import { SecretRedactor } from '../../../src/redaction/secret-redactor.js';
import { formatReviewMarker } from '../../../src/review/review-marker.js';
import { reviewRecord } from '../../../src/review/review-record.js';
import { startGitHubApiServer, type GitHubApiServer } from '../../support/github-api-server.js';
import { configMap, livePlan, planEntry } from '../../support/plan-entries.js';

const TOKEN = 'ghs_unitReviewWriteGateToken00000000000';
const ACTIONS = { login: 'github-actions[bot]', id: 41898282, type: 'Bot' as const };
const HEAD = 'e'.repeat(40);
const OCTO: RunApproval = { login: 'octo-reviewer', environment: 'production', comment: '' };

const desired = (value: string): DesiredObject[] => [{ object: configMap('settings', { a: value }), source: { file: 'deploy/app.yaml', line: 1 } }];
const planOf = (value: string): Plan =>
  livePlan([planEntry('update', configMap('settings', { a: '1' }), configMap('settings', { a: value }))], { commit: HEAD });

describe('the review write gate names the approver of the run', () => {
  let server: GitHubApiServer;
  const merges = new Map<string, number>();
  before(async () => {
    server = await startGitHubApiServer({
      token: TOKEN,
      pulls: (sha) => {
        const number = merges.get(sha);
        return number ? [{ number, state: 'closed', merged_at: '2026-12-01T12:00:00Z', head: { sha: HEAD } }] : [];
      },
    });
  });
  after(() => server.stop());

  /** The gate on merging `pr` (as `sha`) whose plan comment reviewed the value 2; `asked` counts the approval look-ups. */
  function gateOnMerge(pr: number, sha: string, value: string, onUnreviewedChanges: 'fail' | 'warn') {
    merges.set(sha, pr);
    const reviewed = formatReviewMarker(reviewRecord(planOf('2'), desired('2'), new SecretRedactor()), pr);
    server.seedComment(pr, `${stickyMarker('plan', 'production')}\n${reviewed}\n### kube-gitops plan\n`, ACTIONS);
    const asked = { count: 0 };
    const github = createGitHubApi({ token: TOKEN, owner: 'Codertocat', repo: 'Hello-World', apiUrl: server.url });
    const approval = () => {
      asked.count++;
      return Promise.resolve(OCTO);
    };
    const gate = reviewWriteGate(
      { onUnreviewedChanges },
      { github, sha, desired: desired(value), redactor: new SecretRedactor(), logger: new RecordingLogger(), approval },
    );
    const run = () => gate.gate({ plan: planOf(value), inventory: {} as never, commit: sha });
    return { gate, run, asked };
  }

  it('a merge whose plan is the reviewed one: the verdict names the approver', async () => {
    const { gate, run, asked } = gateOnMerge(70, '70'.repeat(20), '2', 'fail');
    await run();
    assert.equal(gate.verdict()?.matches, 'true', gate.verdict()?.reason);
    assert.deepEqual(gate.verdict()?.approval, OCTO);
    assert.equal(asked.count, 1);
  });

  it('with on-unreviewed-changes: fail, a plan that differs is refused naming the approver and the object', async () => {
    const { gate, run } = gateOnMerge(71, '71'.repeat(20), '3', 'fail');
    await assert.rejects(run(), (error: Error) => {
      assert.match(
        error.message,
        /^Nothing was applied: approved by `octo-reviewer` for environment `production`, but the plan differs from the one reviewed in #71 /,
      );
      assert.match(error.message, /\n- ConfigMap\/shop\/settings: reviewed update, now update — /);
      return true;
    });
    assert.deepEqual(gate.verdict()?.approval, OCTO);
  });

  it('a push without a reviewed plan asks for no approver', async () => {
    const { gate, run, asked } = gateOnMerge(72, '72'.repeat(20), '2', 'warn');
    merges.delete('72'.repeat(20));
    await run();
    assert.equal(gate.verdict()?.matches, 'unknown');
    assert.equal(gate.verdict()?.approval, undefined);
    assert.equal(asked.count, 0);
    assert.deepEqual(server.unexpected, []);
  });
});
