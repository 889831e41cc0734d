import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { KubeObject } from '../../../src/objects/kube-object.js';
import type { Plan, PlanEntry } from '../../../src/model/plan.js';
import { withMemberLabel } from '../../../src/inventory/applyset.js';
import { writtenForm } from '../../../src/plan/written-form.js';
import { maskPlan } from '../../../src/plan/mask-plan.js';
import { normalizeForDiff } from '../../../src/plan/normalize.js';
import { SecretRedactor } from '../../../src/redaction/secret-redactor.js';
import { renderPlanJson, renderPlanMarkdown } from '../../../src/render/plan-markdown.js';
import { renderPlanTerminal } from '../../../src/render/plan-terminal.js';
import { leaksIn } from '../../support/secret-leaks.js';
import { SET_ID } from '../../support/created-service.js';
import { planFromManifests } from '../../../src/plan/git-planner.js';
import { entryDiff } from '../../../src/render/object-diff.js';

describe("a create's written form", () => {
  it("keeps the manifest's key order at every depth, without our label and what the server writes", () => {
    const manifest: KubeObject = {
      kind: 'Service',
      apiVersion: 'v1',
      metadata: { namespace: 'shop', name: 'web', creationTimestamp: null, labels: { tier: 'front' } },
      spec: { selector: { z: '1', a: '2' }, ports: [{ targetPort: 8080, port: 80 }] },
      status: {},
    };
    const written = writtenForm(withMemberLabel(manifest, SET_ID));
    assert.equal(
      JSON.stringify(written),
      JSON.stringify({
        kind: 'Service',
        apiVersion: 'v1',
        metadata: { namespace: 'shop', name: 'web', labels: { tier: 'front' } },
        spec: { selector: { z: '1', a: '2' }, ports: [{ targetPort: 8080, port: 80 }] },
      }),
    );
    const bare = writtenForm(withMemberLabel({ ...manifest, metadata: { name: 'web' } }, SET_ID));
    assert.deepEqual(bare.metadata, { name: 'web' }, 'no labels map is left when ours was the only one');
  });
});

describe('a create in a plan made from Git alone', () => {
  it('shows the manifest in its own order, and nothing the server sets (it was not asked)', () => {
    const object: KubeObject = { kind: 'ConfigMap', apiVersion: 'v1', metadata: { name: 'c' }, data: { z: '1', a: '2' } };
    const plan = planFromManifests([], [{ object, source: { file: 'c.yaml', line: 1 } }], {
      target: 't',
      commit: 'c'.repeat(40),
      reason: 'git',
      namespace: 'shop',
    });
    const view = entryDiff(plan.entries[0]!);
    assert.deepEqual(view.diff.split('\n').slice(1), [
      '+kind: ConfigMap',
      '+apiVersion: v1',
      '+metadata:',
      '+  name: c',
      '+  namespace: shop',
      '+data:',
      "+  z: '1'",
      "+  a: '2'",
    ]);
    assert.deepEqual(view.serverSets, []);
  });
});

describe('masking a create shown as written (the attacker)', () => {
  const PASSWORD = 'Wr1tten-pw-9x';
  const TOKEN = 'wr1tten-token-77';
  const secret: KubeObject = {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: 'db', namespace: 'shop' },
    stringData: { password: PASSWORD },
    data: { token: Buffer.from(TOKEN).toString('base64') },
  };
  // The same value in a ConfigMap, in data and in an annotation: no way around the Secret's masking.
  const copy: KubeObject = {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'copy', namespace: 'shop', annotations: { note: `pw=${PASSWORD}` } },
    data: { password: PASSWORD, token: TOKEN },
  };
  const entry = (obj: KubeObject, kind: string, after: KubeObject): PlanEntry => ({
    ref: { group: '', version: 'v1', kind, namespace: 'shop', name: obj.metadata.name },
    action: 'create',
    after,
    written: writtenForm(withMemberLabel(obj, SET_ID)),
    notes: [],
    conflicts: [],
  });

  it('shows no Secret value, plain or base64, in the comment, the terminal or the plan file', () => {
    // The server's answer: stringData merged into data, base64, and a default type.
    const server: KubeObject = {
      ...normalizeForDiff(withMemberLabel(secret, SET_ID)),
      data: { password: Buffer.from(PASSWORD).toString('base64'), token: Buffer.from(TOKEN).toString('base64') },
      type: 'Opaque',
    };
    delete server.stringData;
    const plan: Plan = {
      target: 't',
      commit: 'c'.repeat(40),
      basis: 'cluster',
      entries: [entry(secret, 'Secret', server), entry(copy, 'ConfigMap', normalizeForDiff(withMemberLabel(copy, SET_ID)))],
      problems: [],
      warnings: [],
    };
    maskPlan(plan, [secret, copy], new SecretRedactor());
    const texts = [renderPlanMarkdown(plan, { marker: '<!-- m -->', maxBytes: 65_000 }), renderPlanTerminal(plan, { color: false }), renderPlanJson(plan)];
    for (const text of texts) assert.deepEqual(leaksIn(text, [PASSWORD, TOKEN]), []);
    assert.deepEqual(plan.entries[0]?.written?.data, { password: '(value hidden, added)', token: '(value hidden, added)' });
    assert.match(texts[0] ?? '', /\+ {2}password: \(value hidden, added\)/);
  });
});
