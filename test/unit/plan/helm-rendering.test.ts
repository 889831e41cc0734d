// The plan's Helm summary: the helm version and the Capabilities in the comment and the plan file,
// base and head rendered with the same Capabilities in a git plan, and each non-deterministic
// field as a warning and a note on its object, with no Secret value anywhere.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ChartRendering, DesiredObject } from '../../../src/objects/desired-object.js';
import type { KubeObject } from '../../../src/objects/kube-object.js';
import { planFromManifests } from '../../../src/plan/git-planner.js';
import { SecretRedactor } from '../../../src/redaction/secret-redactor.js';
import { renderPlanJson, renderPlanMarkdown } from '../../../src/render/plan-markdown.js';
import { matchesGolden } from '../../support/golden.js';
import type { SourceLocation } from '../../../src/objects/source-location.js';

const chart = (nonDeterministic: string[][] = []): ChartRendering => ({ helmVersion: 'v3.22.0+g4b2ad0c', nonDeterministic });
const source = (template: string): SourceLocation => ({ file: 'deploy/shop.yaml', line: 2, via: [{ name: 'template', path: template, relation: 'below' }] });

function rendered(session: string, password: string, greeting: string): DesiredObject[] {
  const configMap: KubeObject = {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'shop-session', namespace: 'shop' },
    data: { greeting, sessionKey: session },
  };
  const secret: KubeObject = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'shop-password', namespace: 'shop' }, stringData: { password } };
  return [
    { object: configMap, source: source('random/templates/generated.yaml'), chart: chart([['data', 'sessionKey']]) },
    { object: secret, source: source('random/templates/generated.yaml'), chart: chart([['stringData', 'password']]) },
  ];
}

describe("the plan's Helm summary", () => {
  const base = rendered('Zq81mNc0aPLr', 'randomly-made-password-1', 'hello');
  const head = rendered('Yh3kT0bWq2Xe', 'randomly-made-password-2', 'hi');
  const redactor = new SecretRedactor();
  const plan = planFromManifests(base, head, {
    target: 'production',
    commit: '3f2a9c1e5d',
    reason: 'No kubeconfig was given.',
    namespace: 'default',
    redactor,
  });
  const markdown = redactor.redactString(
    renderPlanMarkdown(plan, { marker: '<!-- kube-gitops:plan target=production -->', maxBytes: 65_000, fullPlanHint: 'the job summary' }),
  );
  const json = redactor.redactString(renderPlanJson(plan));

  it('names the helm version and the Capabilities, the same for base and head, in the comment and the plan file (golden)', () => {
    assert.deepEqual(plan.helm && { ...plan.helm, nonDeterministic: plan.helm.nonDeterministic.length }, {
      helmVersion: 'v3.22.0+g4b2ad0c',
      capabilities: "helm's built-in Capabilities",
      sameCapabilitiesForBase: true,
      nonDeterministic: 2,
    });
    assert.match(
      markdown,
      /Helm charts rendered by helm `v3\.22\.0\+g4b2ad0c` with helm's built-in Capabilities; the base and the head with the same Capabilities/,
    );
    const file = JSON.parse(json) as { helm: { helmVersion: string; sameCapabilitiesForBase: boolean } };
    assert.equal(file.helm.helmVersion, 'v3.22.0+g4b2ad0c');
    assert.equal(file.helm.sameCapabilitiesForBase, true);
    matchesGolden('helm-git-plan.md', markdown);
  });

  it('reports each non-deterministic field with its object, path and what to do, as a warning and a note, without any value of the Secret', () => {
    assert.deepEqual(plan.helm?.nonDeterministic, [
      { object: 'ConfigMap/shop/shop-session', source: 'deploy/shop.yaml:2 → random/templates/generated.yaml', paths: ['data.sessionKey'] },
      { object: 'Secret/shop/shop-password', source: 'deploy/shop.yaml:2 → random/templates/generated.yaml', paths: ['stringData.password'] },
    ]);
    assert.ok(
      plan.warnings.includes(
        "Secret/shop/shop-password (deploy/shop.yaml:2 → random/templates/generated.yaml): `stringData.password` is rendered differently every time (randAlphaNum, genCA, now…), so it shows as changed on every run; set it in the HelmChart's values to keep it stable",
      ),
      plan.warnings.join('\n'),
    );
    const secret = plan.entries.find((e) => e.ref.kind === 'Secret');
    assert.match(secret?.notes.join('\n') ?? '', /Non-deterministic: the chart renders `stringData\.password` anew every time/);
    for (const value of ['randomly-made-password-1', 'randomly-made-password-2', Buffer.from('randomly-made-password-2').toString('base64')]) {
      assert.ok(!markdown.includes(value) && !json.includes(value), value);
    }
  });

  it('says nothing about Helm when no chart was rendered', () => {
    const plain = planFromManifests([], [{ object: base[0]!.object, source: { file: 'a.yaml', line: 1 } }], {
      target: 't',
      commit: 'c',
      reason: 'r',
      namespace: 'default',
    });
    assert.equal(plain.helm, undefined);
    assert.doesNotMatch(renderPlanMarkdown(plain, { marker: '<!-- m -->', maxBytes: 65_000 }), /Helm charts rendered/);
  });
});
