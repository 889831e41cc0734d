// The review contract through dist/index.js, against the local control plane and the strict local
// GitHub API: drift shown apart from a pull request's changes, and rollout impact for reviewers.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { GitHubApiServer } from '../support/github-api-server.js';
import { startMergeStandIn } from '../support/merge-stand-in.js';
import { GitRepo } from '../support/git-repo.js';
import { pullRequestPayload, pushPayload, runAction, type ActionRun } from '../support/run-action.js';
import { testCluster, uniqueName, type TestCluster } from '../support/test-cluster.js';

const TOKEN = 'ghs_e2eReviewToken00000000000000000000';

const web = (ns: string, image: string, replicas = 2) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: ${ns}
spec:
  replicas: ${replicas}
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: web
        image: ${image}
        volumeMounts:
        - {name: settings, mountPath: /etc/web}
      volumes:
      - name: settings
        configMap: {name: web-settings}
`;

const settings = (ns: string, greeting: string) => `apiVersion: v1
kind: ConfigMap
metadata:
  name: web-settings
  namespace: ${ns}
data:
  greeting: ${greeting}
`;

describe('the review contract (dist/index.js end to end)', () => {
  let c: TestCluster;
  let repo: GitRepo;
  let github: GitHubApiServer;
  let ns: string;
  let shaA = '';
  /** Pull requests GitHub associates with a commit: set as a test merges one. */
  let merged: Map<string, number>;

  before(async () => {
    c = await testCluster();
    repo = new GitRepo();
    ns = uniqueName('e2e-review');
    ({ github, merged } = await startMergeStandIn(TOKEN, () => repo));
    repo.write('deploy/namespace.yaml', `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${ns}\n`);
    repo.write('deploy/web.yaml', `${web(ns, 'registry.example/web:1')}---\n${settings(ns, 'hello')}`);
    shaA = repo.commit('A');
    const applied = await push(shaA, '0'.repeat(40));
    assert.equal(applied.code, 0, applied.stdout);
  });
  after(async () => {
    await github.stop();
    repo.cleanup();
    await c.kubectl(['delete', 'namespace', ns, '--wait=false', '--ignore-not-found']);
  });

  const inputs = () => ({ path: 'deploy', name: 'review', namespace: ns, kubeconfig: c.kubeconfigText, 'github-token': TOKEN, wait: 'false' });

  function push(sha: string, previous: string, extra: Record<string, string> = {}): Promise<ActionRun> {
    return runAction({
      event: 'push',
      payload: pushPayload({ before: previous, after: sha }),
      workspace: repo.dir,
      sha,
      apiUrl: github.url,
      inputs: { ...inputs(), ...extra },
    });
  }

  function plan(number: number, baseSha: string, headSha: string, extra: Record<string, string> = {}): Promise<ActionRun> {
    repo.git('checkout', '-q', headSha);
    return runAction({
      event: 'pull_request',
      payload: pullRequestPayload({ number, baseSha, headSha }),
      workspace: repo.dir,
      sha: headSha,
      apiUrl: github.url,
      inputs: { ...inputs(), ...extra },
    });
  }

  const image = async () => (await c.kubectl(['get', 'deployment', 'web', '-n', ns, '-o', 'jsonpath={.spec.template.spec.containers[0].image}'])).trim();
  const FORCE = { 'force-conflicts': 'true' };

  /** A pull request planned from the last merge, with a new web image; returns its head. */
  async function plannedPullRequest(number: number, from: string, version: string): Promise<string> {
    repo.git('checkout', '-q', '-B', `pr-${number}`, from);
    repo.write('deploy/web.yaml', `${web(ns, `registry.example/web:${version}`)}---\n${settings(ns, 'hello')}`);
    const head = repo.commit(`web ${version}`);
    const run = await plan(number, from, head, FORCE);
    assert.equal(run.code, 0, run.stdout);
    assert.match(
      planComment(number)?.body ?? '',
      new RegExp(
        `^<!-- kube-gitops:plan target=review -->\\n<!-- kube-gitops:review v=2 target=review pr=${number} basis=cluster commit=${head} plan=[0-9a-f]{16} manifests=[0-9a-f]{16} objects=`,
      ),
      'the record is the second line, bound to the pull request, its head and the target',
    );
    merged.set(head, number);
    return head;
  }

  const planComment = (number: number) =>
    github.comments.find(
      (x) => x.issueNumber === number && x.user.login === 'github-actions[bot]' && x.body.startsWith('<!-- kube-gitops:plan target=review -->\n'),
    );

  it('shows a ConfigMap changed by hand under drift, apart from the Deployment the pull request changes, with the manager that changed it', async () => {
    await c.kubectl(['patch', 'configmap', 'web-settings', '-n', ns, '--type=merge', '-p', '{"data":{"greeting":"changed by hand"}}']);
    repo.git('checkout', '-q', '-b', 'pr-image', shaA);
    repo.write('deploy/web.yaml', `${web(ns, 'registry.example/web:2')}---\n${settings(ns, 'hello')}`);
    const head = repo.commit('web 2');
    const run = await plan(51, shaA, head);
    assert.equal(run.code, 0, run.stdout);
    assert.equal(run.outputs.drifted, '1');
    const body = planComment(51)?.body ?? '';
    const own = body.indexOf("#### This pull request's changes");
    const drift = body.indexOf('#### Drift: 1 object(s) differ from Git outside this pull request');
    assert.ok(own > 0 && drift > own, body);
    const deploymentRow = body.indexOf('| Deployment |');
    assert.ok(deploymentRow > own && deploymentRow < drift, 'the Deployment is among the changes of the pull request');
    assert.match(
      body.slice(drift),
      /\| ✏️ update \| ConfigMap \| [a-z0-9-]+ \| web-settings \| `kubectl-patch` \(Update, [^)]+\) \| ⚠️ fails on the conflict unless `force-conflicts: true`/,
    );
    assert.match(body.slice(drift), /-\s+greeting: changed by hand\n\+\s+greeting: hello/);
    assert.match(body, /- 🔄 `Deployment\/[a-z0-9-]+\/web` restarts its pods: the pod template changes \(`spec\.template\.spec\.containers`\)/);
    assert.deepEqual(github.unexpected, []);
  });

  it('says a replicas change restarts no pods, and warns that the pods mounting a changed ConfigMap will not restart', async () => {
    repo.git('checkout', '-q', '-b', 'pr-settings', shaA);
    repo.write('deploy/web.yaml', `${web(ns, 'registry.example/web:1', 3)}---\n${settings(ns, 'hi')}`);
    const head = repo.commit('more replicas, new greeting');
    const run = await plan(52, shaA, head);
    assert.equal(run.code, 0, run.stdout);
    assert.equal(run.outputs.drifted, '0', 'the ConfigMap changed by hand is changed by the pull request too');
    const body = planComment(52)?.body ?? '';
    assert.match(body, /- ⏸️ `Deployment\/[a-z0-9-]+\/web` does not restart its pods: only `spec\.replicas` change, not the pod template\./);
    assert.match(
      body,
      /- ⚠️ `ConfigMap\/[a-z0-9-]+\/web-settings` changes, but the pods of `Deployment\/[a-z0-9-]+\/web` \(volume settings\) will \*\*not\*\* restart: they keep the old values until restarted[^\n]*checksum\/config[^\n]*configMapGenerator/,
    );
  });

  let reviewedHead = '';

  it('applies a merge whose plan is the reviewed one, and says so: matches-review true', async () => {
    const head = await plannedPullRequest(53, shaA, '3');
    const run = await push(head, shaA, FORCE);
    assert.equal(run.code, 0, run.stdout);
    assert.equal(run.outputs['matches-review'], 'true');
    assert.equal(await image(), 'registry.example/web:3');
    assert.match(run.summary, /✅ Applied the plan reviewed in #53\./);
    reviewedHead = head;
  });

  it('matches the review again when the deploy of that merge is re-run: nothing to apply, no drift since the review', async () => {
    const run = await push(reviewedHead, shaA, { ...FORCE, 'on-unreviewed-changes': 'fail' });
    assert.equal(run.code, 0, run.stdout);
    assert.equal(run.outputs['matches-review'], 'true', run.stdout);
    assert.doesNotMatch(run.summary, /drift since the review/);
  });

  it('with on-unreviewed-changes: fail, applies nothing when the cluster changed after the review, and names the object', async () => {
    const head = await plannedPullRequest(54, reviewedHead, '4');
    await c.kubectl(['patch', 'configmap', 'web-settings', '-n', ns, '--type=merge', '-p', '{"data":{"greeting":"patched after the review"}}']);
    const run = await push(head, reviewedHead, { ...FORCE, 'on-unreviewed-changes': 'fail' });
    assert.notEqual(run.code, 0);
    assert.equal(run.outputs['matches-review'], 'false');
    assert.equal(await image(), 'registry.example/web:3', 'nothing was applied');
    assert.match(
      run.stdout,
      /::error::Nothing was applied: the plan differs from the one reviewed in #54 \(the planned changes differ from the reviewed ones\), and on-unreviewed-changes is fail\. To go on, re-run the plan of #54/,
    );
    assert.match(run.summary, /ConfigMap\/[a-z0-9-]+\/web-settings: reviewed unchanged, now update — drift since the review: the live object changed/);
    const greeting = (await c.kubectl(['get', 'configmap', 'web-settings', '-n', ns, '-o', 'jsonpath={.data.greeting}'])).trim();
    assert.equal(greeting, 'patched after the review');
  });

  it('with on-unreviewed-changes: warn, applies it and says at the top of the report what differed', async () => {
    const head = repo.git('rev-parse', 'pr-54');
    const run = await push(head, reviewedHead, FORCE);
    assert.equal(run.code, 0, run.stdout);
    assert.equal(run.outputs['matches-review'], 'false');
    assert.equal(await image(), 'registry.example/web:4');
    const top = run.summary.slice(0, run.summary.indexOf('### ') > 0 ? run.summary.indexOf('### ') : undefined);
    assert.match(top, /\*\*This is not the plan reviewed in #54\*\*/);
    assert.match(top, /\| `ConfigMap\/[a-z0-9-]+\/web-settings` \| unchanged \| update \| drift since the review: the live object changed \|/);
    assert.deepEqual(github.unexpected, []);
  });

  it("ignores another app's comment carrying a record of the drifted plan: with on-unreviewed-changes: fail, nothing is applied", async () => {
    const from = repo.git('rev-parse', 'pr-54');
    const head = await plannedPullRequest(55, from, '5');
    await c.kubectl(['patch', 'configmap', 'web-settings', '-n', ns, '--type=merge', '-p', '{"data":{"greeting":"drift nobody reviewed"}}']);
    // A plan of the drifted state (on another pull request, same head), copied by another app onto #55 and re-bound to it.
    const replanned = await plan(56, from, head, FORCE);
    assert.equal(replanned.code, 0, replanned.stdout);
    const forged = (planComment(56)?.body ?? '').replace(' pr=56 ', ' pr=55 ');
    assert.notEqual(forged, '');
    github.seedComment(55, forged, { login: 'other-app[bot]', id: 7_000_001, type: 'Bot' });
    const run = await push(head, from, { ...FORCE, 'on-unreviewed-changes': 'fail' });
    assert.notEqual(run.code, 0, run.stdout);
    assert.equal(run.outputs['matches-review'], 'false');
    assert.equal(await image(), 'registry.example/web:4', 'nothing was applied');
    const greeting = (await c.kubectl(['get', 'configmap', 'web-settings', '-n', ns, '-o', 'jsonpath={.data.greeting}'])).trim();
    assert.equal(greeting, 'drift nobody reviewed');
    assert.deepEqual(github.unexpected, []);
  });

  it('a Secret whose value is the text of our marker cannot blind the review record: the merge still matches', async () => {
    const from = repo.git('rev-parse', 'pr-54');
    repo.git('checkout', '-q', '-B', 'pr-57', from);
    repo.write(
      'deploy/blinding.yaml',
      `apiVersion: v1\nkind: Secret\nmetadata:\n  name: blinding\n  namespace: ${ns}\nstringData:\n  a: "kube-gitops:review"\n  b: "target=review"\n`,
    );
    const head = repo.commit('a Secret holding the marker text');
    const planned = await plan(57, from, head, FORCE);
    assert.equal(planned.code, 0, planned.stdout);
    assert.match(planComment(57)?.body ?? '', /^<!-- kube-gitops:plan target=review -->\n<!-- kube-gitops:review v=2 target=review pr=57 /);
    merged.set(head, 57);
    const run = await push(head, from, { ...FORCE, 'on-unreviewed-changes': 'fail' });
    assert.equal(run.code, 0, run.stdout);
    assert.equal(run.outputs['matches-review'], 'true', run.stdout);
  });

  it('with on-unreviewed-changes: fail, refuses a merged pull request that has no plan of ours to compare with', async () => {
    const from = repo.git('rev-parse', 'pr-57');
    repo.git('checkout', '-q', '-B', 'pr-58', from);
    repo.write('deploy/web.yaml', `${web(ns, 'registry.example/web:58')}---\n${settings(ns, 'hello')}`);
    repo.remove('deploy/blinding.yaml');
    const head = repo.commit('never planned');
    merged.set(head, 58);
    const run = await push(head, from, { ...FORCE, 'on-unreviewed-changes': 'fail' });
    assert.notEqual(run.code, 0, run.stdout);
    assert.equal(run.outputs['matches-review'], 'unknown');
    // (The Secret of #57, pruned here, held `target=review`: the word `review` is hidden in this run's messages.)
    assert.match(run.stdout, /Nothing was applied: no plan .+? in #58 can be read \(#58 has no plan comment for this target/);
    assert.notEqual(await image(), 'registry.example/web:58', 'nothing was applied');
  });
});
