// The cause of a failed write as the real API server answers it: a field another manager owns is a
// conflict (409 Conflict), whatever its message says, and the report it makes advises
// force-conflicts or undoing the other change, never a revert.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { applyChanges } from '../../src/apply/applier.js';
import { RecordingLogger } from '../../src/model/logger.js';
import type { KubeObject } from '../../src/objects/kube-object.js';
import { refOf } from '../../src/objects/object-ref.js';
import { SecretRedactor } from '../../src/redaction/secret-redactor.js';
import { renderApplyMarkdown } from '../../src/render/apply-markdown.js';
import { testCluster, testNamespace, type TestCluster } from '../support/test-cluster.js';

describe('the cause of a failed write, from the real API server', () => {
  let c: TestCluster;
  let ns: { name: string; cleanup: () => Promise<void> };
  before(async () => {
    c = await testCluster();
    ns = await testNamespace('cause');
  });
  after(async () => ns.cleanup());

  it('a field owned by another manager is a conflict, and its report does not advise a revert', async () => {
    const client = c.client();
    const type = (await client.resourceTypes()).find((t) => t.group === '' && t.kind === 'ConfigMap');
    assert.ok(type);
    const configMap = (value: string): KubeObject => ({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'settings', namespace: ns.name },
      data: { currency: value },
    });
    await client.apply(type, configMap('EUR'), { fieldManager: 'kubectl-edit', force: false, dryRun: false });
    const ours = configMap('USD');
    const ref = refOf(ours);
    const outcome = await applyChanges([{ entry: { ref, action: 'update', notes: [], conflicts: [] }, desired: ours, type }], client, {
      fieldManager: 'kube-gitops',
      forceConflicts: false,
      concurrency: 1,
      crdTimeoutMs: 1_000,
      logger: new RecordingLogger(),
      redactor: new SecretRedactor(),
    });
    assert.deepEqual(
      outcome.failed.map((f) => f.cause),
      ['conflict'],
      JSON.stringify(outcome.failed),
    );

    const md = renderApplyMarkdown(
      {
        planResult: { plan: { entries: [{ ref, action: 'update', notes: [], conflicts: [] }], warnings: [] } },
        outcome,
        health: [],
        hooks: [],
        skippedSteps: [],
        durationsMs: { plan: 0, apply: 0, prune: 0, wait: 0 },
        succeeded: false,
      },
      { marker: '<!-- test -->', target: 'production', commit: 'f'.repeat(40) },
    );
    assert.match(md, /❌ \*\*Failed\*\*: 0 of 1 change applied, 1 failed \(field conflict\); nothing was pruned\./);
    assert.match(md, /- \*\*Field conflict\*\*: [^\n]*A revert does not help/);
    assert.doesNotMatch(md, /git revert/);
  });
});
