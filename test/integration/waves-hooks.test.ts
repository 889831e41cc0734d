// Waves and hooks against the local control plane: a migration Job as a pre-apply hook that reads
// the change's ConfigMap, a Deployment in wave 0 and a Service in wave 1; when the hook runs again;
// a hook that never completes; prune in reverse wave order; Argo CD and Helm annotations.
// kwok completes Job pods; the never-ready marker label keeps a pod (and so its Job) from completing.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { RecordingLogger } from '../../src/model/logger.js';
import { isJsonObject, type KubeObject } from '../../src/objects/kube-object.js';
import { renderApplyMarkdown } from '../../src/render/apply-markdown.js';
import { runApply, type ApplyReport, type ApplySettings } from '../../src/run/apply-run.js';
import { NEVER_READY_LABEL } from '../cluster/kwok-stages.js';
import { testCluster, testNamespace, type TestCluster } from '../support/test-cluster.js';
import { testApplySettings } from '../support/test-settings.js';

type Annotations = Record<string, string>;
interface Style {
  hook: Annotations;
  wave: (n: number) => Annotations;
}
const OURS: Style = { hook: { 'kube-gitops.io/hook': 'pre-apply' }, wave: (n: number): Annotations => ({ 'kube-gitops.io/apply-wave': String(n) }) };
const ARGO: Style = { hook: { 'argocd.argoproj.io/hook': 'PreSync' }, wave: (n: number): Annotations => ({ 'argocd.argoproj.io/sync-wave': String(n) }) };

const configMap = (name: string): KubeObject => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, data: { DATABASE_HOST: 'db.example' } });
function migrationJob(annotations: Annotations, podLabels: Record<string, string> = {}): KubeObject {
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name: 'migrate', annotations },
    spec: {
      backoffLimit: 0,
      template: {
        metadata: { labels: { app: 'migrate', ...podLabels } },
        spec: { restartPolicy: 'Never', containers: [{ name: 'migrate', image: 'migrate:1', envFrom: [{ configMapRef: { name: 'db-config' } }] }] },
      },
    },
  };
}
function deployment(image: string, annotations: Annotations): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', annotations },
    spec: {
      replicas: 1,
      selector: { matchLabels: { app: 'web' } },
      template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image }] } },
    },
  };
}
const service = (name: string, annotations: Annotations): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name, annotations },
  spec: { selector: { app: 'web' }, ports: [{ port: 80 }] },
});

describe('waves and hooks against the local control plane', () => {
  let c: TestCluster;
  const cleanups: (() => Promise<void>)[] = [];
  let commit = 0;

  before(async () => {
    c = await testCluster();
  });
  after(async () => {
    for (const cleanup of cleanups) await cleanup();
  });

  async function namespace(prefix: string): Promise<ApplySettings> {
    const ns = await testNamespace(prefix);
    cleanups.push(ns.cleanup);
    return testApplySettings({ target: ns.name, commit: '', namespace: ns.name, concurrency: 4, timeoutMs: 60_000 });
  }

  async function apply(settings: ApplySettings, objects: KubeObject[]): Promise<{ report: ApplyReport; log: string[] }> {
    const logger = new RecordingLogger();
    const desired = objects.map((object, i) => ({ object, source: { file: 'deploy/app.yaml', line: 1 + i * 20 } }));
    const sha = `${String(++commit).padStart(2, '0')}${'b'.repeat(38)}`;
    const client = c.client();
    try {
      const report = await runApply(desired, { ...settings, commit: sha }, { client, logger, version: '0.0.0-test', now: () => new Date() });
      return { report, log: logger.messages() };
    } finally {
      await client.close();
    }
  }

  async function live(settings: ApplySettings, kind: string, name: string): Promise<KubeObject | undefined> {
    const out = await c.kubectl(['get', kind, name, '-n', settings.namespace, '-o', 'json', '--ignore-not-found']);
    return out.trim() === '' ? undefined : (JSON.parse(out) as KubeObject);
  }

  function field(obj: KubeObject | undefined, ...path: string[]): string {
    let value: unknown = obj;
    for (const p of path) value = isJsonObject(value) ? value[p] : undefined;
    return typeof value === 'string' ? value : '';
  }

  /** The position of the first log line matching `pattern`; fails when there is none. */
  function at(log: string[], pattern: RegExp): number {
    const i = log.findIndex((l) => pattern.test(l));
    assert.ok(i >= 0, `no log line matches ${String(pattern)}:\n${log.join('\n')}`);
    return i;
  }

  async function migrationScenario(style: Style, prefix: string): Promise<void> {
    const settings = await namespace(prefix);
    const ns = settings.namespace;
    const manifests = (image: string) => [configMap('db-config'), migrationJob(style.hook), deployment(image, style.wave(0)), service('web', style.wave(1))];

    const first = await apply(settings, manifests('web:1'));
    assert.equal(first.report.succeeded, true, first.log.join('\n'));
    const { log } = first;
    const esc = ns.replace(/-/g, '\\-');
    assert.ok(at(log, new RegExp(`^create ConfigMap/${esc}/db-config`)) < at(log, new RegExp(`^created Job/${esc}/migrate$`)), 'the ConfigMap before the Job');
    assert.ok(
      at(log, new RegExp(`^Job/${esc}/migrate is healthy`)) < at(log, new RegExp(`^create Deployment/${esc}/web`)),
      'the Job complete before the Deployment',
    );
    assert.ok(
      at(log, new RegExp(`^Deployment/${esc}/web is healthy`)) < at(log, new RegExp(`^create Service/${esc}/web`)),
      'the Service after the Deployment is available',
    );

    const job = await live(settings, 'job', 'migrate');
    const cm = await live(settings, 'configmap', 'db-config');
    const web = await live(settings, 'deployment', 'web');
    const svc = await live(settings, 'service', 'web');
    assert.ok(field(cm, 'metadata', 'creationTimestamp') <= field(job, 'metadata', 'creationTimestamp'));
    assert.ok(field(job, 'status', 'completionTime') !== '' && field(job, 'status', 'completionTime') <= field(web, 'metadata', 'creationTimestamp'));
    assert.ok(field(web, 'metadata', 'creationTimestamp') <= field(svc, 'metadata', 'creationTimestamp'));
    const uid = field(job, 'metadata', 'uid');

    const rerun = await apply(settings, manifests('web:1'));
    assert.equal(rerun.report.succeeded, true);
    assert.deepEqual(rerun.report.hooks, [], 'a re-run with nothing to do runs no hook');
    assert.equal(field(await live(settings, 'job', 'migrate'), 'metadata', 'uid'), uid, 'the same Job');

    const changed = await apply(settings, manifests('web:2'));
    assert.equal(changed.report.succeeded, true, changed.log.join('\n'));
    const again = await live(settings, 'job', 'migrate');
    assert.notEqual(field(again, 'metadata', 'uid'), uid, 'the hook ran again as a new Job');
    assert.ok(
      at(changed.log, new RegExp(`^Job/${esc}/migrate is healthy`)) < at(changed.log, new RegExp(`^update Deployment/${esc}/web`)),
      'before the rollout',
    );
  }

  it('creates the ConfigMap, runs the migration Job to completion, then rolls out the Deployment, then the Service; a re-run does not run the Job, a change does', async () => {
    await migrationScenario(OURS, 'hooks');
  });

  it('behaves the same with Argo CD PreSync and sync-wave annotations', async () => {
    await migrationScenario(ARGO, 'argo');
  });

  it('runs a Helm pre-install/pre-upgrade hook and deletes it once it succeeded (hook-succeeded)', async () => {
    const settings = await namespace('helm');
    const helm = {
      'helm.sh/hook': 'pre-install,pre-upgrade',
      'helm.sh/hook-weight': '-5',
      'helm.sh/hook-delete-policy': 'before-hook-creation,hook-succeeded',
    };
    const { report, log } = await apply(settings, [configMap('db-config'), migrationJob(helm), deployment('web:1', {})]);

    assert.equal(report.succeeded, true, log.join('\n'));
    assert.deepEqual(
      report.hooks.map((h) => `${h.phase} ${h.ref.name} ${h.state} deleted=${String(h.deleted)}`),
      ['pre-apply migrate succeeded deleted=true'],
    );
    assert.equal(await live(settings, 'job', 'migrate'), undefined);
    const rerun = await apply(settings, [configMap('db-config'), migrationJob(helm), deployment('web:1', {})]);
    assert.deepEqual(rerun.report.hooks, [], 'deleted after success, it still does not run on a re-run with nothing to do');
  });

  it('fails the run when a pre-apply hook never completes: the Deployment keeps its image, nothing is pruned, the summary names the Job and its pod', async () => {
    const settings = await namespace('stuck');
    const first = await apply(settings, [configMap('db-config'), configMap('old'), migrationJob(OURS.hook), deployment('web:1', OURS.wave(0))]);
    assert.equal(first.report.succeeded, true, first.log.join('\n'));

    const stuck = migrationJob(OURS.hook, { [NEVER_READY_LABEL]: 'true' });
    const { report } = await apply({ ...settings, timeoutMs: 8_000 }, [configMap('db-config'), stuck, deployment('web:2', OURS.wave(0))]);

    assert.equal(report.succeeded, false);
    assert.equal(report.prune, undefined);
    assert.equal(report.stoppedAt, `pre-apply hook Job/${settings.namespace}/migrate`);
    const web = await live(settings, 'deployment', 'web');
    const containers =
      isJsonObject(web?.spec) && isJsonObject(web.spec.template) && isJsonObject(web.spec.template.spec) ? web.spec.template.spec.containers : [];
    assert.deepEqual(Array.isArray(containers) ? containers.map((x) => (isJsonObject(x) ? x.image : '')) : [], ['web:1']);
    assert.ok(await live(settings, 'configmap', 'old'), 'the ConfigMap that left the manifests is not pruned');
    const pods = (await c.kubectl(['get', 'pods', '-n', settings.namespace, '-l', 'app=migrate', '-o', 'jsonpath={.items[*].metadata.name}']))
      .trim()
      .split(/\s+/);
    const summary = renderApplyMarkdown(report, { marker: '<!-- test -->', target: settings.target, commit: 'f'.repeat(40) });
    assert.ok(summary.includes(`\`Job/${settings.namespace}/migrate\``), summary);
    assert.ok(pods.length === 1 && pods[0] && summary.includes(`pod ${pods[0]}`), `the summary names the pod ${pods.join(', ')}:\n${summary}`);
    assert.ok(summary.includes(`git revert ${'f'.repeat(40)}`));
  });

  it('prunes the objects that left the manifests in reverse wave order', async () => {
    const settings = await namespace('waves');
    const first = await apply(settings, [
      service('zero', OURS.wave(0)),
      service('one', OURS.wave(1)),
      service('two', OURS.wave(2)),
      service('stays', OURS.wave(3)),
    ]);
    assert.equal(first.report.succeeded, true, first.log.join('\n'));

    const { report, log } = await apply(settings, [service('stays', OURS.wave(3)), configMap('db-config')]);
    assert.equal(report.succeeded, true, log.join('\n'));
    assert.deepEqual(
      log.filter((l) => l.startsWith('deleted ')),
      ['two', 'one', 'zero'].map((n) => `deleted Service/${settings.namespace}/${n}`),
    );
  });
});
