// Adversarial: the merge's review check reads only the plan comment the token itself wrote, only the
// record on its second line, and only when that record is of the merged pull request, at its head,
// for this target. Against the strict local GitHub stand-in, through the real octokit client.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createGitHubApi } from '../../../src/github/octokit-github.js';
import { stickyMarker } from '../../../src/github/sticky-comment.js';
import type { DesiredObject } from '../../../src/objects/desired-object.js';
import type { KubeObject } from '../../../src/objects/kube-object.js';
import type { Plan } from '../../../src/model/plan.js';
import { SecretRedactor } from '../../../src/redaction/secret-redactor.js';
import { reviewVerdict } from '../../../src/review/review-gate.js';
import { formatReviewMarker } from '../../../src/review/review-marker.js';
import { reviewRecord } from '../../../src/review/review-record.js';
import { startGitHubApiServer, type GitHubApiServer } from '../../support/github-api-server.js';
import { configMap, livePlan, planEntry, workload } from '../../support/plan-entries.js';

const TOKEN = 'ghs_unitReviewGateToken0000000000000000';
const OTHER_APP = { login: 'other-app[bot]', id: 7_000_001, type: 'Bot' as const };
const HEAD = 'c'.repeat(40);
const OLDER_HEAD = 'd'.repeat(40);

const web = (image: string): KubeObject => workload('web', { containers: [{ name: 'web', image }] });
const manifests: DesiredObject[] = [web('web:2'), configMap('settings', { a: '1' })].map((object, i) => ({
  object,
  source: { file: 'deploy/app.yaml', line: i * 10 + 1 },
}));

/** What the pull request planned: the web image; and the merge's plan once the ConfigMap drifted in the cluster. */
function planOf(target: string, drifted: boolean, commit = HEAD): Plan {
  const settings = planEntry(drifted ? 'update' : 'unchanged', configMap('settings', { a: drifted ? 'by hand' : '1' }), configMap('settings', { a: '1' }));
  return livePlan([planEntry('update', web('web:1'), web('web:2')), settings], { target, commit });
}

const record = (plan: Plan, pr: number) => formatReviewMarker(reviewRecord(plan, manifests, new SecretRedactor()), pr);
const commentOf = (plan: Plan, pr: number) => `${stickyMarker('plan', plan.target)}\n${record(plan, pr)}\n### kube-gitops plan for **${plan.target}**\n`;

describe('the review check on merge, against the strict local GitHub stand-in', () => {
  let server: GitHubApiServer;
  let forbidden: GitHubApiServer;
  /** The merged pull request of each pushed commit (the test's own merge commits). */
  const merges = new Map<string, number>();
  const pulls = (sha: string) => {
    const number = merges.get(sha);
    return number ? [{ number, state: 'closed', merged_at: '2026-12-01T12:00:00Z', head: { sha: HEAD } }] : [];
  };
  before(async () => {
    server = await startGitHubApiServer({ token: TOKEN, pulls });
    forbidden = await startGitHubApiServer({ token: TOKEN, pulls, viewerForbidden: true });
  });
  after(async () => {
    await server.stop();
    await forbidden.stop();
  });

  /** The verdict on the merge of pull request `pr` (merge commit `sha`), with the ConfigMap drifted since the review. */
  async function verdictOnMerge(pr: number, sha: string, target = 'prod', on = server) {
    merges.set(sha, pr);
    const github = createGitHubApi({ token: TOKEN, owner: 'Codertocat', repo: 'Hello-World', apiUrl: on.url });
    return reviewVerdict(planOf(target, true), { github, sha, desired: manifests, redactor: new SecretRedactor() });
  }

  it('matches a plan comment the token wrote for this pull request, head and target (the control case)', async () => {
    server.seedComment(20, commentOf(planOf('prod', true), 20), { login: 'github-actions[bot]', id: 41898282, type: 'Bot' });
    const verdict = await verdictOnMerge(20, '2'.repeat(40));
    assert.equal(verdict.matches, 'true', verdict.reason);
  });

  it("ignores another app's comment with a record of the drifted plan: the token's own comment (the reviewed plan) decides", async () => {
    server.seedComment(21, commentOf(planOf('prod', false), 21), { login: 'github-actions[bot]', id: 41898282, type: 'Bot' });
    server.seedComment(21, commentOf(planOf('prod', true), 21), OTHER_APP);
    const verdict = await verdictOnMerge(21, '21'.repeat(20));
    assert.equal(verdict.matches, 'false', verdict.reason);
    assert.equal(verdict.differences.length, 1, 'the drifted ConfigMap, which the reviewer never saw');
  });

  it("binds nothing to another app's comment alone, nor to a person's", async () => {
    server.seedComment(22, commentOf(planOf('prod', true), 22), OTHER_APP);
    server.seedComment(22, commentOf(planOf('prod', true), 22));
    const verdict = await verdictOnMerge(22, '22'.repeat(20));
    assert.equal(verdict.matches, 'unknown');
    assert.match(verdict.reason ?? '', /#22 has no plan comment for this target written by github-actions\[bot\]/);
  });

  it("is not bound by a ConfigMap value holding target prod's marker and record inside target staging's comment", async () => {
    const value = commentOf(planOf('prod', true), 23).trimEnd();
    const staging = `${commentOf(planOf('staging', false), 23)}\n\`\`\`diff\n+  data:\n+    evil: |\n${value}\n\`\`\`\n`;
    server.seedComment(23, staging, { login: 'github-actions[bot]', id: 41898282, type: 'Bot' });
    const verdict = await verdictOnMerge(23, '23'.repeat(20));
    assert.equal(verdict.matches, 'unknown', verdict.reason);
  });

  it("does not let a record written for pull request #1 bind the merge of #2, even copied into #2's comment", async () => {
    server.seedComment(2, commentOf(planOf('prod', true), 1), { login: 'github-actions[bot]', id: 41898282, type: 'Bot' });
    const verdict = await verdictOnMerge(2, '24'.repeat(20));
    assert.equal(verdict.matches, 'false');
    assert.match(verdict.reason ?? '', /written for #1/);
  });

  it('does not match a record of an older head of the pull request, though the plans agree', async () => {
    server.seedComment(25, commentOf(planOf('prod', true, OLDER_HEAD), 25), { login: 'github-actions[bot]', id: 41898282, type: 'Bot' });
    const verdict = await verdictOnMerge(25, '25'.repeat(20));
    assert.equal(verdict.matches, 'false');
    assert.match(verdict.reason ?? '', /the pull request changed after its last plan \(planned at `ddddddd`, merged at `ccccccc`\)/);
  });

  it('does not read a record of target a-b for target a--b (the names once shared one marker)', async () => {
    server.seedComment(26, commentOf(planOf('a-b', true), 26), { login: 'github-actions[bot]', id: 41898282, type: 'Bot' });
    const verdict = await verdictOnMerge(26, '26'.repeat(20), 'a--b');
    assert.equal(verdict.matches, 'unknown', verdict.reason);
  });

  it("is unknown, naming why, when the token's identity cannot be read: no comment is trusted by its author type", async () => {
    forbidden.seedComment(27, commentOf(planOf('prod', true), 27), { login: 'github-actions[bot]', id: 41898282, type: 'Bot' });
    const verdict = await verdictOnMerge(27, '27'.repeat(20), 'prod', forbidden);
    assert.equal(verdict.matches, 'unknown');
    assert.equal(
      verdict.reason,
      "the token's identity could not be read (reading the token's identity (GraphQL viewer) failed: Resource not accessible by integration), so no plan comment can be trusted",
    );
    assert.deepEqual([server.unexpected, forbidden.unexpected], [[], []]);
  });
});
