// An apply under API Priority and Fairness on the real API server: a FlowSchema sends our
// ServiceAccount's requests to a priority level of one concurrency share (this API server makes that
// 3 seats: 600 × 1 / 246 shares), that neither lends nor borrows, with one queue of length one. With 8
// requests at once, the server answers 429 whenever the seats and the queue are full. The apply of
// 2,000 objects still completes, every object is stored, and what the run says about the throttling
// is exactly what its client measured.
import assert from 'node:assert/strict';
import https from 'node:https';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { K8sClient } from '../../src/cluster/k8s-client.js';
import { RecordingLogger } from '../../src/model/logger.js';
import type { DesiredObject } from '../../src/objects/desired-object.js';
import { runApply } from '../../src/run/apply-run.js';
import { testCluster, testNamespace, uniqueName, type TestCluster } from '../support/test-cluster.js';
import { testApplySettings } from '../support/test-settings.js';

const OBJECTS = 2000;

/** The FlowSchema a request was classified by, from the response header APF sets. */
function flowSchemaOf(c: TestCluster, token: string, ca: Buffer): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const req = https.request(`${c.state.server}/api`, { headers: { authorization: `Bearer ${token}` }, ca }, (res) => {
      res.resume();
      const uid = res.headers['x-kubernetes-pf-flowschema-uid'];
      res.on('end', () => resolve(typeof uid === 'string' ? uid : undefined));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('an apply throttled by API Priority and Fairness', () => {
  let c: TestCluster;
  let ns: { name: string; cleanup: () => Promise<void> };
  const names = { level: uniqueName('kube-gitops-one-seat'), schema: uniqueName('kube-gitops-one-seat'), binding: uniqueName('kube-gitops-apf') };
  let kubeconfig = '';

  before(async () => {
    c = await testCluster();
    ns = await testNamespace('apf');
    const ca = readFileSync(path.join(c.state.dir, 'pki', 'ca.crt'));
    await c.kubectl(['create', 'serviceaccount', 'applier', '-n', ns.name]);
    await c.kubectl(['create', 'clusterrolebinding', names.binding, '--clusterrole=cluster-admin', `--serviceaccount=${ns.name}:applier`]);
    await c.kubectl(
      ['apply', '-f', '-'],
      `apiVersion: flowcontrol.apiserver.k8s.io/v1
kind: PriorityLevelConfiguration
metadata: {name: ${names.level}}
spec:
  type: Limited
  limited:
    nominalConcurrencyShares: 1
    lendablePercent: 0
    borrowingLimitPercent: 0
    limitResponse: {type: Queue, queuing: {queues: 1, handSize: 1, queueLengthLimit: 1}}
---
apiVersion: flowcontrol.apiserver.k8s.io/v1
kind: FlowSchema
metadata: {name: ${names.schema}}
spec:
  priorityLevelConfiguration: {name: ${names.level}}
  matchingPrecedence: 100
  distinguisherMethod: {type: ByUser}
  rules:
  - subjects: [{kind: ServiceAccount, serviceAccount: {name: applier, namespace: ${ns.name}}}]
    resourceRules: [{verbs: ['*'], apiGroups: ['*'], resources: ['*'], namespaces: ['*'], clusterScope: true}]
    nonResourceRules: [{verbs: ['*'], nonResourceURLs: ['*']}]
`,
    );
    const token = (await c.kubectl(['create', 'token', 'applier', '-n', ns.name, '--duration=2h'])).trim();
    // The API server takes up a new FlowSchema from an informer: wait until our requests are classified by it.
    const uid = (await c.kubectl(['get', 'flowschema', names.schema, '-o', 'jsonpath={.metadata.uid}'])).trim();
    for (let i = 0; (await flowSchemaOf(c, token, ca)) !== uid; i++) {
      assert.ok(i < 600, 'the FlowSchema never classified our requests');
      await new Promise((r) => setTimeout(r, 100));
    }
    kubeconfig = `apiVersion: v1
kind: Config
clusters: [{name: c, cluster: {server: "${c.state.server}", certificate-authority-data: "${ca.toString('base64')}"}}]
users: [{name: applier, user: {token: "${token}"}}]
contexts: [{name: c, context: {cluster: c, user: applier}}]
current-context: c
`;
  });

  after(async () => {
    await c.kubectl(['delete', 'flowschema', names.schema, '--ignore-not-found']);
    await c.kubectl(['delete', 'prioritylevelconfiguration', names.level, '--ignore-not-found']);
    await c.kubectl(['delete', 'clusterrolebinding', names.binding, '--ignore-not-found']);
    await ns.cleanup();
  });

  it(`applies ${OBJECTS} objects, stores every one, and reports the time throttled as its client measured it`, async (t) => {
    const desired: DesiredObject[] = Array.from({ length: OBJECTS }, (_, i) => ({
      object: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `cm-${i}`, namespace: ns.name }, data: { n: String(i) } },
      source: { file: 'deploy/configmaps.yaml', line: 1 + i * 6 },
    }));
    const client = new K8sClient({ kubeconfig, concurrency: 8 });
    const logger = new RecordingLogger();
    try {
      const report = await runApply(desired, testApplySettings({ target: 'apf', namespace: ns.name, concurrency: 8 }), {
        client,
        logger,
        version: 'test',
        now: () => new Date(),
      });
      assert.equal(report.succeeded, true, JSON.stringify(report.outcome.failed.slice(0, 3)));
      const stored = (await c.kubectl(['get', 'configmaps', '-n', ns.name, '-o', 'name'])).split('\n').filter((l) => l.startsWith('configmap/cm-'));
      assert.equal(stored.length, OBJECTS);
      const measured = client.throttling();
      t.diagnostic(`429s: ${measured.rejected}, throttled ${(measured.throttledMs / 1000).toFixed(1)} s, lowest ${measured.lowest} of ${measured.ceiling}`);
      const said = logger.records.filter((r) => r.message.startsWith('The API server throttled this run'));
      if (measured.rejected === 0) assert.deepEqual(said, []);
      else {
        assert.equal(said.length, 1);
        assert.equal(said[0]!.level, 'warning');
        assert.match(
          said[0]!.message,
          new RegExp(`: ${measured.rejected} answer\\(s\\) were 429 Too Many Requests, ${(measured.throttledMs / 1000).toFixed(1)} s were spent`),
        );
      }
    } finally {
      await client.close();
    }
  });
});
