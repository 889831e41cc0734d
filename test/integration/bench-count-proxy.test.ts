// The bench's request counter (bench/count-proxy.ts) against the local control plane: every request
// a tool sends through it is counted and reaches the API server as the admin kubeconfig's client
// (the tools' kubeconfig holds no credentials), and each take() counts only what came since the last.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { RequestCounter } from '../../bench/count-proxy.js';
import { kubectlRun } from '../../bench/bench-kit.js';
import { testCluster, type TestCluster } from '../support/test-cluster.js';

describe('the bench counting proxy', () => {
  let c: TestCluster;
  let counter: RequestCounter;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'kg-count-proxy-'));

  before(async () => {
    c = await testCluster();
    counter = await RequestCounter.start(c.kubeconfigText, path.join(dir, 'kubeconfig'));
  });
  after(() => {
    counter.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("counts each request and forwards it as the admin kubeconfig's client (a caller with no credentials is that user)", async () => {
    await counter.take();
    const plain = await fetch(`${counter.url}/api/v1/namespaces/default`);
    assert.equal(plain.status, 200);
    const review = await fetch(`${counter.url}/apis/authentication.k8s.io/v1/selfsubjectreviews`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ apiVersion: 'authentication.k8s.io/v1', kind: 'SelfSubjectReview' }),
    });
    assert.equal(review.status, 201);
    const user = ((await review.json()) as { status: { userInfo: { username: string; groups: string[] } } }).status.userInfo;
    assert.equal(user.username, 'kube-gitops-admin');
    assert.ok(user.groups.includes('system:masters'));
    assert.equal(await counter.take(), 2);
    assert.equal(await counter.take(), 0, 'take() counts from the last take');
  });

  it('serves a real client through the kubeconfig it writes (kubectl, as the bench runs it)', async () => {
    await counter.take();
    await kubectlRun(c, ['get', 'namespace', 'default', '-o', 'name'], [0], counter.kubeconfigFile);
    assert.ok((await counter.take()) >= 1);
  });
});
