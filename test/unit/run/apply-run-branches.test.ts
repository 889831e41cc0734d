// The merge pipeline's guards around the applier (confirmation, plan problems, no prune after a
// failure or an interruption, prune order, the inventory record) against the in-memory FakeCluster.
// test/integration/plan-apply.test.ts stays the ground truth.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  APPLIED_AT_ANNOTATION,
  applySetId,
  COMMIT_ANNOTATION,
  GROUP_KINDS_ANNOTATION,
  parentObject,
  PRUNE_ANNOTATION,
  readInventory,
  withMemberLabel,
} from '../../../src/inventory/applyset.js';
import { RecordingLogger } from '../../../src/model/logger.js';
import { getAnnotations, type KubeObject } from '../../../src/objects/kube-object.js';
import { formatRef, type ObjectRef } from '../../../src/objects/object-ref.js';
import type { Plan } from '../../../src/model/plan.js';
import { runApply, type ApplyDeps, type ApplyReport, type ApplySettings } from '../../../src/run/apply-run.js';
import { ApplyRefusedError } from '../../../src/model/apply-refused.js';
import { confirmationGate } from '../../../src/run/write-gates.js';
import { describeCall, FakeCluster, forbiddenError } from '../../support/fake-cluster.js';

const MANAGER = 'kube-gitops';
const TARGET = 'shop';
const SET_ID = applySetId(`kube-gitops-${TARGET}`, 'apps');
const PARENT: ObjectRef = { group: '', version: 'v1', kind: 'Secret', namespace: 'apps', name: `kube-gitops-${TARGET}` };

const configMap = (name: string, data: Record<string, string>, annotations: Record<string, string> = {}): KubeObject => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, namespace: 'apps', ...(Object.keys(annotations).length > 0 ? { annotations } : {}) },
  data,
});
const member = (obj: KubeObject): KubeObject => withMemberLabel(obj, SET_ID);
const parent = (...groupKinds: string[]): KubeObject =>
  parentObject(readInventory(TARGET, 'apps', undefined), {
    groupKinds,
    namespaces: [],
    version: '0.1.0',
    commit: 'c0ffee0',
    appliedAt: '2026-01-01T00:00:00.000Z',
  });

const settings: ApplySettings = {
  target: TARGET,
  commit: 'c0ffee1',
  namespace: 'apps',
  inventoryNamespace: 'apps',
  fieldManager: MANAGER,
  forceConflicts: false,
  prune: true,
  pruneDangerous: true,
  concurrency: 1,
  allowEmpty: false,
  wait: false,
  timeoutMs: 60_000,
};

/** A target that owns `current`, `old` (left the manifests), `pinned` (left, annotated to be kept) and the Namespace `legacy` (left). */
function clusterWithMembers(): FakeCluster {
  return new FakeCluster({ namespaces: ['default', 'apps'] }).seedApplied(
    MANAGER,
    parent('ConfigMap', 'Namespace'),
    member(configMap('current', { a: '1' })),
    member(configMap('old', { a: '1' })),
    member(configMap('pinned', { a: '1' }, { [PRUNE_ANNOTATION]: 'disabled' })),
    member({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'legacy' } }),
  );
}

async function run(cluster: FakeCluster, objects: KubeObject[], deps: Partial<ApplyDeps> = {}): Promise<{ report: ApplyReport; logger: RecordingLogger }> {
  const logger = new RecordingLogger();
  const desired = objects.map((object, i) => ({ object, source: { file: 'deploy/shop.yaml', line: 1 + i * 10 } }));
  const report = await runApply(desired, settings, { client: cluster, logger, version: '0.1.0', now: () => new Date('2026-02-01T00:00:00.000Z'), ...deps });
  return { report, logger };
}

const writes = (cluster: FakeCluster) => cluster.writes().map(describeCall);

describe('the merge pipeline', () => {
  it('writes nothing when the confirmation is declined, and shows the plan to the confirmation', async () => {
    const cluster = clusterWithMembers();
    const shown: Plan[] = [];
    await assert.rejects(
      run(cluster, [configMap('current', { a: '2' })], { gates: [confirmationGate(async (plan) => (shown.push(plan), false))] }),
      (error: unknown) => error instanceof ApplyRefusedError && error.message === 'Nothing was applied: the plan was not confirmed.',
    );

    assert.deepEqual(
      shown.flatMap((p) => p.entries.map((e) => `${e.action} ${formatRef(e.ref)}`)),
      ['delete Namespace/legacy', 'update ConfigMap/apps/current', 'delete ConfigMap/apps/old', 'retain ConfigMap/apps/pinned'],
    );
    assert.deepEqual(writes(cluster), []);
  });

  it('writes nothing while the plan has a problem, and carries the problem', async () => {
    const cluster = clusterWithMembers();
    const gadget: KubeObject = { apiVersion: 'example.com/v1', kind: 'Gadget', metadata: { name: 'g' } };
    await assert.rejects(
      run(cluster, [configMap('current', { a: '2' }), gadget]),
      (error: unknown) =>
        error instanceof ApplyRefusedError &&
        error.details.problems?.length === 1 &&
        /^Nothing was applied: deploy\/shop\.yaml:11: Gadget\.example\.com\/g: the cluster does not know kind Gadget/.test(error.message),
    );

    assert.deepEqual(writes(cluster), []);
  });

  it('prunes nothing after a failed apply', async () => {
    const cluster = clusterWithMembers().failOn('apply', { kind: 'ConfigMap', name: 'current', dryRun: false }, forbiddenError());
    const { report, logger } = await run(cluster, [configMap('current', { a: '2' })]);

    assert.equal(report.succeeded, false);
    assert.equal(report.prune, undefined);
    assert.deepEqual(cluster.callsOf('delete'), []);
    assert.ok(logger.messages('error').includes('Apply failed for 1 object(s); nothing was pruned.'));
    assert.ok(cluster.stored({ group: '', version: 'v1', kind: 'ConfigMap', namespace: 'apps', name: 'old' }), 'the member that left Git is still there');
  });

  it('prunes nothing and writes nothing when interrupted before the first stage', async () => {
    const cluster = clusterWithMembers();
    const controller = new AbortController();
    const { report, logger } = await run(cluster, [configMap('current', { a: '2' })], {
      signal: controller.signal,
      gates: [confirmationGate(async () => (controller.abort(), true))],
    });

    assert.equal(report.succeeded, false);
    assert.equal(report.prune, undefined);
    assert.deepEqual(writes(cluster), []);
    assert.ok(logger.messages('error').includes('The run was interrupted between stages; nothing was pruned.'));
  });

  it('prunes the members that left the manifests once every apply succeeded, contents before their Namespace, and records the commit', async () => {
    const cluster = clusterWithMembers();
    const { report } = await run(cluster, [configMap('current', { a: '2' })]);

    assert.equal(report.succeeded, true);
    assert.deepEqual(
      writes(cluster),
      ['apply ConfigMap/apps/current', 'delete ConfigMap/apps/old', 'delete Namespace/legacy', 'apply Secret/apps/kube-gitops-shop'],
      'the parent already records every kind before the apply, so it is written once, at the end',
    );
    assert.deepEqual(
      report.prune?.retained.map((r) => [formatRef(r.ref), r.reason]),
      [['ConfigMap/apps/pinned', `No longer in the manifests; left in place because it is annotated ${PRUNE_ANNOTATION}: disabled.`]],
    );
    const recorded = getAnnotations(cluster.stored(PARENT) ?? parent());
    assert.deepEqual(
      [recorded[COMMIT_ANNOTATION], recorded[APPLIED_AT_ANNOTATION], recorded[GROUP_KINDS_ANNOTATION]],
      ['c0ffee1', '2026-02-01T00:00:00.000Z', 'ConfigMap'],
      'the deleted Namespace kind is no longer recorded',
    );
  });

  it('records a kind new to the target on the parent before the first write', async () => {
    const cluster = clusterWithMembers();
    const role: KubeObject = { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'reader' }, rules: [] };
    await run(cluster, [
      configMap('current', { a: '1' }),
      configMap('pinned', { a: '1' }, { [PRUNE_ANNOTATION]: 'disabled' }),
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'legacy' } },
      role,
    ]);

    assert.deepEqual(writes(cluster), [
      'apply Secret/apps/kube-gitops-shop',
      'apply ClusterRole/reader',
      'delete ConfigMap/apps/old',
      'apply Secret/apps/kube-gitops-shop',
    ]);
  });

  it('writes nothing when the live commit is applied again', async () => {
    const cluster = clusterWithMembers();
    await run(cluster, [configMap('current', { a: '2' })]);
    const before = cluster.writes().length;
    const { report } = await run(cluster, [configMap('current', { a: '2' })]);

    assert.equal(report.succeeded, true);
    assert.deepEqual(cluster.writes().slice(before).map(describeCall), []);
    assert.deepEqual(
      report.planResult.plan.entries.map((e) => `${e.action} ${formatRef(e.ref)}`),
      ['unchanged ConfigMap/apps/current', 'retain ConfigMap/apps/pinned'],
    );
  });
});
