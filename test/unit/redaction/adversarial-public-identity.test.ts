// A Secret value can hide nothing public: identities, keys and labels read as written in every
// output (public-text.ts states the rule), while the same value copied into a value of another
// object stays hidden. Each case is a way a pull request once blinded its own plan.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RecordingLogger } from '../../../src/model/logger.js';
import type { KubeObject } from '../../../src/objects/kube-object.js';
import { planFromManifests } from '../../../src/plan/git-planner.js';
import { maskPlan, registerSecrets } from '../../../src/plan/mask-plan.js';
import type { Plan } from '../../../src/model/plan.js';
import { RedactingLogger } from '../../../src/redaction/redacting-logger.js';
import { secretFragments } from '../../../src/redaction/secret-fragments.js';
import { SecretRedactor } from '../../../src/redaction/secret-redactor.js';
import { renderPlanJson, renderPlanMarkdown } from '../../../src/render/plan-markdown.js';
import { leaksIn } from '../../support/secret-leaks.js';

const at = (objects: KubeObject[]) => objects.map((object, i) => ({ object, source: { file: `deploy/${i}.yaml`, line: 1 } }));
const options = (redactor: SecretRedactor) => ({ target: 'production', commit: '3f2a9c1e5d', reason: 'unit test', namespace: 'shop', redactor });
/** What the Action posts: the rendered comment passed through the run's redactor once more. */
const comment = (plan: Plan, redactor: SecretRedactor) => redactor.redactString(renderPlanMarkdown(plan, { marker: '<!-- m -->', maxBytes: 65_000 }));

const payments: KubeObject = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'payments', namespace: 'prod-eu', labels: { app: 'payments' } },
  spec: {
    selector: { matchLabels: { app: 'payments' } },
    template: { metadata: { labels: { app: 'payments' } }, spec: { containers: [{ name: 'payments', image: 'ghcr.io/shop/payments:1.2' }] } },
  },
};
const secret = (name: string, stringData: Record<string, string>, namespace = 'shop'): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Secret',
  metadata: { name, namespace },
  stringData,
});

describe('identities, keys and labels are public; copies of Secret values into values are not', () => {
  it('shows the deletion a Secret value holding the deleted identity once hid, in the table, the summary line, the diff, the plan file and the log', () => {
    const redactor = new SecretRedactor();
    const blinder = secret('blinder', { lines: 'a: Deployment\nb: payments\nc: prod-eu\n' });
    const plan = planFromManifests(at([payments]), at([blinder]), options(redactor));
    const md = comment(plan, redactor);
    assert.match(md, /\| 🗑️ delete \| Deployment \| prod-eu \| payments \|/);
    assert.match(md, /<summary>🗑️ delete <code>Deployment\/prod-eu\/payments<\/code><\/summary>/);
    for (const line of ['-kind: Deployment', '-  name: payments', '-  namespace: prod-eu', '-    app: payments', '-      app: payments']) {
      assert.ok(md.includes(line), `the diff shows ${line}`);
    }
    assert.ok(md.includes('-        - image: ghcr.io/shop/(value hidden):1.2'), 'values elsewhere stay hidden');
    assert.ok(!md.includes('name hidden'));
    assert.match(redactor.redactString(renderPlanJson(plan)), /"name": "payments"/);
    const recorded = new RecordingLogger();
    new RedactingLogger(recorded, redactor).info('deleted Deployment/prod-eu/payments (3 ms)');
    assert.equal(recorded.records[0]?.message, 'deleted Deployment/prod-eu/payments (3 ms)');
  });

  it('still hides a value that equals a name where it is copied into another object as a value, under any key', () => {
    const redactor = new SecretRedactor();
    const copy: KubeObject = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'copy', namespace: 'shop' },
      data: { service: 'payments', name: 'payments', kind: 'payments' },
    };
    const plan = planFromManifests([], at([payments, secret('db', { user: 'payments' }), copy]), options(redactor));
    const data = plan.entries.find((e) => e.ref.name === 'copy')?.after?.data;
    assert.deepEqual(data, { service: '(value hidden)', name: '(value hidden)', kind: '(value hidden)' });
    assert.match(comment(plan, redactor), /\+  service: \(value hidden\)/);
  });

  it('keeps Secret kinds and the namespace readable when a SOPS file fed to a secretGenerator decrypts to them', () => {
    const redactor = new SecretRedactor();
    redactor.add(secretFragments('kind=Secret\nnamespace=prod-eu\nrole=Deployment\n'));
    const generated = secret('db-6f7c2k9h8t', { password: 'Gen3rated-Pw' }, 'prod-eu');
    const plan = planFromManifests([], at([generated, payments]), options(redactor));
    plan.problems.push({ ref: plan.entries[0]?.ref, message: 'Secret/prod-eu/db-6f7c2k9h8t dry-run failed (Invalid): Secret "db-6f7c2k9h8t" is invalid' });
    maskPlan(plan, [], redactor);
    const md = comment(plan, redactor);
    assert.match(md, /\| ✨ create \| Secret \| prod-eu \| db-6f7c2k9h8t \|/);
    assert.match(md, /\| ✨ create \| Deployment \| prod-eu \| payments \|/);
    assert.ok(md.includes('Secret/prod-eu/db-6f7c2k9h8t dry-run failed (Invalid): Secret "db-6f7c2k9h8t" is invalid'));
    assert.deepEqual(leaksIn(md, ['Gen3rated-Pw']), []);
  });

  it('keeps a key and a label holding a 5-character password readable, and hides the password copied as a value', () => {
    const redactor = new SecretRedactor();
    const app: KubeObject = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'app', namespace: 'shop', labels: { 'admin-tier': 'admins-only' }, annotations: { 'admin-note': 'admin' } },
      data: { 'admin-password': 'see the Secret', copied: 'admin', sentence: 'log in as admin' },
    };
    const plan = planFromManifests([], at([secret('db', { password: 'admin' }), app]), options(redactor));
    const entry = plan.entries.find((e) => e.ref.name === 'app');
    assert.deepEqual(entry?.after?.data, { 'admin-password': 'see the Secret', copied: '(value hidden)', sentence: 'log in as (value hidden)' });
    assert.deepEqual(entry?.after?.metadata.labels, { 'admin-tier': 'admins-only' });
    assert.deepEqual(entry?.after?.metadata.annotations, { 'admin-note': '(value hidden)' });
    const md = comment(plan, redactor);
    for (const shown of ['+  admin-password: see the Secret', '+    admin-tier: admins-only', '+    admin-note: (value hidden)', '+  copied: (value hidden)']) {
      assert.ok(md.includes(shown), `the comment shows ${shown}`);
    }
    const recorded = new RecordingLogger();
    new RedactingLogger(recorded, redactor).error('ConfigMap/shop/app: data[admin-password] is refused: value "admin"');
    assert.equal(recorded.records[0]?.message, 'ConfigMap/shop/app: data[admin-password] is refused: value "(value hidden)"');
  });
  it('takes no public text from managedFields, whose keys quote values from lists: a Secret value quoted there stays hidden', () => {
    const redactor = new SecretRedactor();
    const live: KubeObject = {
      ...payments,
      metadata: {
        ...payments.metadata,
        managedFields: [
          { manager: 'kube-gitops', operation: 'Apply', fieldsV1: { 'f:spec': { 'f:containers': { 'k:{"name":"tok-9f2c4e7d1a"}': { '.': {} } } } } },
        ],
      },
    };
    registerSecrets([live, secret('api', { token: 'tok-9f2c4e7d1a' })], redactor);
    assert.equal(
      redactor.redactString('the field k:{"name":"tok-9f2c4e7d1a"} is owned by kube-gitops'),
      'the field k:{"name":"(value hidden)"} is owned by kube-gitops',
    );
    // The object's own keys and identity stay public.
    assert.equal(redactor.redactString('Deployment/prod-eu/payments'), 'Deployment/prod-eu/payments');
  });
});
