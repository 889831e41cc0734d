// A create shown as written, against the local control plane: the demo's Service (demo/) shows its
// manifest's own lines in its order and one "the server also sets" line, while the plan file keeps
// the server's whole dry-run answer; a Secret create (and a ConfigMap copying its value) reveals no value.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { shopAfter } from '../../demo/demo-manifests.js';
import { loadManifests } from '../../src/load/manifest-loader.js';
import { RecordingLogger } from '../../src/model/logger.js';
import { PART_OF_LABEL } from '../../src/inventory/applyset.js';
import type { KubeObject } from '../../src/objects/kube-object.js';
import { planChanges } from '../../src/plan/planner.js';
import { renderPlanJson, renderPlanMarkdown } from '../../src/render/plan-markdown.js';
import { renderPlanTerminal } from '../../src/render/plan-terminal.js';
import { leaksIn } from '../support/secret-leaks.js';
import { testNamespace, type TestCluster, testCluster } from '../support/test-cluster.js';
import { testApplySettings } from '../support/test-settings.js';

const PASSWORD = 'Cr3ate-Attack-pw';
const TOKEN = 'tok-Create-0987';

const attackers = (): KubeObject[] => [
  {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: 'attack' },
    stringData: { password: PASSWORD },
    data: { token: Buffer.from(TOKEN).toString('base64') },
  },
  { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'copies', labels: { copy: 'yes' } }, data: { password: PASSWORD, token: TOKEN } },
];

describe('creates shown as written, against the local control plane', () => {
  let c: TestCluster;
  let ns: { name: string; cleanup: () => Promise<void> };
  before(async () => {
    c = await testCluster();
    ns = await testNamespace('creates');
  });
  after(async () => ns.cleanup());

  async function planDemo(extra: KubeObject[] = []) {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'creates-'));
    for (const [file, text] of Object.entries(shopAfter())) writeFileSync(path.join(dir, path.basename(file)), text);
    const loaded = await loadManifests({ workspace: dir, paths: ['.'], exclude: [], logger: new RecordingLogger() });
    const desired = [...loaded, ...extra.map((object, i) => ({ object, source: { file: 'attack.yaml', line: 1 + i * 10 } }))];
    const settings = testApplySettings({ target: ns.name, namespace: ns.name, commit: 'c'.repeat(40) });
    return (await planChanges(desired, c.client(), settings, new RecordingLogger())).plan;
  }

  it("shows the demo's Service create as its manifest's lines and one line of what the server also sets", async () => {
    const plan = await planDemo();
    assert.deepEqual(plan.problems, []);
    const md = renderPlanMarkdown(plan, { marker: '<!-- m -->', maxBytes: 65_000 });
    const block = md.slice(md.indexOf('<details><summary>✨ create <code>Service/'));
    const expected = [
      '```diff',
      '@@ -1,0 +1,11 @@',
      '+apiVersion: v1',
      '+kind: Service',
      '+metadata:',
      '+  name: storefront',
      `+  namespace: ${ns.name}`,
      '+spec:',
      '+  selector:',
      '+    app: storefront',
      '+  ports:',
      '+    - port: 80',
      '+      targetPort: 8080',
      '```',
      '',
      '<details><summary>the server also sets 1 field</summary><code>spec.type: ClusterIP</code></details>',
      '',
      '</details>',
    ].join('\n');
    assert.ok(block.includes(expected), `the Service's diff is its manifest as written:\n${block.slice(0, 900)}`);
    assert.doesNotMatch(md, /applyset\.kubernetes\.io/, 'our ApplySet label is in no diff');
    const terminal = renderPlanTerminal(plan, { color: false, diffs: 'all' });
    assert.match(terminal, /\+      targetPort: 8080\n {2}the server also sets: spec\.type: ClusterIP\n/);
    const lines = terminal.split('\n').filter((l) => l.includes('the server also sets'));
    assert.deepEqual(
      lines,
      [
        '  the server also sets: spec.type: ClusterIP',
        '  the server also sets: spec.strategy: {type: RollingUpdate, rollingUpdate: {maxUnavailable: 25%, maxSurge: 25%}}, spec.template.spec.containers[0].imagePullPolicy: IfNotPresent',
      ],
      `one line for the Service and one for the Deployment (a Secret's type Opaque is a quiet default):\n${terminal}`,
    );

    const service = plan.entries.find((e) => e.ref.kind === 'Service');
    const file = JSON.parse(renderPlanJson(plan)) as { entries: { ref: { kind: string }; after: KubeObject }[] };
    const kept = file.entries.find((e) => e.ref.kind === 'Service')?.after;
    assert.deepEqual(kept, service?.after, "the plan file keeps the server's answer");
    assert.equal((kept?.spec as { sessionAffinity?: string }).sessionAffinity, 'None', 'with every defaulted field');
    assert.ok((kept?.metadata.labels as Record<string, string>)[PART_OF_LABEL], 'and our label');
  });

  it('shows no Secret value, plain or base64, in a created Secret written as-is nor in a ConfigMap that copies it', async () => {
    const plan = await planDemo(attackers());
    assert.deepEqual(plan.problems, []);
    const secret = plan.entries.find((e) => e.ref.kind === 'Secret' && e.ref.name === 'attack');
    assert.equal(secret?.action, 'create');
    assert.ok(secret?.written, 'the create carries its manifest as written');
    const texts = [
      renderPlanMarkdown(plan, { marker: '<!-- m -->', maxBytes: 65_000 }),
      renderPlanTerminal(plan, { color: false, diffs: 'all' }),
      renderPlanJson(plan),
    ];
    for (const text of texts) assert.deepEqual(leaksIn(text, [PASSWORD, TOKEN, 's3cr3t-rotated-password']), []);
    assert.match(texts[0] ?? '', /\+ {2}password: \(value hidden, added\)/);
  });
});
