// The README's RBAC (examples/rbac.yaml) is enough for plan and apply, with a ServiceAccount token kubeconfig.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import { K8sClient } from '../../src/cluster/k8s-client.js';
import { RecordingLogger } from '../../src/model/logger.js';
import type { KubeObject } from '../../src/objects/kube-object.js';
import { planChanges } from '../../src/plan/planner.js';
import { runApply } from '../../src/run/apply-run.js';
import { testCluster, type TestCluster } from '../support/test-cluster.js';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');

describe('the RBAC example', () => {
  let c: TestCluster;
  let client: K8sClient;

  before(async () => {
    c = await testCluster();
    await c.kubectl(['create', 'namespace', 'my-app', '--dry-run=client', '-o', 'yaml']).then((y) => c.kubectl(['apply', '-f', '-'], y));
    await c.kubectl(['apply', '-f', path.join(root, 'examples/rbac.yaml')]);
    const token = (await c.kubectl(['create', 'token', 'kube-gitops', '-n', 'kube-gitops', '--duration=1h'])).trim();
    const ca = readFileSync(path.join(c.state.dir, 'pki', 'ca.crt')).toString('base64');
    client = new K8sClient({
      kubeconfig: `apiVersion: v1
kind: Config
clusters: [{name: c, cluster: {server: "${c.state.server}", certificate-authority-data: "${ca}"}}]
users: [{name: sa, user: {token: "${token}"}}]
contexts: [{name: c, context: {cluster: c, user: sa, namespace: my-app}}]
current-context: c
`,
    });
  });

  const objects = (image: string) =>
    [
      {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'api' },
        spec: {
          replicas: 1,
          selector: { matchLabels: { app: 'api' } },
          template: { metadata: { labels: { app: 'api' } }, spec: { containers: [{ name: 'api', image }] } },
        },
      },
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'api-config' }, data: { a: image } },
    ].map((o, i) => ({ object: o as unknown as KubeObject, source: { file: 'deploy/api.yaml', line: 1 + i } }));

  const settings = {
    target: 'rbac',
    namespace: 'my-app',
    inventoryNamespace: 'my-app',
    fieldManager: 'kube-gitops',
    forceConflicts: false,
    prune: true,
    pruneDangerous: false,
    concurrency: 4,
    allowEmpty: false,
    wait: true,
    timeoutMs: 60_000,
  };

  it('lets the ServiceAccount plan, apply, prune and wait in its namespace', async () => {
    const plan = await planChanges(objects('registry.example/api:1'), client, { ...settings, commit: 'a'.repeat(40) }, new RecordingLogger());
    assert.deepEqual(plan.plan.problems, []);
    const first = await runApply(
      objects('registry.example/api:1'),
      { ...settings, commit: 'a'.repeat(40) },
      { client, logger: new RecordingLogger(), version: 'test', now: () => new Date(), lease: { holder: 'rbac test' } },
    );
    assert.equal(first.succeeded, true, JSON.stringify([first.outcome.failed, first.health]));
    const second = await runApply(
      objects('registry.example/api:2').slice(0, 1),
      { ...settings, commit: 'b'.repeat(40) },
      { client, logger: new RecordingLogger(), version: 'test', now: () => new Date(), lease: { holder: 'rbac test' } },
    );
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
    const plan = await planChanges(elsewhere, client, { ...settings, commit: 'c'.repeat(40), target: 'rbac-elsewhere' }, new RecordingLogger());
    assert.equal(plan.plan.problems.length, 2);
    assert.match(plan.plan.problems[0]!.message, /Forbidden.*cannot (get|patch)/);
  });
});
