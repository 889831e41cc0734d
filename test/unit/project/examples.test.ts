// The example repositories under examples/ (examples/README.md) are complete and correct: each is
// loaded by the engine's loader exactly as its workflow's `path` says, and each workflow has the safe
// shape of the quick start (plan with the dry-run-only identity, apply only in a GitHub environment).
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { DesiredObject } from '../../../src/objects/desired-object.js';
import { SecretRedactor } from '../../../src/redaction/secret-redactor.js';
import { readActionYaml } from '../../../scripts/action-reference.js';
import { actionPin } from '../../../scripts/docs-pages.js';
import { actionSteps, exampleNames, loadExample, workflowJobs } from '../../support/example-repos.js';
import { withHelmOnPath } from '../../support/helm-binary.js';
import { withSopsOnPath } from '../../support/sops-binary.js';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../..');

/** Per example: per `path` its workflow uses, the objects it loads (`Kind/namespace/name`, sorted; `*` ends a generated suffix). */
const EXPECTED: Record<string, Record<string, string[]>> = {
  plain: { 'deploy/': ['ConfigMap/shop/web-settings', 'Deployment/shop/web', 'Namespace//shop', 'Service/shop/web'] },
  kustomize: { 'deploy/overlays/production': ['ConfigMap/shop/web-settings-*', 'Deployment/shop/web', 'Namespace//shop', 'Service/shop/web'] },
  helm: { 'deploy/': ['ConfigMap/shop/web-settings', 'Deployment/shop/web', 'Namespace//shop', 'Service/shop/web'] },
  sops: { 'deploy/': ['ConfigMap/shop/web-settings', 'Deployment/shop/web', 'Namespace//shop', 'Secret/shop/db', 'Service/shop/web'] },
  environments: {
    'deploy/overlays/staging': ['ConfigMap/shop-staging/web-settings-*', 'Deployment/shop-staging/web', 'Namespace//shop-staging', 'Service/shop-staging/web'],
    'deploy/overlays/production': [
      'ConfigMap/shop-production/web-settings-*',
      'Deployment/shop-production/web',
      'Namespace//shop-production',
      'Service/shop-production/web',
    ],
  },
};

function ids(objects: readonly DesiredObject[]): string[] {
  return objects.map((o) => `${o.object.kind}/${o.object.metadata.namespace ?? ''}/${o.object.metadata.name}`).sort();
}

function matches(actual: string[], expected: string[]): boolean {
  return actual.length === expected.length && expected.every((e, i) => (e.endsWith('*') ? actual[i]!.startsWith(e.slice(0, -1)) : actual[i] === e));
}

describe('the example repositories', () => {
  let restore: Array<() => void> = [];
  before(async () => {
    restore = [await withHelmOnPath(), await withSopsOnPath()];
  });
  after(() => restore.forEach((r) => r()));

  it('are each listed here with what they load, and nothing else is there', () => {
    // examples/fleet has a targets file rather than a workflow per target: fleet-example.test.ts checks it.
    assert.deepEqual(
      exampleNames().filter((name) => name !== 'fleet'),
      Object.keys(EXPECTED).sort(),
    );
  });

  for (const [example, byPath] of Object.entries(EXPECTED)) {
    it(`${example}: loads the objects its workflow's paths name`, async () => {
      const paths = new Set(Object.values(workflowJobs(example)).flatMap((j) => actionSteps(j).map((s) => s.with?.path ?? '')));
      assert.deepEqual([...paths].sort(), Object.keys(byPath).sort(), 'the workflow plans and applies these paths');
      for (const job of Object.values(workflowJobs(example))) {
        for (const step of actionSteps(job)) {
          const inputs = step.with ?? {};
          const loaded = ids(await loadExample(example, inputs));
          assert.ok(matches(loaded, byPath[inputs.path ?? '']!), `${example} ${inputs.path}: ${loaded.join(', ')}`);
        }
      }
    });

    it(`${example}: plans on pull requests with the dry-run identity and applies only in a GitHub environment`, () => {
      const action = readActionYaml(path.join(root, 'action.yml'));
      const jobs = Object.values(workflowJobs(example));
      const plans = jobs.filter((j) => j.if === "github.event_name == 'pull_request'");
      const applies = jobs.filter((j) => j.if === "github.event_name == 'push'");
      assert.equal(plans.length + applies.length, jobs.length, 'every job runs on one event');
      assert.equal(plans.length, Object.keys(EXPECTED[example]!).length, 'one plan per target');
      assert.equal(applies.length, plans.length, 'one apply per target');
      for (const job of [...plans, ...applies]) {
        const steps = actionSteps(job);
        assert.equal(steps.length, 1);
        assert.equal(steps[0]!.uses, actionPin(root));
        for (const key of Object.keys(steps[0]!.with ?? {})) assert.ok(key in action.inputs, `input '${key}' is declared in action.yml`);
      }
      for (const job of plans) {
        assert.equal(job.environment, undefined, 'a plan job is in no environment');
        assert.match(actionSteps(job)[0]!.with?.kubeconfig ?? '', /^\$\{\{ secrets\.KUBECONFIG_PLAN(_[A-Z]+)? \}\}$/);
        assert.equal(actionSteps(job)[0]!.with?.['sops-age-key'], undefined, 'pull requests never get the SOPS key');
      }
      for (const job of applies) {
        assert.ok(job.environment, 'an apply job is in an environment');
        assert.equal(job.concurrency?.['cancel-in-progress'], false);
        assert.equal(actionSteps(job)[0]!.with?.kubeconfig, '${{ secrets.KUBECONFIG }}', "the environment's secret");
      }
    });
  }

  it('sops: decrypts the Secret with the example key, registering its values with the redactor, and shows it encrypted without one', async () => {
    const redactor = new SecretRedactor();
    const decrypted = await loadExample('sops', { path: 'deploy/', namespace: 'shop', 'sops-age-key': 'the example key' }, redactor);
    const secret = decrypted.find((o) => o.object.kind === 'Secret')?.object as unknown as { stringData: Record<string, string> };
    assert.equal(secret.stringData.DATABASE_USER, 'shop');
    assert.equal(redactor.redactString('password: example-password-not-a-real-one').includes('example-password'), false, 'the value is hidden');
    const encrypted = await loadExample('sops', { path: 'deploy/', namespace: 'shop' });
    const shown = JSON.stringify(encrypted.find((o) => o.object.kind === 'Secret')?.object);
    assert.ok(!shown.includes('example-password-not-a-real-one'), 'no plain value without the key');
  });

  it('helm: renders the chart with the values file and the inline values, in the release namespace', async () => {
    const objects = await loadExample('helm', { path: 'deploy/', namespace: 'shop' });
    const deployment = objects.find((o) => o.object.kind === 'Deployment')?.object as unknown as {
      spec: { replicas: number; template: { spec: { containers: Array<{ image: string }> } } };
    };
    assert.equal(deployment.spec.replicas, 3, 'values-production.yaml');
    assert.equal(deployment.spec.template.spec.containers[0]!.image, 'nginx:1.27.3', "the chart's appVersion");
    const settings = objects.find((o) => o.object.kind === 'ConfigMap')?.object as unknown as { data: Record<string, string> };
    assert.equal(settings.data.currency, 'CHF', 'inline values come last');
  });
});
