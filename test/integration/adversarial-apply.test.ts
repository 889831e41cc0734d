// Adversarial cases of "if any manifest is invalid, nothing is applied" and of ApplySet ownership
// (issue 12, classes 3 and 5), against the local control plane. New code paths of plan and apply
// are checked here against the same cases.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ClusterClient, ResourceType } from '../../src/cluster/cluster-client.js';
import { applyChanges } from '../../src/apply/applier.js';
import { applySetId, parentName, PART_OF_LABEL } from '../../src/inventory/applyset.js';
import { RecordingLogger } from '../../src/model/logger.js';
import type { DesiredObject } from '../../src/objects/desired-object.js';
import type { JsonObject, KubeObject } from '../../src/objects/kube-object.js';
import { refOf } from '../../src/objects/object-ref.js';
import { planChanges } from '../../src/plan/planner.js';
import type { PlannedChange } from '../../src/plan/planned-change.js';
import { SecretRedactor } from '../../src/redaction/secret-redactor.js';
import { ApplyRefusedError } from '../../src/model/apply-refused.js';
import { runApply, type ApplySettings } from '../../src/run/apply-run.js';
import { testCluster, testNamespace, uniqueName, type TestCluster } from '../support/test-cluster.js';
import { testApplySettings } from '../support/test-settings.js';

function desired(objects: KubeObject[]): DesiredObject[] {
  return objects.map((object, i) => ({ object, source: { file: 'deploy/app.yaml', line: 1 + i * 10 } }));
}

function configMap(name: string, namespace?: string): KubeObject {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, ...(namespace ? { namespace } : {}) }, data: { k: 'v' } };
}

function namespaceObject(name: string): KubeObject {
  return { apiVersion: 'v1', kind: 'Namespace', metadata: { name } };
}

function deployment(name: string, namespace: string, replicas: JsonObject['replicas']): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'app', image: 'registry.example/app:1' }] } },
    },
  };
}

function job(name: string, image: string, restartPolicy = 'Never'): KubeObject {
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name },
    spec: { suspend: true, template: { spec: { restartPolicy, containers: [{ name: 'm', image }] } } },
  };
}

function widgetCrd(group: string): KubeObject {
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: `widgets.${group}` },
    spec: {
      group,
      scope: 'Namespaced',
      names: { kind: 'Widget', plural: 'widgets', singular: 'widget', listKind: 'WidgetList' },
      versions: [
        {
          name: 'v1',
          served: true,
          storage: true,
          schema: {
            openAPIV3Schema: {
              type: 'object',
              properties: {
                spec: { type: 'object', required: ['replicas'], properties: { replicas: { type: 'integer' }, port: { 'x-kubernetes-int-or-string': true } } },
              },
            },
          },
        },
      ],
    },
  };
}

function widget(group: string, spec: JsonObject): KubeObject {
  return { apiVersion: `${group}/v1`, kind: 'Widget', metadata: { name: 'gadget' }, spec };
}

/** A client that counts GET requests by kind, to show which reads a plan makes. */
function countingGets(inner: ClusterClient): { client: ClusterClient; gets: string[] } {
  const gets: string[] = [];
  const client: ClusterClient = {
    resourceTypes: (refresh) => inner.resourceTypes(refresh),
    get: (type: ResourceType, ref) => {
      gets.push(`${ref.kind}/${ref.name}`);
      return inner.get(type, ref);
    },
    list: (type, options) => inner.list(type, options),
    apply: (type, obj, options) => inner.apply(type, obj, options),
    delete: (type, ref, options) => inner.delete(type, ref, options),
    serverVersion: () => inner.serverVersion(),
    close: () => inner.close(),
  };
  return { client, gets };
}

describe('adversarial apply: invalid changes write nothing, other ApplySets are not taken over', () => {
  let c: TestCluster;
  let ns: { name: string; cleanup: () => Promise<void> };
  let settings: ApplySettings;
  const cleanups: (() => Promise<void>)[] = [];
  let commit = 0;
  const nextCommit = () => `${String(++commit).padStart(2, '0')}${'b'.repeat(38)}`;

  before(async () => {
    c = await testCluster();
    ns = await testNamespace('adv-apply');
    settings = testApplySettings({ target: ns.name, commit: '', namespace: ns.name, wait: false, timeoutMs: 60_000 });
  });
  after(async () => {
    for (const cleanup of cleanups) await cleanup();
    await ns.cleanup();
  });

  function plan(objects: KubeObject[], extra: Partial<ApplySettings> = {}, client: ClusterClient = c.client()) {
    return planChanges(desired(objects), client, { ...settings, commit: nextCommit(), ...extra }, new RecordingLogger());
  }

  function apply(objects: KubeObject[], extra: Partial<ApplySettings> = {}) {
    return runApply(
      desired(objects),
      { ...settings, commit: nextCommit(), ...extra },
      { client: c.client(), logger: new RecordingLogger(), version: '0.1.0-test', now: () => new Date('2026-11-22T10:00:00Z') },
    );
  }

  async function exists(kind: string, name: string, namespace?: string): Promise<boolean> {
    const out = await c.kubectl(['get', kind, name, ...(namespace ? ['-n', namespace] : []), '--ignore-not-found', '-o', 'name']);
    return out.trim() !== '';
  }

  async function live(kind: string, name: string, namespace = ns.name): Promise<KubeObject> {
    return JSON.parse(await c.kubectl(['get', kind, name, '-n', namespace, '-o', 'json'])) as KubeObject;
  }

  it('creates nothing when a Deployment in a new Namespace is invalid, not even the Namespace', async () => {
    const fresh = uniqueName('adv-new');
    const objects = [namespaceObject(fresh), configMap('settings', fresh), deployment('web', fresh, -1)];
    const result = await plan(objects);
    assert.equal(result.plan.problems.length, 1, JSON.stringify(result.plan.problems));
    assert.match(result.plan.problems[0]?.message ?? '', /^Deployment\/.+\/web dry-run failed \(Invalid\): .*spec\.replicas/);
    assert.equal(result.plan.problems[0]?.source?.line, 21);
    await assert.rejects(
      apply(objects),
      (e: unknown) => e instanceof ApplyRefusedError && /Nothing was applied/.test(e.message) && /deploy\/app\.yaml:21/.test(e.message),
    );
    assert.equal(await exists('namespace', fresh), false, 'the Namespace was not created');
  });

  it('validates objects of a new Namespace by a dry-run elsewhere, says what it could not check, and applies them', async () => {
    const fresh = uniqueName('adv-new');
    cleanups.push(async () => void (await c.kubectl(['delete', 'namespace', fresh, '--wait=false', '--ignore-not-found'])));
    const objects = [namespaceObject(fresh), configMap('settings', fresh), deployment('web', fresh, 2)];
    const result = await plan(objects);
    assert.deepEqual(result.plan.problems, []);
    const web = result.plan.entries.find((e) => e.ref.kind === 'Deployment');
    assert.equal(web?.action, 'create');
    assert.match(
      web?.notes.join(' ') ?? '',
      new RegExp(`Validated by a server-side dry-run in the existing namespace ${ns.name}; not checked before the apply: its ResourceQuotas, LimitRanges`),
    );
    const report = await apply(objects, { target: `${ns.name}-fresh` });
    assert.equal(report.succeeded, true, JSON.stringify(report.outcome.failed));
    assert.equal(await exists('deployment', 'web', fresh), true);
    assert.equal(await exists('deployment', 'web', ns.name), false, 'the stand-in namespace got nothing');
  });

  it('creates nothing when a custom resource is invalid against the schema of its new CRD, and names the field', async () => {
    const group = `${uniqueName('adv')}.example.com`;
    const objects = [widgetCrd(group), widget(group, { replicas: 'two', port: 'http', colour: 'red' }), configMap('unrelated')];
    const result = await plan(objects);
    assert.equal(result.plan.problems.length, 1, JSON.stringify(result.plan.problems));
    const message = result.plan.problems[0]?.message ?? '';
    assert.match(
      message,
      new RegExp(
        `^Widget\\.${group.replaceAll('.', '\\.')}/${ns.name}/gadget is invalid against the schema of its CustomResourceDefinition widgets\\.${group.replaceAll('.', '\\.')}: `,
      ),
    );
    assert.match(message, /\.spec\.replicas: must be integer/);
    assert.match(message, /\.spec\.colour: unknown field/);
    await assert.rejects(
      apply(objects),
      (e: unknown) => e instanceof ApplyRefusedError && /deploy\/app\.yaml:11: Widget\.[a-z0-9.-]+\/.*\.spec\.replicas: must be integer/.test(e.message),
    );
    assert.equal(await exists('crd', `widgets.${group}`), false, 'the CRD was not created');
    assert.equal(await exists('configmap', 'unrelated', ns.name), false, 'the unrelated ConfigMap was not created');
  });

  it('applies a custom resource that is valid against the schema of its new CRD', async () => {
    const group = `${uniqueName('adv')}.example.com`;
    cleanups.push(async () => void (await c.kubectl(['delete', 'crd', `widgets.${group}`, '--wait=false', '--ignore-not-found'])));
    const objects = [widgetCrd(group), widget(group, { replicas: 2, port: 8080 })];
    const result = await plan(objects, { target: `${ns.name}-crd` });
    assert.deepEqual(result.plan.problems, []);
    assert.match(result.plan.entries.find((e) => e.ref.kind === 'Widget')?.notes.join(' ') ?? '', /Validated against the openAPIV3Schema of widgets\./);
    const report = await apply(objects, { target: `${ns.name}-crd` });
    assert.equal(report.succeeded, true, JSON.stringify(report.outcome.failed));
    assert.equal(await exists(`widgets.${group}`, 'gadget', ns.name), true);
  });

  it('keeps the old Job when a replacement changes an immutable field and its new manifest is invalid', async () => {
    const target = `${ns.name}-job`;
    const first = await apply([job('migrate', 'registry.example/migrate:1')], { target });
    assert.equal(first.succeeded, true, JSON.stringify(first.outcome.failed));
    const uid = (await live('job', 'migrate')).metadata.uid;
    const invalid = job('migrate', 'registry.example/migrate:2', 'Always');
    const result = await plan([invalid], { target });
    assert.equal(result.plan.problems.length, 1, JSON.stringify(result.plan.entries.map((e) => e.action)));
    assert.match(
      result.plan.problems[0]?.message ?? '',
      /^Job\/.+\/migrate cannot be replaced: .*the live object is kept \(Invalid: Job\.batch "migrate" is invalid: .*restartPolicy/,
    );
    await assert.rejects(apply([invalid], { target }), ApplyRefusedError);
    assert.equal((await live('job', 'migrate')).metadata.uid, uid, 'the old Job is still there');
  });

  it('checks the new manifest again before deleting at apply time, and keeps the old object when it fails', async () => {
    const target = `${ns.name}-job`;
    const types = await c.client().resourceTypes();
    const jobType = types.find((t) => t.group === 'batch' && t.kind === 'Job');
    assert.ok(jobType);
    const invalid = {
      ...job('migrate', 'registry.example/migrate:3', 'Always'),
      metadata: { name: 'migrate', namespace: ns.name, labels: { [PART_OF_LABEL]: applySetId(parentName(target), ns.name) } },
    };
    const change: PlannedChange = { entry: { ref: refOf(invalid), action: 'replace', notes: [], conflicts: [] }, desired: invalid, type: jobType };
    const uid = (await live('job', 'migrate')).metadata.uid;
    const outcome = await applyChanges([change], c.client(), {
      fieldManager: 'kube-gitops',
      forceConflicts: false,
      concurrency: 2,
      crdTimeoutMs: 60_000,
      logger: new RecordingLogger(),
      redactor: new SecretRedactor(),
    });
    assert.equal(outcome.failed.map((f) => f.cause).join(), 'invalid', 'one failure, typed invalid from the real server');
    assert.match(outcome.failed[0]?.message ?? '', /Job\/.+\/migrate apply failed \(Invalid\): Job\.batch "migrate" is invalid/);
    assert.equal((await live('job', 'migrate')).metadata.uid, uid, 'the old Job is still there');
  });

  it('replaces nothing when another write of the same stage fails', async () => {
    const types = await c.client().resourceTypes();
    const jobType = types.find((t) => t.group === 'batch' && t.kind === 'Job');
    const cmType = types.find((t) => t.group === '' && t.kind === 'ConfigMap');
    assert.ok(jobType && cmType);
    const valid = { ...job('migrate', 'registry.example/migrate:4'), metadata: { name: 'migrate', namespace: ns.name } };
    const broken: KubeObject = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'broken', namespace: ns.name }, data: { 'not a key!': 'x' } };
    const changes: PlannedChange[] = [
      { entry: { ref: refOf(valid), action: 'replace', notes: [], conflicts: [] }, desired: valid, type: jobType },
      { entry: { ref: refOf(broken), action: 'create', notes: [], conflicts: [] }, desired: broken, type: cmType },
    ];
    const uid = (await live('job', 'migrate')).metadata.uid;
    const logger = new RecordingLogger();
    const outcome = await applyChanges(changes, c.client(), {
      fieldManager: 'kube-gitops',
      forceConflicts: false,
      concurrency: 2,
      crdTimeoutMs: 60_000,
      logger,
      redactor: new SecretRedactor(),
    });
    assert.deepEqual(
      outcome.failed.map((f) => f.ref.name),
      ['broken'],
    );
    assert.deepEqual(outcome.applied, []);
    assert.ok(logger.hasMessage('1 replacement(s) not started because another write of this stage failed; the old objects are kept.'));
    assert.equal((await live('job', 'migrate')).metadata.uid, uid, 'the Job was not replaced');
  });

  it("refuses a manifest Secret named like the target's ApplySet parent instead of merging it into the inventory", async () => {
    const target = `${ns.name}-parent`;
    const impostor: KubeObject = {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: parentName(target), annotations: { 'applyset.kubernetes.io/contains-group-kinds': 'Namespace' } },
      stringData: { a: 'b' },
    };
    const objects = [impostor, configMap('beside-impostor')];
    const result = await plan(objects, { target });
    assert.deepEqual(
      result.plan.problems.map((p) => [p.message, p.source?.line]),
      [
        [
          `Secret/${ns.name}/${parentName(target)} is the name of this target's ApplySet parent, where kube-gitops records what the target owns; a manifest cannot define it. Rename the Secret.`,
          1,
        ],
      ],
    );
    await assert.rejects(apply(objects, { target }), ApplyRefusedError);
    assert.equal(await exists('secret', parentName(target), ns.name), false);
    assert.equal(await exists('configmap', 'beside-impostor', ns.name), false);
  });

  it("refuses an object of another target's ApplySet in plan and apply, and adopts it only when adopt is true", async () => {
    const first = `${ns.name}-one`;
    const second = `${ns.name}-two`;
    const shared = configMap('shared');
    const applied = await apply([shared, configMap('only-one')], { target: first });
    assert.equal(applied.succeeded, true, JSON.stringify(applied.outcome.failed));
    const firstId = applySetId(parentName(first), ns.name);

    const result = await plan([shared], { target: second });
    assert.deepEqual(
      result.plan.problems.map((p) => p.message),
      [
        `ConfigMap/${ns.name}/shared belongs to another ApplySet ${firstId} (parent Secret ${ns.name}/${parentName(first)}, kube-gitops/0.1.0-test): kube-gitops will not take it over, since that set's next prune could delete it. Remove it from one of the two targets, or set adopt: true to move it to this target.`,
      ],
    );
    await assert.rejects(apply([shared], { target: second }), ApplyRefusedError);
    assert.equal(((await live('configmap', 'shared')).metadata.labels as Record<string, string>)[PART_OF_LABEL], firstId);
    assert.equal(await exists('secret', parentName(second), ns.name), false, 'no parent was written for the second target');

    const adopted = await apply([shared], { target: second, adopt: true });
    assert.equal(adopted.succeeded, true, JSON.stringify(adopted.outcome.failed));
    assert.match(adopted.planResult.plan.entries[0]?.notes.join(' ') ?? '', /Adopted from ApplySet .* \(adopt: true\)/);
    assert.equal(((await live('configmap', 'shared')).metadata.labels as Record<string, string>)[PART_OF_LABEL], applySetId(parentName(second), ns.name));
    const pruning = await apply([configMap('only-one')], { target: first });
    assert.equal(pruning.succeeded, true);
    assert.equal(await exists('configmap', 'shared', ns.name), true, 'the first target no longer prunes the adopted object');
  });

  it('reads no object that the dry-run says it would create', async () => {
    const counting = countingGets(c.client());
    const result = await plan([configMap('fresh-a'), configMap('fresh-b'), configMap('fresh-c')], { target: `${ns.name}-cheap` }, counting.client);
    assert.deepEqual(result.plan.problems, []);
    // The parent, and (a first plan: no parent yet) the namespace it will live in.
    assert.deepEqual(counting.gets, [`Secret/${parentName(`${ns.name}-cheap`)}`, `Namespace/${ns.name}`]);
  });
});
