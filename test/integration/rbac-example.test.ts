// The RBAC of the quick start (examples/rbac.yaml, docs/cluster-access.md) is enough for plan and
// apply, and no more: the plan identity dry-runs but cannot write, each identity's token is the
// bounded one the recipe mints (bound to a Secret), and deleting that Secret revokes it (the rotation).
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import { K8sClient } from '../../src/cluster/k8s-client.js';
import { RecordingLogger } from '../../src/model/logger.js';
import type { KubeObject } from '../../src/objects/kube-object.js';
import { planChanges } from '../../src/plan/planner.js';
import { runApply } from '../../src/run/apply-run.js';
import { testCluster, uniqueName, type TestCluster } from '../support/test-cluster.js';
import { testApplySettings } from '../support/test-settings.js';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');

/** What docs/cluster-access.md does: a Secret to bind the token to, a token of `duration`, a kubeconfig. */
async function recipeKubeconfig(c: TestCluster, identity: 'plan' | 'apply', duration = '720h'): Promise<{ kubeconfig: string; binding: string }> {
  const binding = uniqueName(`kube-gitops-${identity}-token`);
  await c.kubectl(['create', 'secret', 'generic', binding, '-n', 'kube-gitops']);
  const token = (
    await c.kubectl([
      'create',
      'token',
      `kube-gitops-${identity}`,
      '-n',
      'kube-gitops',
      `--duration=${duration}`,
      '--bound-object-kind=Secret',
      `--bound-object-name=${binding}`,
    ])
  ).trim();
  const ca = readFileSync(path.join(c.state.dir, 'pki', 'ca.crt')).toString('base64');
  const kubeconfig = `apiVersion: v1
kind: Config
clusters: [{name: c, cluster: {server: "${c.state.server}", certificate-authority-data: "${ca}"}}]
users: [{name: ${identity}, user: {token: "${token}"}}]
contexts: [{name: c, context: {cluster: c, user: ${identity}, namespace: my-app}}]
current-context: c
`;
  return { kubeconfig, binding };
}

/** The `exp` claim of a ServiceAccount token, as a Date. */
function expiryOf(kubeconfig: string): Date {
  const token = /token: "([^"]+)"/.exec(kubeconfig)?.[1] ?? '';
  const payload: unknown = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8'));
  const exp = typeof payload === 'object' && payload !== null && 'exp' in payload ? payload.exp : undefined;
  assert.equal(typeof exp, 'number', 'the token has an expiry');
  return new Date(Number(exp) * 1000);
}

/**
 * The API server loads a new ValidatingAdmissionPolicy and its binding from an informer, a moment
 * after `kubectl apply` returns. Until it has, the plan identity's real writes pass: write a probe as
 * that identity until the policy refuses it, deleting any probe that got through.
 */
async function untilPolicyInForce(c: TestCluster, kubeconfig: string): Promise<void> {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'rbac-')), 'plan.kubeconfig');
  writeFileSync(file, kubeconfig, { mode: 0o600 });
  for (let attempt = 0; attempt < 600; attempt++) {
    const outcome = await c.kubectl(['create', 'configmap', 'policy-probe', '-n', 'my-app', `--kubeconfig=${file}`]).then(
      () => 'stored',
      (error: unknown) => String(error),
    );
    if (outcome.includes('kube-gitops-plan-dry-run-only')) return;
    await c.kubectl(['delete', 'configmap', 'policy-probe', '-n', 'my-app', '--ignore-not-found']);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  assert.fail('the plan-dry-run-only policy never came into force');
}

const objects = (image: string, prefix = 'api') =>
  [
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: prefix },
      spec: {
        replicas: 1,
        selector: { matchLabels: { app: 'api' } },
        template: { metadata: { labels: { app: 'api' } }, spec: { containers: [{ name: 'api', image }] } },
      },
    },
    { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `${prefix}-config` }, data: { a: image } },
  ].map((o, i) => ({ object: o as unknown as KubeObject, source: { file: 'deploy/api.yaml', line: 1 + i } }));

/** The Action's defaults, in the namespace the RBAC example grants, for `target` at `commit`. */
const settings = (commit: string, target = 'rbac') => testApplySettings({ target, namespace: 'my-app', commit, timeoutMs: 60_000 });

describe('the RBAC example', () => {
  let c: TestCluster;
  let plan: K8sClient;
  let apply: K8sClient;
  let planKubeconfig: string;

  before(async () => {
    c = await testCluster();
    await c.kubectl(['create', 'namespace', 'my-app', '--dry-run=client', '-o', 'yaml']).then((y) => c.kubectl(['apply', '-f', '-'], y));
    await c.kubectl(['apply', '-f', path.join(root, 'examples/rbac.yaml')]);
    planKubeconfig = (await recipeKubeconfig(c, 'plan')).kubeconfig;
    plan = new K8sClient({ kubeconfig: planKubeconfig });
    await untilPolicyInForce(c, planKubeconfig);
    apply = new K8sClient({ kubeconfig: (await recipeKubeconfig(c, 'apply')).kubeconfig });
  });

  it('mints a token that expires within the duration the recipe asks for, not in a year', () => {
    const days = (expiryOf(planKubeconfig).getTime() - Date.now()) / 86_400_000;
    assert.ok(days > 0 && days <= 30, `the token expires in ${days.toFixed(1)} days`);
  });

  it('lets the plan identity plan new and changed objects with dry-runs', async () => {
    const result = await planChanges(objects('registry.example/api:0', 'plan-only'), plan, settings('d'.repeat(40), 'rbac-plan'), new RecordingLogger());
    assert.deepEqual(result.plan.problems, []);
    assert.ok(
      result.plan.entries.some((e) => e.action === 'create'),
      'the plan creates the objects',
    );
  });

  it('refuses a real write by the plan identity, naming the policy, and stores nothing', async () => {
    await assert.rejects(
      () =>
        runApply(objects('registry.example/api:0', 'plan-only'), settings('e'.repeat(40), 'rbac-plan'), {
          client: plan,
          logger: new RecordingLogger(),
          version: 'test',
          now: () => new Date(),
        }),
      /ValidatingAdmissionPolicy 'kube-gitops-plan-dry-run-only'.*kube-gitops-plan may only dry-run/,
    );
    const stored = await c.kubectl([
      'get',
      'configmap/plan-only-config',
      'deployment/plan-only',
      'secret/kube-gitops-rbac-plan',
      '-n',
      'my-app',
      '--ignore-not-found',
      '-o',
      'name',
    ]);
    assert.equal(stored.trim(), '', 'nothing was written');
  });

  it('lets the apply identity plan, apply, prune and wait in its namespace', async () => {
    const result = await planChanges(objects('registry.example/api:1'), apply, settings('a'.repeat(40)), new RecordingLogger());
    assert.deepEqual(result.plan.problems, []);
    const first = await runApply(objects('registry.example/api:1'), settings('a'.repeat(40)), {
      client: apply,
      logger: new RecordingLogger(),
      version: 'test',
      now: () => new Date(),
      lease: { holder: 'rbac test' },
    });
    assert.equal(first.succeeded, true, JSON.stringify([first.outcome.failed, first.health]));
    const second = await runApply(objects('registry.example/api:2').slice(0, 1), settings('b'.repeat(40)), {
      client: apply,
      logger: new RecordingLogger(),
      version: 'test',
      now: () => new Date(),
      lease: { holder: 'rbac test' },
    });
    assert.equal(second.succeeded, true, JSON.stringify([second.outcome.failed, second.prune]));
    assert.deepEqual(
      second.prune?.deleted.map((r) => r.name),
      ['api-config'],
    );
  });

  it("is refused outside the namespaces it was granted, with the server's message", async () => {
    const elsewhere = objects('registry.example/api:1').map((d) => ({
      ...d,
      object: { ...d.object, metadata: { ...d.object.metadata, namespace: 'default' } },
    }));
    const result = await planChanges(elsewhere, apply, settings('c'.repeat(40), 'rbac-elsewhere'), new RecordingLogger());
    assert.equal(result.plan.problems.length, 2);
    assert.match(result.plan.problems[0]!.message, /Forbidden.*cannot (get|patch)/);
  });

  it('stops accepting a token once the Secret it is bound to is deleted (the rotation)', async () => {
    const { kubeconfig, binding } = await recipeKubeconfig(c, 'plan', '1h');
    const client = new K8sClient({ kubeconfig });
    assert.ok((await client.resourceTypes(true)).length > 0, 'the new token works');
    await c.kubectl(['delete', 'secret', binding, '-n', 'kube-gitops']);
    // The API server caches a token's authentication for a few seconds: ask until it is refused.
    let refusal: unknown;
    for (let attempt = 0; attempt < 120 && refusal === undefined; attempt++) {
      refusal = await client.resourceTypes(true).then(
        () => new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), 500)),
        (error: unknown) => error,
      );
    }
    assert.ok(refusal instanceof Error, 'the token was refused');
    assert.match(refusal.message, /401|Unauthorized|rejected the credentials/);
  });
});
