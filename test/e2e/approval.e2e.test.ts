// dist/index.js on a push to an environment a reviewer approved: the plan reviewed on the pull
// request is re-planned and compared, and the report says it was applied as approved by the
// reviewer GitHub names for the run (GET /actions/runs/{id}/approvals on the strict stand-in); a
// merge that differs from the reviewed plan under `on-unreviewed-changes: fail` writes nothing and is
// refused naming the approver and the object that differs.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { GitHubApiServer } from '../support/github-api-server.js';
import { startMergeStandIn } from '../support/merge-stand-in.js';
import { GitRepo } from '../support/git-repo.js';
import { pullRequestPayload, pushPayload, runAction, type ActionRun } from '../support/run-action.js';
import { testCluster, testNamespace, type TestCluster } from '../support/test-cluster.js';

const TOKEN = 'ghs_e2eApprovalToken000000000000000000';
/** The run run-action.ts gives every step (GITHUB_RUN_ID). */
const RUN_ID = 4242;
const OCTO_REVIEWER = { login: 'octo-reviewer', id: 583231, type: 'User' as const };

const configMaps = (ns: string, release: string, greeting: string) =>
  `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\n  namespace: ${ns}\ndata: {release: "${release}"}\n---\n` +
  `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n  namespace: ${ns}\ndata: {greeting: ${greeting}}\n`;

describe('the approval of a production deploy (dist/index.js end to end)', () => {
  let c: TestCluster;
  let ns: { name: string; cleanup: () => Promise<void> };
  let repo: GitRepo;
  let github: GitHubApiServer;
  let merged: Map<string, number>;
  let live = '';

  before(async () => {
    c = await testCluster();
    ns = await testNamespace('e2e-approval');
    repo = new GitRepo();
    ({ github, merged } = await startMergeStandIn(TOKEN, () => repo));
    github.approvals.review(RUN_ID, { state: 'rejected', environments: ['staging'], user: { login: 'mona', id: 9000001, type: 'User' } });
    github.approvals.review(RUN_ID, { state: 'approved', environments: ['production'], user: OCTO_REVIEWER, comment: 'Ship it <b>now</b>' });
    repo.write('deploy/app.yaml', configMaps(ns.name, '1', 'hello'));
    live = repo.commit('release 1');
    const first = await push(live, '0'.repeat(40));
    assert.equal(first.code, 0, first.stdout);
  });
  after(async () => {
    await github.stop();
    repo.cleanup();
    await ns.cleanup();
  });

  const inputs = () => ({
    path: 'deploy',
    name: 'shop',
    environment: 'production',
    namespace: ns.name,
    kubeconfig: c.kubeconfigText,
    'github-token': TOKEN,
    wait: 'false',
  });

  function push(sha: string, previous: string, extra: Record<string, string> = {}): Promise<ActionRun> {
    repo.git('checkout', '-q', sha);
    return runAction({
      event: 'push',
      payload: pushPayload({ before: previous, after: sha }),
      workspace: repo.dir,
      sha,
      apiUrl: github.url,
      inputs: { ...inputs(), ...extra },
    });
  }

  /** Pull request `number` from the live commit with release `release`, planned (its plan comment written) and merged. */
  async function reviewedPullRequest(number: number, release: string): Promise<string> {
    repo.git('checkout', '-q', '-B', `pr-${number}`, live);
    repo.write('deploy/app.yaml', configMaps(ns.name, release, 'hello'));
    const head = repo.commit(`release ${release}`);
    const planned = await runAction({
      event: 'pull_request',
      payload: pullRequestPayload({ number, baseSha: live, headSha: head }),
      workspace: repo.dir,
      sha: head,
      apiUrl: github.url,
      inputs: inputs(),
    });
    assert.equal(planned.code, 0, planned.stdout);
    assert.ok(github.comments.some((x) => x.issueNumber === number && x.body.startsWith('<!-- kube-gitops:plan target=shop -->\n')));
    merged.set(head, number);
    return head;
  }

  const data = async (name: string) => (await c.kubectl(['get', 'configmap', name, '-n', ns.name, '-o', 'jsonpath={.data}'])).trim();

  it('applies the reviewed plan and says it was applied as approved by the reviewer for production', async () => {
    const head = await reviewedPullRequest(81, '2');
    const run = await push(head, live, { 'on-unreviewed-changes': 'fail' });
    assert.equal(run.code, 0, run.stdout);
    assert.equal(run.outputs['matches-review'], 'true');
    assert.match(run.summary, /✅ Applied the plan reviewed in #81 as approved by \*\*octo-reviewer\*\* for environment \*\*production\*\*\./);
    assert.match(run.summary, /The approver's comment: Ship it &lt;b&gt;now&lt;\/b&gt;/, 'the comment is text, not HTML');
    assert.match(await data('app'), /"release":"2"/);
    const status = github.deployments.deployments.find((d) => d.sha === head)?.statuses.at(-1);
    assert.deepEqual([status?.state, status?.description], ['success', 'Applied: 1 written, 0 pruned; approved by octo-reviewer']);
    assert.deepEqual(github.unexpected, []);
    live = head;
  });

  it('with on-unreviewed-changes: fail, writes nothing when the cluster changed after the review, naming the approver and the object', async () => {
    const head = await reviewedPullRequest(82, '3');
    await c.kubectl(['patch', 'configmap', 'settings', '-n', ns.name, '--type=merge', '-p', '{"data":{"greeting":"changed after the review"}}']);
    const run = await push(head, live, { 'on-unreviewed-changes': 'fail', 'force-conflicts': 'true' });
    assert.notEqual(run.code, 0, run.stdout);
    assert.equal(run.outputs['matches-review'], 'false');
    assert.match(
      run.stdout,
      /::error::Nothing was applied: approved by `octo-reviewer` for environment `production`, but the plan differs from the one reviewed in #82 /,
    );
    assert.match(run.summary, /ConfigMap\/[a-z0-9-]+\/settings: reviewed unchanged, now update — drift since the review: the live object changed/);
    assert.match(await data('app'), /"release":"2"/, 'nothing was applied');
    assert.match(await data('settings'), /changed after the review/);
    assert.equal(github.deployments.deployments.find((d) => d.sha === head)?.statuses.at(-1)?.state ?? 'none', 'none', 'refused before the deployment started');
    assert.deepEqual(github.unexpected, []);
  });
});
