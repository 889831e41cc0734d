// Issue 12, class 1: Secret values never reach an output. Each case is a way a value that the
// plan hides inside its Secret could still be read elsewhere: nested in structured data, inside a
// longer string, or in one of the forms of base64. A value also written as a map key or an object
// name is public there and shown (public-text.ts); test/unit/redaction/adversarial-public-identity.test.ts tests that rule.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RecordingLogger } from '../../../src/model/logger.js';
import { isJsonObject, type KubeObject } from '../../../src/objects/kube-object.js';
import { formatRef } from '../../../src/objects/object-ref.js';
import { planFromManifests } from '../../../src/plan/git-planner.js';
import { maskPlan } from '../../../src/plan/mask-plan.js';
import type { Plan } from '../../../src/model/plan.js';
import { RedactingLogger } from '../../../src/redaction/redacting-logger.js';
import { SecretRedactor } from '../../../src/redaction/secret-redactor.js';
import { renderPlanJson, renderPlanMarkdown } from '../../../src/render/plan-markdown.js';
import { renderApplyMarkdown } from '../../../src/render/apply-markdown.js';
import { adversarialCopies, adversarialSecrets, DOCKER_AUTH, READABLE, SECRET_VALUES } from '../../support/adversarial-secrets.js';
import { base64Forms, hiddenInBase64, leaksIn } from '../../support/secret-leaks.js';

const V = SECRET_VALUES;
/** The values that are hidden everywhere: all but the two also written as a key and a name, which are public (public-text.ts). */
const { mapKey: _key, objectName: _name, ...HIDDEN_VALUES } = V;
const hidden = Object.values(HIDDEN_VALUES);
const pemLine = V.pemLine;
const dockerAuth = DOCKER_AUTH;
const secrets = adversarialSecrets('shop');
const copies = adversarialCopies('shop');
const configMap = (name: string, data: Record<string, string>): KubeObject => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, namespace: 'shop' },
  data,
});

function plan(objects: KubeObject[], redactor = new SecretRedactor()): Plan {
  return planFromManifests(
    [],
    objects.map((object, i) => ({ object, source: { file: `deploy/${i}.yaml`, line: 1 } })),
    { target: 'production', commit: '3f2a9c1e5d', reason: 'no cluster in unit tests', namespace: 'shop', redactor },
  );
}
/** The masked data of the ConfigMap holding the copies. */
function copiesData(p: Plan): Record<string, unknown> {
  const data = p.entries.find((e) => e.ref.name === 'copies')?.after?.data;
  return isJsonObject(data) ? data : assert.fail('no data');
}
const markdown = (p: Plan) => renderPlanMarkdown(p, { marker: '<!-- m -->', maxBytes: 1_000_000 });

describe('Secret values in the plan (issue 12, class 1)', () => {
  it('hides every copied value from the rendered comment and the plan JSON, before any final redaction pass', () => {
    const p = plan([...secrets, ...copies]);
    const outputs = { markdown: markdown(p), json: renderPlanJson(p) };
    for (const [name, text] of Object.entries(outputs)) assert.deepEqual(leaksIn(text, hidden), [], `${name} reveals a value`);
  });

  it('hides a value nested in a config file line, a docker config password and its base64 auth, and one line of a PEM key', () => {
    const data = copiesData(plan([...secrets, ...copies]));
    assert.deepEqual(
      [data['from-config'], data['docker-password'], data['docker-auth'], data['cert-line']],
      ['(value hidden)', '(value hidden)', '(value hidden)', '(value hidden)'],
    );
  });

  it('hides a 5-character password inside a longer string', () => {
    const data = copiesData(plan([...secrets, ...copies]));
    assert.equal(data.url, 'postgres://app:(value hidden)@db:5432/shop');
  });

  it('shows a Secret value used as a ConfigMap data key as written: keys are public in Git', () => {
    const data = copiesData(plan([...secrets, ...copies]));
    assert.equal(data[V.mapKey], 'a value under a secret key');
  });

  it('hides a value in the notes, the field-manager conflicts, the problems and the warnings of a live plan', () => {
    const copy = adversarialCopies('shop')[0] ?? assert.fail();
    const ref = { group: '', version: 'v1', kind: 'ConfigMap', namespace: 'shop', name: V.objectName };
    const p: Plan = {
      target: 'production',
      commit: '3f2a9c1e5d',
      basis: 'cluster',
      warnings: [`ConfigMap/shop/copies: key ${V.mapKey} is deprecated`],
      problems: [{ ref, message: `ConfigMap/shop/${V.objectName} dry-run failed: invalid url postgres://app:${V.fivePassword}@db` }],
      entries: [
        {
          ref: { ...ref, name: 'copies' },
          action: 'update',
          before: copy,
          after: copy,
          notes: [`replaced because ${V.configLine} changed`],
          conflicts: [{ manager: 'kubectl-edit', field: `.data.${V.mapKey}` }],
        },
      ],
    };
    maskPlan(p, [...secrets, ...copies], new SecretRedactor());
    for (const text of [markdown(p), renderPlanJson(p)]) assert.deepEqual(leaksIn(text, hidden), []);
    assert.deepEqual(p.entries[0]?.conflicts, [{ manager: 'kubectl-edit', field: `.data.${V.mapKey}` }]);
    assert.equal(p.problems[0]?.message, `ConfigMap/shop/${V.objectName} dry-run failed: invalid url postgres://app:(value hidden)@db`);
  });

  it('shows an object named after a Secret value by its name in the table, the summary line and the plan file: names are public', () => {
    const p = plan([...secrets, ...copies]);
    const md = markdown(p);
    assert.match(md, /\| ✨ create \| ConfigMap \| shop \| n4me-leak \|/);
    assert.match(md, /<summary>✨ create <code>ConfigMap\/shop\/n4me-leak<\/code><\/summary>/);
    assert.match(renderPlanJson(p), /"name": "n4me-leak"/);
  });

  it('names such an object in the apply report for applied, failed, unhealthy and pruned objects', () => {
    const p = plan([...secrets, ...copies]);
    const ref = p.entries.find((e) => e.ref.name === V.objectName)?.ref ?? assert.fail('no entry');
    const type = { group: '', version: 'v1', kind: 'ConfigMap', plural: 'configmaps', namespaced: true, verbs: [] };
    const md = renderApplyMarkdown(
      {
        planResult: { plan: { entries: p.entries, warnings: [] } },
        succeeded: false,
        outcome: { applied: [{ ref, type, action: 'create', durationMs: 3 }], failed: [{ ref, message: 'boom', cause: 'other' }] },
        health: [{ ref, state: 'failed', message: 'not ready', durationMs: 5, events: [] }],
        hooks: [],
        skippedSteps: [],
        prune: { deleted: [ref], failed: [], retained: [] },
        durationsMs: { plan: 1, apply: 1, prune: 1, wait: 1 },
      },
      { marker: '<!-- a -->', target: 'production', commit: '3f2a9c1e5d' },
    );
    assert.equal((md.match(/ConfigMap\/shop\/n4me-leak/g) ?? []).length, 4);
  });

  it('hides short Secret values inside their Secret only: true, 1 and web still read as words elsewhere', () => {
    const p = plan([...secrets, ...copies]);
    assert.deepEqual(p.entries.find((e) => e.ref.name === 'flags')?.after?.data, {
      enabled: '(value hidden, added)',
      replicas: '(value hidden, added)',
      tier: '(value hidden, added)',
    });
    const md = markdown(p);
    assert.ok(md.includes(`readable: ${READABLE}`));
    const r = new SecretRedactor();
    r.add(['true', '1', 'web']);
    assert.equal(r.redactString('true'), 'true');
    assert.equal(r.redactString('web: 1'), 'web: 1');
  });

  it('hides base64 of a value: standard, URL-safe, unpadded, wrapped at 64 and 76 columns, and inside the base64 of a longer string at each byte offset', () => {
    const r = new SecretRedactor();
    r.add([V.base64Token]);
    for (const form of [...base64Forms(V.base64Token), ...hiddenInBase64(V.base64Token)]) {
      const out = r.redactString(`value: ${form} end`);
      assert.deepEqual(leaksIn(out, [V.base64Token]), [], `${form.slice(0, 30)}… is not hidden`);
      assert.match(out, /^value: .*\(value hidden\)/s);
    }
  });

  it('hides wrapped base64 in the rendered diff, where the lines carry indentation and diff markers', () => {
    const wrapped = hiddenInBase64(V.base64Token)[2] ?? '';
    assert.ok(wrapped.includes('\n'));
    const md = markdown(plan([secrets[6] ?? assert.fail(), configMap('wrapped', { blob: wrapped })]));
    assert.match(md, /\+\s+blob: /);
    assert.deepEqual(leaksIn(md, [V.base64Token]), []);
  });

  it('keeps log lines that name such an object readable and free of the values they quote', () => {
    const redactor = new SecretRedactor();
    const p = plan([...secrets, ...copies], redactor);
    const recorded = new RecordingLogger();
    const logger = new RedactingLogger(recorded, redactor);
    const ref = p.entries.find((e) => e.ref.name === V.objectName)?.ref ?? assert.fail('no entry');
    logger.info(`created ${formatRef(ref)} (3 ms)`);
    logger.error(`ConfigMap/shop/copies: invalid value "postgres://app:${V.fivePassword}@db" (auth ${dockerAuth})`);
    logger.warning(`line: ${pemLine}`);
    const text = recorded.records.map((rec) => rec.message).join('\n');
    assert.deepEqual(leaksIn(text, hidden), []);
    assert.match(text, /created ConfigMap\/shop\/n4me-leak \(3 ms\)/);
  });

  it('leaves the text unchanged when it is redacted a second time', () => {
    const r = new SecretRedactor();
    r.add(['hidden', 'value hidden', 'sec-value']);
    const once = r.redactString('a sec-value b');
    assert.equal(once, 'a (value hidden) b');
    assert.equal(r.redactString(once), once);
  });
});
