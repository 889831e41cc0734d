// The applier's branches (stage order, the CRD wait, replacements, failures, interruption) against
// the in-memory FakeCluster, with changes planned by the real planner against the same fake.
// test/integration/plan-apply.test.ts stays the ground truth.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyChanges, type ApplyOptions, type ApplyOutcome } from '../../../src/apply/applier.js';
import { RecordingLogger } from '../../../src/model/logger.js';
import type { KubeObject } from '../../../src/objects/kube-object.js';
import { formatRef } from '../../../src/objects/object-ref.js';
import { planChanges, type PlanResult } from '../../../src/plan/planner.js';
import { MANAGER, member, parent, TARGET } from '../../support/fake-target.js';
import { describeCall, FakeCluster, forbiddenError, immutableError, invalidError } from '../../support/fake-cluster.js';

const configMap = (name: string, data: Record<string, string>): KubeObject => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, namespace: 'apps' },
  data,
});
const namespace = (name: string): KubeObject => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
const clusterRole = (name: string): KubeObject => ({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name }, rules: [] });
const deployment = (name: string, replicas = 1): KubeObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name, namespace: 'apps' },
  spec: {
    replicas,
    selector: { matchLabels: { app: name } },
    template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'web', image: 'nginx' }] } },
  },
});
const webhook = (name: string): KubeObject => ({
  apiVersion: 'admissionregistration.k8s.io/v1',
  kind: 'ValidatingWebhookConfiguration',
  metadata: { name },
  webhooks: [],
});

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
        schema: { openAPIV3Schema: { type: 'object', properties: { spec: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } } } },
      },
    ],
  },
};

const newCluster = (options: ConstructorParameters<typeof FakeCluster>[0] = {}) => new FakeCluster({ namespaces: ['default', 'apps'], ...options });

async function planFor(cluster: FakeCluster, ...objects: KubeObject[]): Promise<PlanResult> {
  const result = await planChanges(
    objects.map((object, i) => ({ object, source: { file: 'deploy/shop.yaml', line: 1 + i * 10 } })),
    cluster,
    {
      target: TARGET,
      commit: 'c0ffee1',
      namespace: 'apps',
      inventoryNamespace: 'apps',
      fieldManager: MANAGER,
      forceConflicts: false,
      prune: true,
      pruneDangerous: false,
      concurrency: 1,
    },
    new RecordingLogger(),
  );
  assert.deepEqual(result.plan.problems, [], 'the plan has no problems');
  return result;
}

interface Applied {
  outcome: ApplyOutcome;
  logger: RecordingLogger;
  /** The calls the apply made (the plan's are left out). */
  calls: string[];
  writes: string[];
}

async function apply(cluster: FakeCluster, planned: PlanResult, options: Partial<ApplyOptions> = {}): Promise<Applied> {
  const logger = new RecordingLogger();
  const from = cluster.calls.length;
  const outcome = await applyChanges(planned.changes, cluster, {
    fieldManager: MANAGER,
    forceConflicts: false,
    concurrency: 1,
    crdTimeoutMs: 60_000,
    logger,
    redactor: planned.redactor,
    ...options,
  });
  const calls = cluster.calls.slice(from);
  return {
    outcome,
    logger,
    calls: calls.map(describeCall),
    writes: calls.filter((c) => (c.verb === 'apply' || c.verb === 'delete') && !c.dryRun).map(describeCall),
  };
}

describe('the staged apply', () => {
  it('applies definitions, then cluster-wide objects, then workloads, then webhooks, one group per stage', async () => {
    const cluster = newCluster();
    const planned = await planFor(cluster, webhook('guard'), deployment('web'), clusterRole('reader'), namespace('extra'), configMap('settings', { a: '1' }));
    const { outcome, logger, writes } = await apply(cluster, planned);

    assert.deepEqual(writes, [
      'apply Namespace/extra',
      'apply ClusterRole/reader',
      'apply ConfigMap/apps/settings',
      'apply Deployment/apps/web',
      'apply ValidatingWebhookConfiguration/guard',
    ]);
    assert.deepEqual(
      logger.messages().filter((m) => m.startsWith('[')),
      ['[Apply definitions (1)]', '[Apply cluster (1)]', '[Apply workloads (2)]', '[Apply webhooks (1)]'],
    );
    assert.deepEqual([outcome.failed, outcome.skippedStages], [[], []]);
    assert.deepEqual(
      outcome.applied.map((a) => `${a.action} ${formatRef(a.ref)}`),
      [
        'create Namespace/extra',
        'create ClusterRole/reader',
        'create ConfigMap/apps/settings',
        'create Deployment/apps/web',
        'create ValidatingWebhookConfiguration/guard',
      ],
    );
  });

  it('waits for a new CRD to be Established and refreshes discovery before applying its custom resources', async () => {
    const cluster = newCluster({ establishedOnRead: 2 });
    const planned = await planFor(cluster, WIDGET_CRD, {
      apiVersion: 'example.com/v1',
      kind: 'Widget',
      metadata: { name: 'w', namespace: 'apps' },
      spec: { size: 1 },
    });
    const { outcome, logger, calls } = await apply(cluster, planned);

    assert.deepEqual(calls, [
      'apply CustomResourceDefinition/widgets.example.com',
      'get CustomResourceDefinition/widgets.example.com',
      'get CustomResourceDefinition/widgets.example.com',
      'discovery (refresh)',
      'discovery (refresh)',
      'apply Widget.example.com/apps/w',
    ]);
    assert.deepEqual(outcome.failed, []);
    assert.ok(logger.hasMessage('1 CustomResourceDefinition(s) established; discovery refreshed'));
    assert.ok(cluster.stored({ group: 'example.com', version: 'v1', kind: 'Widget', namespace: 'apps', name: 'w' }));
  });

  it('stops at the first failed stage: its error is logged and later stages are not started', async () => {
    const cluster = newCluster().failOn('apply', { kind: 'ClusterRole', dryRun: false }, forbiddenError());
    const planned = await planFor(cluster, namespace('extra'), clusterRole('reader'), configMap('settings', { a: '1' }), webhook('guard'));
    const { outcome, logger, writes } = await apply(cluster, planned);

    assert.deepEqual(writes, ['apply Namespace/extra', 'apply ClusterRole/reader']);
    assert.deepEqual(outcome.failed, [
      {
        ref: planned.changes[1]?.entry.ref,
        message: 'ClusterRole/reader apply failed (Forbidden): clusterroles "reader" is forbidden: User "ci" cannot apply resource',
        cause: 'forbidden',
      },
    ]);
    assert.deepEqual(outcome.skippedStages, ['workloads', 'webhooks']);
    assert.deepEqual(logger.messages('error'), [
      'ClusterRole/reader apply failed (Forbidden): clusterroles "reader" is forbidden: User "ci" cannot apply resource',
    ]);
  });

  it('never writes objects planned unchanged', async () => {
    const cluster = newCluster().seedApplied(MANAGER, parent('ConfigMap'), member(configMap('same', { a: '1' })), member(configMap('changed', { a: '1' })));
    const planned = await planFor(cluster, configMap('same', { a: '1' }), configMap('changed', { a: '2' }));
    const { outcome, writes } = await apply(cluster, planned);

    assert.deepEqual(writes, ['apply ConfigMap/apps/changed']);
    assert.deepEqual(
      outcome.applied.map((a) => `${a.action} ${formatRef(a.ref)}`),
      ['update ConfigMap/apps/changed'],
    );
  });

  it('leaves deletions and retained objects to the prune', async () => {
    const cluster = newCluster().seedApplied(MANAGER, parent('ConfigMap'), member(configMap('old', { a: '1' })));
    const planned = await planFor(cluster, configMap('new', { a: '1' }));
    assert.deepEqual(
      planned.plan.entries.map((e) => e.action),
      ['create', 'delete'],
    );
    const { writes } = await apply(cluster, planned);

    assert.deepEqual(writes, ['apply ConfigMap/apps/new']);
  });
});

describe('replacements', () => {
  const service = (clusterIP: string): KubeObject => ({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'web', namespace: 'apps' },
    spec: { clusterIP, selector: { app: 'web' }, ports: [{ port: 80 }] },
  });
  const SERVICE = { group: '', version: 'v1', kind: 'Service', namespace: 'apps', name: 'web' };

  /**
   * A member Service whose clusterIP changed (the plan's dry-run meets the immutable field once) and
   * a member Deployment that changed: the Service sorts first, so its replacement coming last shows.
   */
  async function plannedReplace(cluster: FakeCluster): Promise<PlanResult> {
    cluster
      .seedApplied(MANAGER, parent('Deployment.apps', 'Service'), member(service('10.0.0.1')), member(deployment('web', 1)))
      .failOn('apply', { kind: 'Service', name: 'web', dryRun: true }, immutableError('spec.clusterIP'), 1);
    const planned = await planFor(cluster, service('10.0.0.2'), deployment('web', 2));
    assert.deepEqual(
      planned.plan.entries.map((e) => `${e.action} ${formatRef(e.ref)}`),
      ['replace Service/apps/web', 'update Deployment/apps/web'],
    );
    return planned;
  }

  it('come last in their stage: the new manifest is checked as a create, the old object deleted and waited on, then created', async () => {
    const cluster = newCluster();
    const planned = await plannedReplace(cluster);
    cluster.lingerDeletion(SERVICE, 1);
    const { outcome, calls } = await apply(cluster, planned);

    assert.deepEqual(
      calls.map((c) => c.replace(/web-[a-z0-9]{5}/, 'web-<temporary>')),
      [
        'apply Deployment/apps/web',
        'apply (dry-run) Service/apps/web-<temporary>',
        'delete Service/apps/web',
        'get Service/apps/web',
        'get Service/apps/web',
        'apply Service/apps/web',
      ],
    );
    assert.deepEqual(
      outcome.applied.map((a) => `${a.action} ${formatRef(a.ref)}`),
      ['update Deployment/apps/web', 'replace Service/apps/web'],
    );
    const stored = cluster.stored(SERVICE);
    assert.deepEqual(stored?.spec, { clusterIP: '10.0.0.2', selector: { app: 'web' }, ports: [{ port: 80 }] }, 'created from the new manifest alone');
    assert.equal(stored?.metadata.deletionTimestamp, undefined);
  });

  it('are not started when another write of their stage failed, so the old object is kept', async () => {
    const cluster = newCluster();
    const planned = await plannedReplace(cluster);
    cluster.failOn('apply', { kind: 'Deployment', dryRun: false }, forbiddenError());
    const { outcome, logger, calls } = await apply(cluster, planned);

    assert.deepEqual(calls, ['apply Deployment/apps/web']);
    assert.ok(logger.messages('warning').includes('1 replacement(s) not started because another write of this stage failed; the old objects are kept.'));
    assert.deepEqual(
      outcome.failed.map((f) => formatRef(f.ref)),
      ['Deployment/apps/web'],
    );
    assert.equal(JSON.stringify(cluster.stored(SERVICE)?.spec).includes('10.0.0.1'), true, 'the old Service is kept');
    assert.deepEqual(cluster.callsOf('delete'), []);
  });

  it('delete nothing when the server refuses the new manifest as a create at apply time', async () => {
    const cluster = newCluster();
    const planned = await plannedReplace(cluster);
    cluster.failOn(
      'apply',
      { kind: 'Service', name: /^web-/, dryRun: true },
      invalidError('spec.ports[0].port', 'Invalid value: 80: provided port is already allocated'),
    );
    const { outcome, writes } = await apply(cluster, planned);

    assert.deepEqual(writes, ['apply Deployment/apps/web']);
    assert.deepEqual(
      outcome.failed.map((f) => `${f.cause}: ${f.message}`),
      ['invalid: Service/apps/web apply failed (Invalid): Service "web" is invalid: spec.ports[0].port: Invalid value: 80: provided port is already allocated'],
    );
    assert.deepEqual(cluster.callsOf('delete'), []);
    assert.equal(JSON.stringify(cluster.stored(SERVICE)?.spec).includes('10.0.0.1'), true, 'the old Service is kept');
  });
});

describe('interrupting the apply', () => {
  it('starts no write once the signal is aborted, and skips the later stages', async () => {
    const cluster = newCluster();
    const planned = await planFor(cluster, namespace('extra'), clusterRole('reader'), configMap('settings', { a: '1' }));
    const controller = new AbortController();
    const told: string[] = [];
    const { outcome, writes } = await apply(cluster, planned, {
      signal: controller.signal,
      beforeStage: async (stage) => {
        if (stage === 'cluster') controller.abort();
      },
      progress: (stage, done, total) => told.push(`${stage} ${done}/${total}`),
    });

    assert.deepEqual(writes, ['apply Namespace/extra']);
    assert.deepEqual(told, ['applied 1/3'], 'what was never sent is not counted as applied');
    assert.deepEqual(
      outcome.failed.map((f) => `${f.cause}: ${f.message}`),
      ['interrupted: ClusterRole/reader apply failed: not applied: the run was interrupted before this write started'],
    );
    assert.deepEqual(outcome.skippedStages, ['workloads', 'webhooks']);
  });

  it('starts nothing when aborted before the first stage', async () => {
    const cluster = newCluster();
    const planned = await planFor(cluster, namespace('extra'), configMap('settings', { a: '1' }));
    const { outcome, calls } = await apply(cluster, planned, { signal: AbortSignal.abort() });

    assert.deepEqual(calls, []);
    assert.deepEqual(outcome.skippedStages, ['definitions', 'cluster', 'workloads', 'webhooks']);
  });
});

describe('a CRD that does not become Established', () => {
  it('fails the definitions stage with the CRD named, keeps what was applied, and skips the later stages', async () => {
    const cluster = newCluster({ establishedOnRead: Number.POSITIVE_INFINITY });
    const planned = await planFor(cluster, WIDGET_CRD, {
      apiVersion: 'example.com/v1',
      kind: 'Widget',
      metadata: { name: 'w', namespace: 'apps' },
      spec: { size: 1 },
    });
    const { outcome, writes } = await apply(cluster, planned, { crdTimeoutMs: 0 });

    assert.deepEqual(writes, ['apply CustomResourceDefinition/widgets.example.com']);
    assert.deepEqual(
      outcome.applied.map((a) => formatRef(a.ref)),
      ['CustomResourceDefinition/widgets.example.com'],
    );
    assert.equal(outcome.failed.map((f) => f.cause).join(), 'not-established', 'one failure, its cause typed');
    assert.match(outcome.failed[0]?.message ?? '', /^CustomResourceDefinition\/widgets\.example\.com did not become Established in time: not established yet/);
    assert.deepEqual(outcome.skippedStages, ['cluster', 'workloads', 'webhooks']);
  });
});
