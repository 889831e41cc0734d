import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { RecordingLogger } from '../../src/model/logger.js';
import { TOOLING_ANNOTATION, applySetId, parentName } from '../../src/inventory/applyset.js';
import type { KubeObject } from '../../src/objects/kube-object.js';
import { runApply } from '../../src/run/apply-run.js';
import { testCluster, testNamespace, type TestCluster } from '../support/test-cluster.js';

function kubectlApplySet(c: TestCluster, args: string[], stdin: string): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    const child = execFile(
      c.state.kubectl,
      [`--kubeconfig=${c.state.kubeconfig}`, ...args],
      { env: { ...process.env, KUBECTL_APPLYSET: 'true' } },
      (error, stdout, stderr) => resolve({ code: error ? 1 : 0, out: stdout + stderr }),
    );
    child.stdin?.end(stdin);
  });
}

describe('our ApplySet as kubectl reads it', () => {
  let c: TestCluster;
  let ns: { name: string; cleanup: () => Promise<void> };
  before(async () => {
    c = await testCluster();
    ns = await testNamespace('aset');
    const cm = (name: string) => ({
      object: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, data: { a: '1' } } as KubeObject,
      source: { file: 'a.yaml', line: 1 },
    });
    const report = await runApply(
      [cm('one'), cm('two')],
      {
        target: 'interop',
        commit: 'c'.repeat(40),
        namespace: ns.name,
        inventoryNamespace: ns.name,
        fieldManager: 'kube-gitops',
        forceConflicts: false,
        prune: true,
        pruneDangerous: false,
        concurrency: 4,
        allowEmpty: false,
        wait: false,
        timeoutMs: 30_000,
      },
      { client: c.client(), logger: new RecordingLogger(), version: '0.1.0', now: () => new Date() },
    );
    assert.equal(report.succeeded, true);
  });
  after(async () => ns.cleanup());

  it('carries the id label kubectl computes for the same parent', async () => {
    const parent = JSON.parse(await c.kubectl(['get', 'secret', parentName('interop'), '-n', ns.name, '-o', 'json'])) as KubeObject;
    assert.equal((parent.metadata.labels as Record<string, string>)['applyset.kubernetes.io/id'], applySetId(parentName('interop'), ns.name));
  });

  it('is recognised by kubectl, which refuses to take over a set managed by kube-gitops', async () => {
    const res = await kubectlApplySet(
      c,
      ['apply', '-n', ns.name, '--server-side', '--prune', `--applyset=secret/${parentName('interop')}`, '--dry-run=server', '-f', '-'],
      JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'one' }, data: { a: '1' } }),
    );
    assert.equal(res.code, 1);
    assert.match(res.out, /managed by tooling "kube-gitops" instead of "kubectl"/);
  });

  it('lets kubectl compute the same prune set from our labels and annotations once tooling is handed over', async () => {
    await c.kubectl(['annotate', 'secret', parentName('interop'), '-n', ns.name, '--overwrite', `${TOOLING_ANNOTATION}=kubectl/v1.36.3`]);
    const res = await kubectlApplySet(
      c,
      ['apply', '-n', ns.name, '--server-side', '--prune', `--applyset=secret/${parentName('interop')}`, '--dry-run=server', '-f', '-'],
      JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'one' }, data: { a: '1' } }),
    );
    assert.equal(res.code, 0, res.out);
    assert.match(res.out, /configmap\/two pruned \(server dry run\)/);
    assert.doesNotMatch(res.out, /configmap\/one pruned/);
  });
});
