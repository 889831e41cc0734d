// Issue 13: the plan of a pull request and the apply of its merge agree (what one refuses the other
// refuses, in the same words; what one warns about the other logs), and neither shows or writes
// what the cluster would not keep: allocated node ports, a parent rewritten by a no-op re-run.
// Against the local control plane, one namespace per describe.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { GitHubEvent } from '../../src/action/github-event.js';
import { runPlanMode } from '../../src/action/plan-mode.js';
import { APPLIED_AT_ANNOTATION, COMMIT_ANNOTATION, parentName } from '../../src/inventory/applyset.js';
import { RecordingLogger } from '../../src/model/logger.js';
import type { DesiredObject } from '../../src/objects/desired-object.js';
import { isJsonObject, type KubeObject } from '../../src/objects/kube-object.js';
import { countActions } from '../../src/model/plan.js';
import { planChanges } from '../../src/plan/planner.js';
import type { PlanSettings } from '../../src/plan/planned-change.js';
import { SecretRedactor } from '../../src/redaction/secret-redactor.js';
import { ApplyRefusedError } from '../../src/model/apply-refused.js';
import { runApply, type ApplySettings } from '../../src/run/apply-run.js';
import { testCluster, testNamespace, uniqueName, type TestCluster } from '../support/test-cluster.js';
import { testApplySettings, testSettings } from '../support/test-settings.js';

function desired(objects: KubeObject[], file = 'deploy/app.yaml'): DesiredObject[] {
  return objects.map((object, i) => ({ object, source: { file, line: 1 + i * 10 } }));
}

function configMap(name: string, namespace?: string): KubeObject {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, ...(namespace ? { namespace } : {}) }, data: { a: '1' } } as KubeObject;
}

interface Target {
  c: TestCluster;
  ns: string;
  settings: ApplySettings;
  plan(objects: DesiredObject[], extra?: Partial<PlanSettings>): ReturnType<typeof planChanges>;
  apply(objects: DesiredObject[], extra?: Partial<ApplySettings>): Promise<{ report: Awaited<ReturnType<typeof runApply>>; logger: RecordingLogger }>;
  parent(): Promise<KubeObject>;
  cleanup(): Promise<void>;
}

let commits = 0;
const nextCommit = (): string => `${String(++commits).padStart(4, '0')}${'c'.repeat(36)}`;

async function target(prefix: string): Promise<Target> {
  const c = await testCluster();
  const ns = await testNamespace(prefix);
  const settings: ApplySettings = testApplySettings({ target: ns.name, commit: '', namespace: ns.name, concurrency: 4, wait: false, timeoutMs: 60_000 });
  return {
    c,
    ns: ns.name,
    settings,
    plan: (objects, extra = {}) => planChanges(objects, c.client(), { ...settings, commit: nextCommit(), ...extra }, new RecordingLogger()),
    apply: async (objects, extra = {}) => {
      const logger = new RecordingLogger();
      const report = await runApply(
        objects,
        { ...settings, commit: nextCommit(), ...extra },
        { client: c.client(), logger, version: '0.1.0-test', now: () => new Date() },
      );
      return { report, logger };
    },
    parent: async () => JSON.parse(await c.kubectl(['get', 'secret', parentName(ns.name), '-n', ns.name, '-o', 'json'])) as KubeObject,
    cleanup: ns.cleanup,
  };
}

async function refusal(run: Promise<unknown>): Promise<ApplyRefusedError> {
  try {
    await run;
  } catch (error) {
    if (error instanceof ApplyRefusedError) return error;
    throw error;
  }
  assert.fail('the apply was not refused');
}

describe('an empty desired state is refused by the plan as by the apply', () => {
  let t: Target;
  const root = mkdtempSync(path.join(os.tmpdir(), 'kg-agree-'));
  const files = { summary: path.join(root, 'summary.md'), output: path.join(root, 'output') };
  before(async () => {
    t = await target('agree-empty');
    await t.apply(desired([configMap('one'), configMap('two')]));
    writeFileSync(files.summary, '');
    writeFileSync(files.output, '');
    process.env.GITHUB_STEP_SUMMARY = files.summary;
    process.env.GITHUB_OUTPUT = files.output;
  });
  after(async () => {
    delete process.env.GITHUB_STEP_SUMMARY;
    delete process.env.GITHUB_OUTPUT;
    await t.cleanup();
  });

  it('lists the refusal as a plan problem with the words the apply refuses with, and carries it on the refusal', async () => {
    const plan = (await t.plan([])).plan;
    assert.equal(plan.problems.length, 1, JSON.stringify(plan.problems));
    const [problem] = plan.problems;
    assert.match(problem?.message ?? '', /The manifests are empty, which would prune all 2 object\(s\) this target owns\. Set allow-empty: true/);
    const refused = await refusal(t.apply([]));
    assert.equal(refused.message, `Nothing was applied: ${problem?.message}`);
    assert.equal(refused.input, 'allow-empty');
    assert.deepEqual(refused.details.problems, [problem]);
    assert.ok(refused.details.plan, 'the refusal carries the plan');
    assert.ok((await t.c.kubectl(['get', 'configmap', 'one', '-n', t.ns, '-o', 'name'])).includes('one'), 'nothing was pruned');
  });

  it('plans the deletions without a problem when allow-empty is true', async () => {
    const plan = (await t.plan([], { allowEmpty: true })).plan;
    assert.deepEqual(plan.problems, []);
    assert.equal(countActions(plan.entries).delete, 2);
  });

  it('fails plan mode on an empty manifest file, with the refusal in the log and the job summary', async () => {
    const workspace = mkdtempSync(path.join(root, 'ws-'));
    writeFileSync(path.join(workspace, 'empty.yaml'), '# everything was removed\n');
    const settings = testSettings({
      mode: 'plan',
      paths: ['.'],
      kubeconfig: t.c.kubeconfigText,
      namespace: t.ns,
      target: t.ns,
      inventoryNamespace: t.ns,
      wait: false,
      timeoutMs: 60_000,
      concurrency: 4,
      comment: false,
      workspace,
    });

    const event: GitHubEvent = {
      name: 'pull_request',
      payload: {},
      sha: 'e'.repeat(40),
      ref: 'refs/pull/3/merge',
      owner: 'octo',
      repo: 'app',
      apiUrl: 'https://api.github.invalid',
      serverUrl: 'https://github.invalid',
    };
    const logger = new RecordingLogger();
    const client = t.c.client();
    const { plan } = await runPlanMode(settings, event, { logger, makeClient: () => client, env: { RUNNER_TEMP: root }, redactor: new SecretRedactor() });
    await client.close();
    assert.equal(plan.problems.length, 1, 'main.ts fails the step on a plan problem');
    assert.ok(
      logger.messages('error').some((m) => m.includes('The manifests are empty, which would prune all 2 object(s)')),
      logger.messages().join('\n'),
    );
    assert.match(readFileSync(files.summary, 'utf8'), /The manifests are empty, which would prune all 2 object\(s\) this target owns/);
  });
});

describe('apply mode logs the plan warnings as plan mode does', () => {
  let t: Target;
  before(async () => (t = await target('agree-warn')));
  after(async () => t.cleanup());
  const role = (name: string): KubeObject =>
    ({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name, namespace: 'ignored-here' }, rules: [] }) as KubeObject;

  it('logs each plan warning as a warning right after planning, also when the apply is then refused', async () => {
    const name = `agree-warn-${t.ns}`;
    const bogus = { apiVersion: 'example.com/v1', kind: 'Gizmo', metadata: { name: 'g' } } as KubeObject;
    const logger = new RecordingLogger();
    const run = runApply(
      desired([role(name), bogus]),
      { ...t.settings, commit: nextCommit() },
      { client: t.c.client(), logger, version: '0.1.0-test', now: () => new Date() },
    );
    const refused = await refusal(run);
    const warning = logger.messages('warning').find((m) => m.includes(`ClusterRole/ignored-here/${name} is cluster-scoped`));
    assert.ok(warning, logger.messages().join('\n'));
    assert.deepEqual(refused.details.plan?.warnings, [warning], 'the refusal carries the plan with its warnings');
    assert.ok(refused.details.problems?.some((p) => /Gizmo/.test(p.message)));
  });
});

describe('a no-op re-run does not rewrite the ApplySet parent', () => {
  let t: Target;
  before(async () => (t = await target('agree-parent')));
  after(async () => t.cleanup());

  it('writes the parent when the commit changes, and leaves it alone when the same commit is applied again', async () => {
    const objects = desired([configMap('settings')]);
    const commit = nextCommit();
    assert.equal((await t.apply(objects, { commit })).report.succeeded, true);
    const first = await t.parent();
    const again = await t.apply(objects, { commit });
    assert.equal(again.report.succeeded, true);
    const second = await t.parent();
    assert.equal(second.metadata.resourceVersion, first.metadata.resourceVersion, 'the parent was written again');
    assert.equal(second.metadata.annotations?.[APPLIED_AT_ANNOTATION as never], first.metadata.annotations?.[APPLIED_AT_ANNOTATION as never]);

    const next = nextCommit();
    assert.equal((await t.apply(objects, { commit: next })).report.succeeded, true);
    const third = await t.parent();
    assert.notEqual(third.metadata.resourceVersion, first.metadata.resourceVersion);
    assert.ok(isJsonObject(third.metadata.annotations ?? null));
    assert.equal((third.metadata.annotations as Record<string, string>)[COMMIT_ANNOTATION], next, 'a new commit is recorded');
    assert.ok((third.metadata.annotations as Record<string, string>)[APPLIED_AT_ANNOTATION]);
  });
});

describe('the plan warns only about kinds the ApplySet records and nothing defines any more', () => {
  let t: Target;
  const group = `${uniqueName('agree')}.example.com`;
  const crd = (): KubeObject =>
    ({
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      metadata: { name: `widgets.${group}` },
      spec: {
        group,
        scope: 'Namespaced',
        names: { kind: 'Widget', plural: 'widgets', singular: 'widget', listKind: 'WidgetList' },
        versions: [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } } }],
      },
    }) as KubeObject;
  const widget = (): KubeObject => ({ apiVersion: `${group}/v1`, kind: 'Widget', metadata: { name: 'w' }, spec: { size: 1 } }) as KubeObject;
  const unserved = (warnings: readonly string[]) => warnings.filter((w) => w.includes('no longer serves'));
  before(async () => {
    t = await target('agree-crd');
    assert.equal((await t.apply(desired([configMap('base')]))).report.succeeded, true, 'the target has an ApplySet');
  });
  after(async () => {
    await t.c.kubectl(['delete', 'crd', `widgets.${group}`, '--ignore-not-found']);
    await t.cleanup();
  });

  it('gives no warning for the kinds of CRDs that a change adds together with their custom resources', async () => {
    const { plan } = await t.plan(desired([configMap('base'), crd(), widget()]));
    assert.deepEqual(plan.problems, []);
    assert.deepEqual(unserved(plan.warnings), []);
  });

  it('warns about a recorded kind whose CRD is gone, and not when the change defines it again', async () => {
    assert.equal((await t.apply(desired([configMap('base'), crd(), widget()]))).report.succeeded, true);
    await t.c.kubectl(['delete', 'crd', `widgets.${group}`, '--wait=true']);
    const gone = await t.plan(desired([configMap('base')]));
    assert.deepEqual(unserved(gone.plan.warnings), [
      `The ApplySet records Widget.${group}, which the cluster no longer serves: its objects cannot be listed or pruned.`,
    ]);
    const again = await t.plan(desired([configMap('base'), crd(), widget()]));
    assert.deepEqual(unserved(again.plan.warnings), []);
  });
});

describe("a Service's create diff shows no node ports the dry-run allocated", () => {
  let t: Target;
  before(async () => (t = await target('agree-svc')));
  after(async () => t.cleanup());
  const service = (name: string, spec: Record<string, unknown>): KubeObject =>
    ({ apiVersion: 'v1', kind: 'Service', metadata: { name }, spec: { selector: { app: name }, ...spec } }) as KubeObject;
  const specOf = (plan: Awaited<ReturnType<typeof planChanges>>['plan'], name: string): Record<string, unknown> => {
    const entry = plan.entries.find((e) => e.ref.name === name);
    assert.equal(entry?.action, 'create');
    assert.ok(isJsonObject(entry.after?.spec ?? null));
    return entry.after?.spec as Record<string, unknown>;
  };

  it('leaves out nodePort and healthCheckNodePort unless the manifest sets them', async () => {
    const fixed = 30_000 + Math.floor(Math.random() * 2700);
    const { plan } = await t.plan(
      desired([
        service('node', {
          type: 'NodePort',
          ports: [
            { name: 'http', port: 80 },
            { name: 'dns', port: 53, protocol: 'UDP' },
          ],
        }),
        service('balancer', { type: 'LoadBalancer', externalTrafficPolicy: 'Local', ports: [{ port: 443 }] }),
        service('pinned', {
          type: 'NodePort',
          ports: [
            { name: 'a', port: 80, nodePort: fixed },
            { name: 'b', port: 81 },
          ],
        }),
      ]),
    );
    assert.deepEqual(plan.problems, []);
    const node = specOf(plan, 'node');
    assert.deepEqual(
      (node.ports as Record<string, unknown>[]).map((p) => 'nodePort' in p),
      [false, false],
    );
    const balancer = specOf(plan, 'balancer');
    assert.equal('healthCheckNodePort' in balancer, false, JSON.stringify(balancer));
    assert.deepEqual(
      (balancer.ports as Record<string, unknown>[]).map((p) => 'nodePort' in p),
      [false],
    );
    const pinned = specOf(plan, 'pinned');
    assert.deepEqual(
      (pinned.ports as Record<string, unknown>[]).map((p) => p.nodePort),
      [fixed, undefined],
      'a nodePort the manifest sets is shown',
    );
  });
});

describe('a missing target namespace is one problem, not one per object', () => {
  let t: Target;
  before(async () => (t = await target('agree-nsmiss')));
  after(async () => t.cleanup());

  it('names the namespace, how many objects need it and their files, in the plan and in the refusal', async () => {
    const missing = uniqueName('absent');
    const objects = [
      ...desired([configMap('a', missing), configMap('b', missing)], 'deploy/a.yaml'),
      ...desired([configMap('c', missing), configMap('here')], 'deploy/b.yaml'),
    ];
    const { plan } = await t.plan(objects);
    assert.equal(plan.problems.length, 1, plan.problems.map((p) => p.message).join('\n'));
    const [problem] = plan.problems;
    assert.match(
      problem?.message ?? '',
      new RegExp(`^Namespace ${missing} does not exist, and 3 object\\(s\\) need it \\(in deploy/a\\.yaml, deploy/b\\.yaml\\)\\.`),
    );
    assert.deepEqual(problem?.source, { file: 'deploy/a.yaml', line: 1 });
    const refused = await refusal(t.apply(objects));
    assert.deepEqual(refused.details.problems, [problem]);
    assert.equal(refused.message, `Nothing was applied: deploy/a.yaml:1: ${problem?.message}`);
  });
});
