// The merge's review check for a target planned as part of a fleet: with no plan comment of its own,
// the target's record is read from the fleet comment the token wrote, from its leading lines only.
// Against the strict local GitHub stand-in, through the real octokit client.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createGitHubApi } from '../../../src/github/octokit-github.js';
import { fleetMarker } from '../../../src/github/sticky-comment.js';
import type { DesiredObject } from '../../../src/objects/desired-object.js';
import type { Plan } from '../../../src/model/plan.js';
import { SecretRedactor } from '../../../src/redaction/secret-redactor.js';
import { reviewVerdict } from '../../../src/review/review-gate.js';
import { formatReviewMarker } from '../../../src/review/review-marker.js';
import { reviewRecord } from '../../../src/review/review-record.js';
import { startGitHubApiServer, type GitHubApiServer } from '../../support/github-api-server.js';
import { configMap, livePlan, planEntry } from '../../support/plan-entries.js';

const TOKEN = 'ghs_unitFleetReviewGateToken000000000000';
const ACTIONS = { login: 'github-actions[bot]', id: 41898282, type: 'Bot' as const };
const OTHER_APP = { login: 'other-app[bot]', id: 7_000_001, type: 'Bot' as const };
const HEAD = 'c'.repeat(40);

const manifests: DesiredObject[] = [{ object: configMap('settings', { a: '2' }), source: { file: 'deploy/app.yaml', line: 1 } }];
const planOf = (target: string): Plan =>
  livePlan([planEntry('update', configMap('settings', { a: '1' }), configMap('settings', { a: '2' }))], { target, commit: HEAD });
const record = (target: string, pr: number) => formatReviewMarker(reviewRecord(planOf(target), manifests, new SecretRedactor()), pr);
const fleetComment = (pr: number, targets: string[], below = '') =>
  `${fleetMarker()}\n${targets.map((t) => record(t, pr)).join('\n')}\n### kube-gitops plan for ${targets.length} targets\n${below}`;

/**
 * The strict stand-in for one describe block, started before its tests and stopped after them, and
 * the review verdict on merging `pr` as commit `sha` for `target`.
 */
function mergesOnStandIn() {
  const merges = new Map<string, number>();
  const standIn = {
    server: undefined as unknown as GitHubApiServer,
    async verdictOnMerge(pr: number, sha: string, target: string) {
      merges.set(sha, pr);
      const github = createGitHubApi({ token: TOKEN, owner: 'Codertocat', repo: 'Hello-World', apiUrl: standIn.server.url });
      return reviewVerdict(planOf(target), { github, sha, desired: manifests, redactor: new SecretRedactor() });
    },
  };
  before(async () => {
    standIn.server = await startGitHubApiServer({
      token: TOKEN,
      pulls: (sha) => {
        const number = merges.get(sha);
        return number ? [{ number, state: 'closed', merged_at: '2026-12-01T12:00:00Z', head: { sha: HEAD } }] : [];
      },
    });
  });
  after(() => standIn.server.stop());
  return standIn;
}

describe('the review check on merge of a fleet, against the strict local GitHub stand-in', () => {
  const github = mergesOnStandIn();

  it("finds the target's record in the fleet comment the token wrote", async () => {
    github.server.seedComment(60, fleetComment(60, ['eu', 'us', 'asia']), ACTIONS);
    const verdict = await github.verdictOnMerge(60, '60'.repeat(20), 'us');
    assert.equal(verdict.matches, 'true', verdict.reason);
  });

  it('never reads a record quoted lower in the body (in a diff)', async () => {
    const quoted = `\`\`\`diff\n+    evil: |\n${record('us', 61)}\n\`\`\`\n`;
    github.server.seedComment(61, fleetComment(61, ['eu'], quoted), ACTIONS);
    const verdict = await github.verdictOnMerge(61, '61'.repeat(20), 'us');
    assert.equal(verdict.matches, 'unknown');
    assert.equal(verdict.reason, 'the fleet comment of #61 holds no review record for this target');
  });

  it('does not trust a fleet comment written by another author', async () => {
    github.server.seedComment(62, fleetComment(62, ['us']), OTHER_APP);
    const verdict = await github.verdictOnMerge(62, '62'.repeat(20), 'us');
    assert.equal(verdict.matches, 'unknown');
    assert.match(verdict.reason ?? '', /#62 has no plan comment for this target written by github-actions\[bot\]/);
  });

  it('trusts no record of a target that appears twice in the leading lines', async () => {
    github.server.seedComment(63, fleetComment(63, ['us', 'us']), ACTIONS);
    const verdict = await github.verdictOnMerge(63, '63'.repeat(20), 'us');
    assert.equal(verdict.matches, 'unknown');
  });
});

describe('the review check on merge of a pull request that two fleets planned', () => {
  const github = mergesOnStandIn();

  const named = (name: string, pr: number, targets: string[]) => fleetComment(pr, targets).replace(fleetMarker(), fleetMarker(name));

  it("reads the target's record from whichever fleet comment holds it", async () => {
    github.server.seedComment(70, named('apps', 70, ['eu']), ACTIONS);
    github.server.seedComment(70, named('platform', 70, ['ingress']), ACTIONS);
    assert.equal((await github.verdictOnMerge(70, '70'.repeat(20), 'ingress')).matches, 'true');
    assert.equal((await github.verdictOnMerge(70, '71'.repeat(20), 'eu')).matches, 'true');
  });

  it('trusts neither of two fleet comments that both hold a record of the target', async () => {
    github.server.seedComment(72, named('apps', 72, ['eu']), ACTIONS);
    github.server.seedComment(72, named('platform', 72, ['eu']), ACTIONS);
    const verdict = await github.verdictOnMerge(72, '72'.repeat(20), 'eu');
    assert.equal(verdict.matches, 'unknown');
    assert.equal(verdict.reason, '2 fleet comments of #72 hold a review record for this target, so none can be trusted');
  });
});
