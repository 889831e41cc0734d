import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { isJsonObject, type KubeObject } from '../../src/objects/kube-object.js';
import type { DesiredObject } from '../../src/objects/desired-object.js';
import { RecordingLogger } from '../../src/model/logger.js';
import { COMMIT_ANNOTATION, PART_OF_LABEL, applySetId, parentName } from '../../src/inventory/applyset.js';
import { planChanges } from '../../src/plan/planner.js';
import type { PlanSettings } from '../../src/plan/planned-change.js';
import { countActions } from '../../src/model/plan.js';
import { runApply, type ApplySettings } from '../../src/run/apply-run.js';
import { ApplyRefusedError } from '../../src/model/apply-refused.js';
import { testCluster, testNamespace, uniqueName, type TestCluster } from '../support/test-cluster.js';
import { testApplySettings } from '../support/test-settings.js';

function desired(objects: KubeObject[]): DesiredObject[] {
  return objects.map((object, i) => ({ object, source: { file: 'manifests/app.yaml', line: 1 + i * 10 } }));
}

function configMap(name: string, data: Record<string, string>): KubeObject {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, data } as KubeObject;
}

function deployment(name: string, image: string, selector: Record<string, string> = { app: name }): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name },
    spec: { replicas: 2, selector: { matchLabels: selector }, template: { metadata: { labels: selector }, spec: { containers: [{ name: 'app', image }] } } },
  } as KubeObject;
}

function service(name: string): KubeObject {
  return { apiVersion: 'v1', kind: 'Service', metadata: { name }, spec: { selector: { app: 'web' }, ports: [{ port: 80 }] } } as KubeObject;
}

const SECRET_PLAIN = 'hunter2-very-secret-password';
const SECRET_B64 = Buffer.from('db-token-0123456789').toString('base64');

function secret(): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: 'creds', annotations: { 'example.com/copied': SECRET_PLAIN } },
    stringData: { password: SECRET_PLAIN },
    data: { token: SECRET_B64 },
  } as KubeObject;
}

describe('plan and apply against the local control plane', () => {
  let c: TestCluster;
  let ns: { name: string; cleanup: () => Promise<void> };
  let settings: ApplySettings;
  let commit = 0;
  const nextCommit = () => `${String(++commit).padStart(2, '0')}${'a'.repeat(38)}`;

  before(async () => {
    c = await testCluster();
    ns = await testNamespace('plan');
    settings = testApplySettings({ target: ns.name, commit: '', namespace: ns.name, timeoutMs: 60_000 });
  });
  after(async () => ns.cleanup());

  async function snapshot(): Promise<Record<string, string>> {
    const out = await c.kubectl([
      'get',
      'configmaps,secrets,deployments,services',
      '-n',
      ns.name,
      '-o',
      'jsonpath={range .items[*]}{.kind}/{.metadata.name}={.metadata.resourceVersion}{"\\n"}{end}',
    ]);
    return Object.fromEntries(
      out
        .trim()
        .split('\n')
        .filter(Boolean)
        .map((l) => l.split('=') as [string, string]),
    );
  }

  async function plan(objects: KubeObject[], extra: Partial<PlanSettings> = {}) {
    return planChanges(desired(objects), c.client(), { ...settings, commit: nextCommit(), ...extra }, new RecordingLogger());
  }

  async function apply(objects: KubeObject[], extra: Partial<ApplySettings> = {}) {
    const logger = new RecordingLogger();
    const report = await runApply(
      desired(objects),
      { ...settings, commit: nextCommit(), ...extra },
      { client: c.client(), logger, version: '0.1.0-test', now: () => new Date('2026-11-22T10:00:00Z') },
    );
    return { report, logger };
  }

  const commitA = () => [configMap('settings', { mode: 'a' }), deployment('web', 'registry.example/web:1'), secret()];
  const commitB = () => [deployment('web', 'registry.example/web:2'), service('web'), secret()];

  it('plans creates against an empty namespace and writes nothing', async () => {
    const before = await snapshot();
    const result = await plan(commitA());
    assert.deepEqual(countActions(result.plan.entries), { create: 3, update: 0, replace: 0, delete: 0, unchanged: 0, retain: 0 });
    assert.deepEqual(result.plan.problems, []);
    assert.deepEqual(await snapshot(), before, 'every resourceVersion is the same after the plan');
  });

  it('never shows a Secret value, plain or base64, in the plan', async () => {
    const result = await plan(commitA());
    const text = JSON.stringify(result.plan);
    for (const value of [SECRET_PLAIN, Buffer.from(SECRET_PLAIN).toString('base64'), SECRET_B64, 'db-token-0123456789']) {
      assert.ok(!text.includes(value), `the plan must not contain ${value.slice(0, 4)}…`);
    }
    const entry = result.plan.entries.find((e) => e.ref.kind === 'Secret')!;
    assert.deepEqual(entry.after?.data, { password: '(value hidden, added)', token: '(value hidden, added)' });
    assert.equal((entry.after?.metadata.annotations as Record<string, string>)['example.com/copied'], '(value hidden)');
  });

  it('applies commit A: objects exist, carry the ApplySet label and roll out healthy', async () => {
    const { report } = await apply(commitA());
    assert.equal(report.succeeded, true, JSON.stringify(report.outcome.failed));
    assert.deepEqual(report.outcome.applied.map((a) => a.ref.kind).sort(), ['ConfigMap', 'Deployment', 'Secret']);
    assert.ok(report.health.find((h) => h.ref.kind === 'Deployment')?.state === 'healthy');
    const cm = JSON.parse(await c.kubectl(['get', 'configmap', 'settings', '-n', ns.name, '-o', 'json'])) as KubeObject;
    const id = applySetId(parentName(ns.name), ns.name);
    assert.equal((cm.metadata.labels as Record<string, string>)[PART_OF_LABEL], id);
    const parent = JSON.parse(await c.kubectl(['get', 'secret', parentName(ns.name), '-n', ns.name, '-o', 'json'])) as KubeObject;
    assert.equal((parent.metadata.annotations as Record<string, string>)[COMMIT_ANNOTATION], report.planResult.plan.commit);
  });

  it('plans nothing but unchanged objects when the cluster matches, and re-applying writes nothing', async () => {
    const result = await plan(commitA());
    assert.deepEqual(result.plan.entries.map((e) => `${e.action} ${e.ref.kind}`).sort(), ['unchanged ConfigMap', 'unchanged Deployment', 'unchanged Secret']);
    const before = await snapshot();
    const { report } = await apply(commitA());
    assert.deepEqual(report.outcome.applied, []);
    const afterSnap = await snapshot();
    delete before[`Secret/${parentName(ns.name)}`];
    delete afterSnap[`Secret/${parentName(ns.name)}`];
    assert.deepEqual(afterSnap, before, 'no member resourceVersion changed');
  });

  it('plans commit B as update, create and delete, then applies and prunes it', async () => {
    const result = await plan(commitB());
    const actions = Object.fromEntries(result.plan.entries.map((e) => [`${e.ref.kind}/${e.ref.name}`, e.action]));
    assert.deepEqual(actions, { 'ConfigMap/settings': 'delete', 'Deployment/web': 'update', 'Service/web': 'create', 'Secret/creds': 'unchanged' });
    const web = result.plan.entries.find((e) => e.ref.kind === 'Deployment')!;
    const image = (o: KubeObject | undefined) => JSON.stringify(o?.spec).match(/registry\.example\/web:\d/)?.[0];
    assert.equal(image(web.before), 'registry.example/web:1');
    assert.equal(image(web.after), 'registry.example/web:2');
    const { report } = await apply(commitB());
    assert.equal(report.succeeded, true);
    assert.deepEqual(
      report.prune?.deleted.map((r) => `${r.kind}/${r.name}`),
      ['ConfigMap/settings'],
    );
    assert.ok(!(await snapshot())['ConfigMap/settings']);
  });

  it('plans a change of an immutable field as a replace and applies it by deleting and creating', async () => {
    const changed = [deployment('web', 'registry.example/web:2', { app: 'web', track: 'stable' }), service('web'), secret()];
    const result = await plan(changed);
    const web = result.plan.entries.find((e) => e.ref.kind === 'Deployment')!;
    assert.equal(web.action, 'replace');
    assert.match(web.notes.join(' '), /immutable/);
    const { report } = await apply(changed);
    assert.equal(report.succeeded, true, JSON.stringify(report.outcome.failed));
    const live = JSON.parse(await c.kubectl(['get', 'deployment', 'web', '-n', ns.name, '-o', 'json'])) as KubeObject;
    assert.deepEqual((live.spec as { selector: unknown }).selector, { matchLabels: { app: 'web', track: 'stable' } });
  });

  it('refuses a plan with a field owned by another manager before the first write, naming the field and the manager; force-conflicts takes it over', async () => {
    await c.kubectl(['create', 'configmap', 'shared', '-n', ns.name, '--from-literal=k=theirs']);
    await c.kubectl(
      ['apply', '--server-side', '--field-manager=someone-else', '-n', ns.name, '-f', '-'],
      JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'shared' }, data: { k: 'theirs' } }),
    );
    const objects = [deployment('web', 'registry.example/web:3', { app: 'web', track: 'stable' }), secret(), configMap('shared', { k: 'ours' })];
    const result = await plan(objects);
    const shared = result.plan.entries.find((e) => e.ref.name === 'shared')!;
    assert.deepEqual(shared.conflicts.map((x) => x.manager).sort(), ['kubectl-create', 'someone-else']);
    assert.ok(result.plan.warnings.some((w) => w.includes('someone-else')));
    assert.equal(result.plan.entries.find((e) => e.ref.kind === 'Service')?.action, 'delete');
    const before = await snapshot();
    const refused = await apply(objects).then(
      () => assert.fail('the apply went ahead'),
      (error: unknown) => error,
    );
    assert.ok(refused instanceof ApplyRefusedError, String(refused));
    assert.equal(refused.input, 'force-conflicts');
    const [problem] = refused.details.problems ?? [];
    assert.match(problem?.message ?? '', /^ConfigMap\/[a-z0-9-]+\/shared: \.data\.k \(owned by (kubectl-create|someone-else)\)/);
    assert.match(problem?.message ?? '', /someone-else/);
    assert.deepEqual(problem?.source, { file: 'manifests/app.yaml', line: 21 }, 'the problem is at the manifest of the conflicting object');
    assert.deepEqual(await snapshot(), before, 'nothing was written: no object, not the Deployment before it, not the parent');
    const forced = await apply(objects, { forceConflicts: true });
    assert.equal(forced.report.succeeded, true, JSON.stringify(forced.report.outcome.failed));
    assert.equal(JSON.parse(await c.kubectl(['get', 'configmap', 'shared', '-n', ns.name, '-o', 'jsonpath={.data}'])).k, 'ours');
  });

  it('plans a new Job the same way every time: no selector or pod labels made from the dry-run uid', async () => {
    const job = {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name: 'migrate' },
      spec: {
        template: { metadata: { labels: { app: 'migrate' } }, spec: { restartPolicy: 'Never', containers: [{ name: 'm', image: 'registry.example/m:1' }] } },
      },
    } as KubeObject;
    const afterOf = async () => (await plan([job])).plan.entries.find((e) => e.ref.kind === 'Job')?.after;
    const [first, second] = [await afterOf(), await afterOf()];
    assert.ok(first);
    assert.deepEqual(first, second, 'two dry-runs of one new Job plan the same object');
    const text = JSON.stringify(first);
    assert.doesNotMatch(text, /controller-uid/);
    assert.match(text, /"batch\.kubernetes\.io\/job-name":"migrate"/, 'labels the server derives from the name stay');
  });

  it('runs a Job with ttlSecondsAfterFinished again only when its manifest changes, whether or not the cluster removed it yet', async () => {
    const job = (image: string) =>
      ({
        apiVersion: 'batch/v1',
        kind: 'Job',
        metadata: { name: 'once' },
        spec: { ttlSecondsAfterFinished: 0, template: { spec: { restartPolicy: 'Never', containers: [{ name: 'm', image }] } } },
      }) as KubeObject;
    const rest = [deployment('web', 'registry.example/web:2', { app: 'web', track: 'stable' })];
    // Whether the Job completes is kwok's affair, not this test's: no wait.
    const first = await apply([...rest, job('registry.example/once:1')], { forceConflicts: true, wait: false });
    assert.equal(first.report.succeeded, true, JSON.stringify(first.report.outcome.failed));
    const actionOf = async (objects: KubeObject[]) => (await plan(objects, { forceConflicts: true })).plan.entries.find((e) => e.ref.kind === 'Job');
    // Still there, or already removed by the TTL controller: the same plan either way.
    await c.kubectl(['delete', 'job', 'once', '-n', ns.name, '--ignore-not-found', '--wait=true']);
    const gone = await actionOf([...rest, job('registry.example/once:1')]);
    assert.equal(gone?.action, 'unchanged');
    assert.match(gone?.notes.join(' ') ?? '', /Not created again: it ran from this same manifest .*ttlSecondsAfterFinished/);
    const again = await apply([...rest, job('registry.example/once:1')], { forceConflicts: true, wait: false });
    assert.equal(again.report.outcome.applied.filter((a) => a.ref.kind === 'Job').length, 0, 'the Job is not run again');
    assert.equal(await c.kubectl(['get', 'job', 'once', '-n', ns.name, '--ignore-not-found', '-o', 'name']), '');
    const changed = await actionOf([...rest, job('registry.example/once:2')]);
    assert.equal(changed?.action, 'create', 'a changed manifest runs it again');
  });

  it('leaves protected members in place instead of pruning them', async () => {
    const protectedCm = configMap('keep-me', { a: '1' });
    protectedCm.metadata.annotations = { 'kube-gitops.io/prune': 'disabled' };
    const base = [deployment('web', 'registry.example/web:2', { app: 'web', track: 'stable' }), service('web'), secret()];
    const first = await apply([...base, protectedCm]);
    assert.equal(first.report.succeeded, true);
    const result = await plan(base);
    const keep = result.plan.entries.find((e) => e.ref.name === 'keep-me')!;
    assert.equal(keep.action, 'retain');
    const { report } = await apply(base);
    assert.equal(report.succeeded, true);
    assert.ok((await snapshot())['ConfigMap/keep-me']);
    assert.deepEqual(
      report.prune?.retained.map((r) => r.ref.name),
      ['keep-me'],
    );
  });

  it('refuses an empty manifest set unless allow-empty is true', async () => {
    await assert.rejects(apply([]), /allow-empty/);
  });

  it('reports an unknown kind as a per-object problem and applies nothing', async () => {
    const bogus = { apiVersion: 'example.com/v1', kind: 'Gizmo', metadata: { name: 'g' } } as KubeObject;
    const result = await plan([bogus, configMap('other', { a: '1' })]);
    assert.equal(result.plan.problems.length, 1);
    assert.match(result.plan.problems[0]!.message, /does not know kind Gizmo in example\.com\/v1/);
    await assert.rejects(apply([bogus, configMap('other', { a: '1' })]), /Nothing was applied/);
    assert.ok(!(await snapshot())['ConfigMap/other']);
  });

  it('keeps timestamps of live objects as the server sent them', async () => {
    const result = await plan([service('web')]);
    const entry = result.plan.entries.find((e) => e.ref.kind === 'Service')!;
    assert.ok(isJsonObject(entry.before ?? null));
  });
});

describe('a target whose only manifest is the Namespace its ApplySet parent lives in', () => {
  it('creates the Namespace first, then records the parent in it', async () => {
    const c = await testCluster();
    const name = uniqueName('ns-only');
    const namespace = { apiVersion: 'v1', kind: 'Namespace', metadata: { name } } as KubeObject;
    try {
      const report = await runApply(desired([namespace]), testApplySettings({ target: name, commit: 'c'.repeat(40), namespace: name, wait: false }), {
        client: c.client(),
        logger: new RecordingLogger(),
        version: '0.1.0-test',
        now: () => new Date('2026-12-01T10:00:00Z'),
      });
      assert.equal(report.succeeded, true, JSON.stringify(report.outcome.failed));
      const parent = JSON.parse(await c.kubectl(['get', 'secret', parentName(name), '-n', name, '-o', 'json'])) as KubeObject;
      assert.equal((parent.metadata.annotations as Record<string, string>)[COMMIT_ANNOTATION], 'c'.repeat(40));
    } finally {
      await c.kubectl(['delete', 'namespace', name, '--ignore-not-found', '--wait=false']);
    }
  });
});
