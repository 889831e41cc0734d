// The planner's branches that a real API server reaches only slowly or not deterministically
// (conflicts, immutable fields, refusals, stand-ins, new CRDs, prune verdicts), against the
// in-memory FakeCluster. test/integration/plan-apply.test.ts stays the ground truth.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ID_LABEL, PART_OF_LABEL, PRUNE_ANNOTATION, TOOLING_ANNOTATION } from '../../../src/inventory/applyset.js';
import { RecordingLogger } from '../../../src/model/logger.js';
import type { DesiredObject } from '../../../src/objects/desired-object.js';
import type { KubeObject } from '../../../src/objects/kube-object.js';
import { formatRef } from '../../../src/objects/object-ref.js';
import type { PlanEntry } from '../../../src/model/plan.js';
import { planChanges, type PlanResult } from '../../../src/plan/planner.js';
import type { PlanSettings } from '../../../src/plan/planned-change.js';
import { isClusterUnreachable } from '../../../src/cluster/connection-errors.js';
import { MANAGER, member, parent, SET_ID, TARGET } from '../../support/fake-target.js';
import { conflictError, describeCall, FakeCluster, forbiddenError, immutableError, invalidError, unreachableError } from '../../support/fake-cluster.js';

function settings(overrides: Partial<PlanSettings> = {}): PlanSettings {
  return {
    target: TARGET,
    commit: 'c0ffee1',
    namespace: 'apps',
    inventoryNamespace: 'apps',
    fieldManager: MANAGER,
    forceConflicts: false,
    prune: true,
    pruneDangerous: false,
    concurrency: 1,
    ...overrides,
  };
}

function desired(...objects: KubeObject[]): DesiredObject[] {
  return objects.map((object, i) => ({ object, source: { file: 'deploy/shop.yaml', line: 1 + i * 10 } }));
}

function configMap(name: string, data: Record<string, string>, metadata: Record<string, string | Record<string, string>> = {}): KubeObject {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'apps', ...metadata }, data };
}

function job(name: string, image: string): KubeObject {
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name, namespace: 'apps' },
    spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'main', image }] } } },
  };
}

/** This target's ApplySet parent, recording `groupKinds`. */

const WIDGET_CRD: KubeObject = {
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: { name: 'widgets.example.com' },
  spec: {
    group: 'example.com',
    scope: 'Namespaced',
    names: { kind: 'Widget', plural: 'widgets', singular: 'widget', listKind: 'WidgetList' },
    versions: [
      {
        name: 'v1',
        served: true,
        storage: true,
        schema: { openAPIV3Schema: { type: 'object', properties: { spec: { type: 'object', properties: { size: { type: 'integer' } } } } } },
      },
    ],
  },
};

const widget = (name: string, size: number | string): KubeObject => ({
  apiVersion: 'example.com/v1',
  kind: 'Widget',
  metadata: { name, namespace: 'apps' },
  spec: { size },
});

/** Plans, and checks the one promise every plan keeps: nothing was written. */
async function plan(
  cluster: FakeCluster,
  objects: DesiredObject[],
  overrides: Partial<PlanSettings> = {},
  logger = new RecordingLogger(),
): Promise<PlanResult> {
  const result = await planChanges(objects, cluster, settings(overrides), logger);
  assert.deepEqual(cluster.writes().map(describeCall), [], 'a plan never writes');
  return result;
}

function entry(result: PlanResult, id: string): PlanEntry {
  const found = result.plan.entries.find((e) => formatRef(e.ref) === id);
  assert.ok(found, `the plan has an entry for ${id}; it has ${result.plan.entries.map((e) => formatRef(e.ref)).join(', ')}`);
  return found;
}

const newCluster = (options: ConstructorParameters<typeof FakeCluster>[0] = {}) => new FakeCluster({ namespaces: ['default', 'apps'], ...options });

describe('planning an object against the cluster', () => {
  it('plans a new object as a create from its dry-run, without reading it', async () => {
    const cluster = newCluster();
    const result = await plan(cluster, desired(configMap('settings', { mode: 'fast' })));

    const e = entry(result, 'ConfigMap/apps/settings');
    assert.equal(e.action, 'create');
    assert.equal(e.before, undefined);
    assert.deepEqual(e.after?.data, { mode: 'fast' });
    assert.equal(cluster.callsOf('apply', { kind: 'ConfigMap', name: 'settings', dryRun: true }).length, 1);
    assert.deepEqual(cluster.callsOf('get', { kind: 'ConfigMap' }), [], 'the dry-run said it is new, so it is not read');
  });

  it('reads an existing object outside the inventory and plans the difference as an update', async () => {
    const cluster = newCluster().seed(configMap('settings', { mode: 'slow' }));
    const result = await plan(cluster, desired(configMap('settings', { mode: 'fast' })));

    const e = entry(result, 'ConfigMap/apps/settings');
    assert.equal(e.action, 'update');
    assert.deepEqual([e.before?.data, e.after?.data], [{ mode: 'slow' }, { mode: 'fast' }]);
    assert.equal(cluster.callsOf('get', { kind: 'ConfigMap', name: 'settings' }).length, 1);
  });

  it('lists field conflicts on the dry-run with a warning, and plans from a forced dry-run', async () => {
    const cluster = newCluster()
      .seed(configMap('settings', { mode: 'slow' }))
      .failOn('apply', { kind: 'ConfigMap', dryRun: true, force: false }, conflictError('kubectl-edit', '.data.mode'));
    const result = await plan(cluster, desired(configMap('settings', { mode: 'fast' })));

    const e = entry(result, 'ConfigMap/apps/settings');
    assert.deepEqual(e.conflicts, [{ manager: 'kubectl-edit', field: '.data.mode' }]);
    assert.equal(e.action, 'update');
    assert.deepEqual(result.plan.warnings, [
      'ConfigMap/apps/settings: fields owned by another manager (.data.mode by kubectl-edit); the apply will fail unless force-conflicts is true.',
    ]);
    assert.deepEqual(
      cluster.callsOf('apply', { kind: 'ConfigMap' }).map((c) => c.force),
      [false, true],
      'a dry-run, then the same dry-run forced',
    );
    assert.deepEqual(result.plan.problems, []);
  });

  it('plans a replace when an immutable field changes and the new manifest passes a dry-run create under a temporary name', async () => {
    const cluster = newCluster()
      .seedApplied(MANAGER, parent('Job.batch'), member(job('migrate', 'migrate:1')))
      .failOn('apply', { kind: 'Job', name: 'migrate', dryRun: true }, immutableError('spec.template'));
    const result = await plan(cluster, desired(job('migrate', 'migrate:2')));

    const e = entry(result, 'Job/apps/migrate');
    assert.equal(e.action, 'replace');
    assert.match(e.notes[0] ?? '', /^Will be deleted and created again: .*spec\.template.*field is immutable/);
    const applies = cluster.callsOf('apply', { kind: 'Job' });
    assert.equal(applies.length, 2);
    assert.match(applies[1]?.name ?? '', /^migrate-[a-z0-9]{5}$/, 'the create check runs under a temporary name');
    assert.equal(applies[1]?.dryRun, true);
    assert.deepEqual(cluster.callsOf('delete'), []);
  });

  it('keeps the live object when the server refuses the replacement as a create, naming the object, not the temporary name', async () => {
    const cluster = newCluster()
      .seedApplied(MANAGER, parent('Job.batch'), member(job('migrate', 'migrate:1')))
      .failOn('apply', { kind: 'Job', name: 'migrate', dryRun: true }, immutableError('spec.template'))
      .failOn('apply', { kind: 'Job', name: /^migrate-/, dryRun: true }, invalidError('spec.template.spec.containers[0].image', 'Required value'));
    const result = await plan(cluster, desired(job('migrate', '')));

    assert.equal(
      result.plan.entries.some((e) => e.ref.kind === 'Job'),
      false,
    );
    assert.equal(result.plan.problems.length, 1);
    const message = result.plan.problems[0]?.message ?? '';
    assert.match(
      message,
      /^Job\/apps\/migrate cannot be replaced: its immutable fields change, and the server refuses its new manifest as a create, so the live object is kept \(Invalid: Job "migrate" is invalid: spec\.template\.spec\.containers\[0\]\.image: Required value\)\.$/,
    );
    assert.doesNotMatch(message, /migrate-[a-z0-9]{5}/);
    assert.deepEqual(cluster.callsOf('delete'), []);
    assert.ok(cluster.stored({ group: 'batch', version: 'v1', kind: 'Job', namespace: 'apps', name: 'migrate' }), 'the live Job is still there');
  });

  it('reports a refused dry-run as a problem with its reason and plans the other objects', async () => {
    const cluster = newCluster().failOn('apply', { kind: 'ConfigMap', name: 'locked' }, forbiddenError());
    const result = await plan(cluster, desired(configMap('locked', { a: '1' }), configMap('open', { a: '1' })));

    assert.deepEqual(
      result.plan.problems.map((p) => [p.message, p.source?.line]),
      [['ConfigMap/apps/locked dry-run failed (Forbidden): configmaps "locked" is forbidden: User "ci" cannot apply resource', 1]],
    );
    assert.equal(entry(result, 'ConfigMap/apps/open').action, 'create');
  });

  it('reports one problem for a namespace that neither exists nor is created, however many objects need it', async () => {
    const cluster = newCluster();
    const result = await plan(cluster, desired(configMap('a', {}, { namespace: 'ghost' }), configMap('b', {}, { namespace: 'ghost' })));

    assert.deepEqual(
      result.plan.problems.map((p) => p.message),
      [
        'Namespace ghost does not exist, and 2 object(s) need it (in deploy/shop.yaml). ' +
          'Add the Namespace to the manifests or create it, or set the namespace input (or their metadata.namespace) to one that exists.',
      ],
    );
    assert.deepEqual(result.plan.entries, []);
  });
});

describe('a cluster lost during the plan', () => {
  it('fails the plan with the unreachable error (so a pull request falls back to the git diff) instead of one problem per object', async () => {
    const cluster = newCluster().failOn('apply', {}, unreachableError());
    await assert.rejects(planChanges(desired(configMap('a', {}), configMap('b', {})), cluster, settings(), new RecordingLogger()), isClusterUnreachable);
  });

  it('fails the plan with the unreachable error when the members cannot be listed', async () => {
    const cluster = newCluster().seed(parent('ConfigMap')).failOn('list', { kind: 'ConfigMap' }, unreachableError());
    await assert.rejects(planChanges(desired(configMap('a', {})), cluster, settings(), new RecordingLogger()), isClusterUnreachable);
    assert.deepEqual(cluster.callsOf('apply'), []);
  });
});

describe('kinds the cluster does not serve', () => {
  it('names the versions the cluster serves when a manifest asks for another, and never sends it', async () => {
    const hpa: KubeObject = { apiVersion: 'autoscaling/v2beta2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'web' }, spec: {} };
    const gadget: KubeObject = { apiVersion: 'example.com/v1', kind: 'Gadget', metadata: { name: 'g' } };
    const cluster = newCluster();
    const result = await plan(cluster, desired(hpa, gadget));

    assert.deepEqual(
      result.plan.problems.map((p) => p.message),
      [
        'HorizontalPodAutoscaler/web: the cluster does not serve HorizontalPodAutoscaler in autoscaling/v2beta2; it serves autoscaling/v2, autoscaling/v1.',
        'Gadget.example.com/g: the cluster does not know kind Gadget in example.com/v1, and no CustomResourceDefinition in the manifests defines it.',
      ],
    );
    assert.deepEqual(cluster.callsOf('apply'), []);
  });
});

describe('objects the server cannot dry-run yet', () => {
  it('dry-runs an object of a Namespace the change creates in an existing stand-in namespace', async () => {
    const cluster = newCluster();
    const result = await plan(
      cluster,
      desired({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'fresh' } }, configMap('settings', { a: '1' }, { namespace: 'fresh' })),
    );

    assert.equal(entry(result, 'Namespace/fresh').action, 'create');
    const e = entry(result, 'ConfigMap/fresh/settings');
    assert.equal(e.action, 'create');
    assert.deepEqual(e.notes, [
      'Planned from the manifest: its Namespace fresh is created in this change.',
      'Validated by a server-side dry-run in the existing namespace apps; not checked before the apply: its ResourceQuotas, LimitRanges and namespace-selected admission policies and webhooks.',
    ]);
    assert.deepEqual(
      cluster.callsOf('apply', { kind: 'ConfigMap' }).map((c) => [c.namespace, c.dryRun]),
      [['apps', true]],
    );
    assert.equal(result.changes.find((c) => c.entry === e)?.pending, 'namespace');
  });

  it('warns that an object of a new Namespace is unchecked when every stand-in holds an object of its name', async () => {
    const cluster = newCluster().seed(configMap('settings', {}), configMap('settings', {}, { namespace: 'default' }));
    const result = await plan(
      cluster,
      desired({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'fresh' } }, configMap('settings', { a: '1' }, { namespace: 'fresh' })),
    );

    const reason = 'apps holds ConfigMap/apps/settings; default holds ConfigMap/default/settings';
    assert.equal(
      entry(result, 'ConfigMap/fresh/settings').notes[1],
      `Not validated before the apply: no existing namespace could stand in for fresh (${reason}).`,
    );
    assert.deepEqual(result.plan.warnings, [
      `ConfigMap/fresh/settings is not validated before the apply: no existing namespace could stand in for fresh (${reason}).`,
    ]);
  });

  it('checks a custom resource against the schema of its CRD in the same change instead of dry-running it', async () => {
    const cluster = newCluster();
    const result = await plan(cluster, desired(WIDGET_CRD, widget('small', 1), widget('odd', 'big')));

    assert.equal(entry(result, 'CustomResourceDefinition/widgets.example.com').action, 'create');
    const valid = entry(result, 'Widget.example.com/apps/small');
    assert.equal(valid.action, 'create');
    assert.match(
      valid.notes[1] ?? '',
      /^Validated against the openAPIV3Schema of widgets\.example\.com; not checked before the apply: .*admission webhooks and policies\.$/,
    );
    const change = result.changes.find((c) => c.entry === valid);
    assert.equal(change?.pending, 'crd');
    assert.equal(change?.type, undefined, 'its resource type is found once the CRD is served');
    assert.equal(result.plan.problems.length, 1);
    assert.match(
      result.plan.problems[0]?.message ?? '',
      /^Widget\.example\.com\/apps\/odd is invalid against the schema of its CustomResourceDefinition widgets\.example\.com: \.spec\.size/,
    );
    assert.deepEqual(cluster.callsOf('apply', { kind: 'Widget' }), []);
  });

  it('finds the missing namespace of a custom resource whose CRD the change creates, as a dry-run would', async () => {
    const cluster = newCluster();
    const lost = { ...widget('lost', 1), metadata: { name: 'lost', namespace: 'nowhere' } };
    const result = await plan(cluster, desired(WIDGET_CRD, lost, configMap('settings', { a: '1' })));
    assert.deepEqual(
      result.plan.problems.map((p) => [p.message.split('.')[0], p.source?.line]),
      [['Namespace nowhere does not exist, and 1 object(s) need it (in deploy/shop', 11]],
    );
  });

  it('names the inventory-namespace input when the namespace of the ApplySet parent neither exists nor is created', async () => {
    const missing = await plan(newCluster(), desired(configMap('settings', { a: '1' })), { inventoryNamespace: 'gitops-inventory' });
    assert.equal(missing.plan.problems.length, 1);
    assert.match(missing.plan.problems[0]?.message ?? '', /^The inventory namespace gitops-inventory \(input inventory-namespace\) does not exist/);
    const created = await plan(
      newCluster(),
      desired({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'gitops-inventory' } }, configMap('settings', { a: '1' })),
      { inventoryNamespace: 'gitops-inventory' },
    );
    assert.deepEqual(created.plan.problems, [], 'a Namespace the change creates is enough');
  });
});

describe('objects proven unchanged', () => {
  it('calls a member unchanged from its managed fields without a dry-run', async () => {
    const cluster = newCluster().seedApplied(MANAGER, parent('ConfigMap'), member(configMap('settings', { mode: 'fast' })));
    const logger = new RecordingLogger();
    const result = await plan(cluster, desired(configMap('settings', { mode: 'fast' })), {}, logger);

    assert.equal(entry(result, 'ConfigMap/apps/settings').action, 'unchanged');
    assert.deepEqual(cluster.callsOf('apply'), [], 'no dry-run was sent');
    assert.ok(logger.hasMessage('1 object(s) planned: 1 proven unchanged by their managed fields, the rest dry-run on the server'));
  });

  it('dry-runs a member whose managed fields do not prove it, and still finds it unchanged', async () => {
    const cluster = newCluster({ recordManagedFields: false }).seed(parent('ConfigMap'), member(configMap('settings', { mode: 'fast' })));
    const logger = new RecordingLogger();
    const result = await plan(cluster, desired(configMap('settings', { mode: 'fast' })), {}, logger);

    assert.equal(entry(result, 'ConfigMap/apps/settings').action, 'unchanged');
    assert.equal(cluster.callsOf('apply', { kind: 'ConfigMap', dryRun: true }).length, 1);
    assert.ok(logger.hasMessage('1 object(s) planned: 0 proven unchanged'));
  });

  it('dry-runs a member whose manifest changed since our last apply', async () => {
    const cluster = newCluster().seedApplied(MANAGER, parent('ConfigMap'), member(configMap('settings', { mode: 'slow' })));
    const result = await plan(cluster, desired(configMap('settings', { mode: 'fast' })));

    assert.equal(entry(result, 'ConfigMap/apps/settings').action, 'update');
    assert.equal(cluster.callsOf('apply', { kind: 'ConfigMap', dryRun: true }).length, 1);
    assert.deepEqual(cluster.callsOf('get', { kind: 'ConfigMap' }), [], 'a member is known from the list, never read again');
  });
});

describe('objects of another ApplySet', () => {
  const otherParent: KubeObject = {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: {
      name: 'kube-gitops-other',
      namespace: 'apps',
      labels: { [ID_LABEL]: 'applyset-other-v1' },
      annotations: { [TOOLING_ANNOTATION]: 'kube-gitops/0.1.0' },
    },
    type: 'Opaque',
  };
  const claimed = configMap('shared', { a: '1' }, { labels: { [PART_OF_LABEL]: 'applyset-other-v1' } });

  it('refuses to apply over a member of another set, naming its parent', async () => {
    const cluster = newCluster().seed(otherParent, claimed);
    const result = await plan(cluster, desired(configMap('shared', { a: '2' })));

    assert.deepEqual(
      result.plan.problems.map((p) => p.message),
      [
        'ConfigMap/apps/shared belongs to another ApplySet applyset-other-v1 ' +
          "(parent Secret apps/kube-gitops-other, kube-gitops/0.1.0): kube-gitops will not take it over, since that set's next prune could delete it. " +
          'Remove it from one of the two targets, or set adopt: true to move it to this target.',
      ],
    );
  });

  it('adopts a member of another set when adopt is true, and says so', async () => {
    const cluster = newCluster().seed(otherParent, claimed);
    const result = await plan(cluster, desired(configMap('shared', { a: '2' })), { adopt: true });

    const e = entry(result, 'ConfigMap/apps/shared');
    assert.equal(e.action, 'update');
    assert.deepEqual(e.notes, [
      'Adopted from ApplySet applyset-other-v1 (parent Secret apps/kube-gitops-other, kube-gitops/0.1.0) (adopt: true): it becomes a member of this target, and the other set no longer prunes it.',
    ]);
  });
});

describe('members that left the manifests', () => {
  function clusterWithMembers(): FakeCluster {
    return newCluster().seedApplied(
      MANAGER,
      parent('ConfigMap', 'Namespace', 'PersistentVolumeClaim'),
      member(configMap('current', { a: '1' })),
      member(configMap('old', { a: '1' })),
      member(configMap('pinned', { a: '1' }, { annotations: { [PRUNE_ANNOTATION]: 'disabled' } })),
      member({
        apiVersion: 'v1',
        kind: 'PersistentVolumeClaim',
        metadata: { name: 'data', namespace: 'apps' },
        spec: { resources: { requests: { storage: '1Gi' } } },
      }),
      member({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'legacy' } }),
    );
  }
  const verdicts = (result: PlanResult) =>
    result.plan.entries.filter((e) => e.action === 'delete' || e.action === 'retain').map((e) => [formatRef(e.ref), e.action, e.notes[0]]);

  it('finds members by one labelled list per kind and namespace, and plans their deletion or says why they are kept', async () => {
    const cluster = clusterWithMembers();
    const result = await plan(cluster, desired(configMap('current', { a: '1' })));

    assert.deepEqual(
      cluster.callsOf('list').map((c) => [c.kind, c.namespace, c.labelSelector]),
      [
        ['ConfigMap', 'apps', `${PART_OF_LABEL}=${SET_ID}`],
        ['Namespace', undefined, `${PART_OF_LABEL}=${SET_ID}`],
        ['PersistentVolumeClaim', 'apps', `${PART_OF_LABEL}=${SET_ID}`],
      ],
    );
    assert.deepEqual(verdicts(result), [
      [
        'Namespace/legacy',
        'retain',
        'No longer in the manifests; left in place because deleting a Namespace deletes what it holds (set prune-dangerous: true to prune it).',
      ],
      ['ConfigMap/apps/old', 'delete', 'No longer in the manifests: it will be deleted.'],
      ['ConfigMap/apps/pinned', 'retain', `No longer in the manifests; left in place because it is annotated ${PRUNE_ANNOTATION}: disabled.`],
      [
        'PersistentVolumeClaim/apps/data',
        'retain',
        'No longer in the manifests; left in place because deleting a PersistentVolumeClaim deletes what it holds (set prune-dangerous: true to prune it).',
      ],
    ]);
    assert.equal(entry(result, 'ConfigMap/apps/current').action, 'unchanged');
  });

  it('deletes dangerous kinds only with prune-dangerous, and never what is annotated to be kept', async () => {
    const result = await plan(clusterWithMembers(), desired(configMap('current', { a: '1' })), { pruneDangerous: true });

    assert.deepEqual(
      verdicts(result).map(([id, action]) => [id, action]),
      [
        ['Namespace/legacy', 'delete'],
        ['ConfigMap/apps/old', 'delete'],
        ['ConfigMap/apps/pinned', 'retain'],
        ['PersistentVolumeClaim/apps/data', 'delete'],
      ],
    );
  });

  it('keeps every member that left the manifests when pruning is off', async () => {
    const result = await plan(clusterWithMembers(), desired(configMap('current', { a: '1' })), { prune: false, pruneDangerous: true });

    const reasons = new Set(verdicts(result).map(([, action, note]) => `${action}: ${note}`));
    assert.deepEqual([...reasons], ['retain: No longer in the manifests; left in place because pruning is off (prune: false).']);
    assert.equal(verdicts(result).length, 4);
  });
});
