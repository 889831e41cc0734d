// Helm 2 crd-install hooks, which Helm 3 leaves out of `helm template`'s output: a HelmChart renders
// such a CRD as an ordinary object (hook annotation gone, its other annotations kept, the workspace
// chart untouched), and a crd-install hook in a list of hooks is named in a warning at the
// HelmChart document, never dropped in silence.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { RecordingLogger } from '../../../../../src/model/logger.js';
import { loadManifests } from '../../../../../src/load/manifest-loader.js';
import { helmForSuite } from '../../../../support/helm-binary.js';
import { viaPath } from '../../../../../src/objects/source-location.js';

const chart = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../../../fixtures/charts/helm2-crds');

describe('Helm 2 crd-install hooks in a HelmChart', () => {
  const { made } = helmForSuite();

  /** Loads the fixture chart, with `extra` templates added to the workspace's copy. */
  async function load(values: string, extra: Record<string, string> = {}) {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'kube-gitops-helm2-'));
    made.push(dir);
    cpSync(chart, path.join(dir, 'charts', 'helm2-crds'), { recursive: true });
    for (const [name, text] of Object.entries(extra)) writeFileSync(path.join(dir, 'charts', 'helm2-crds', 'templates', name), text);
    writeFileSync(
      path.join(dir, 'app.yaml'),
      `apiVersion: kube-gitops.io/v1alpha1\nkind: HelmChart\nmetadata: {name: app, namespace: shop}\nspec:\n  chart: charts/helm2-crds\n  values: ${values}\n`,
    );
    const logger = new RecordingLogger();
    const objects = await loadManifests({ workspace: dir, paths: ['app.yaml'], exclude: [], logger, namespace: 'shop' });
    return { dir, objects, logger };
  }

  it('renders a crd-install CustomResourceDefinition as an ordinary object, without writing to the workspace', async () => {
    const { dir, objects, logger } = await load('{}');
    assert.deepEqual(objects.map((o) => `${o.object.kind}/${o.object.metadata.name}`).sort(), [
      'CustomResourceDefinition/widgets.widgets.kube-gitops.test',
      'Widget/app-widget',
    ]);
    const crd = objects.find((o) => o.object.kind === 'CustomResourceDefinition');
    assert.deepEqual(crd?.object.metadata.annotations, { 'example.test/kept': 'yes' }, 'the hook annotation is gone, the others kept');
    assert.equal(crd?.chart?.helm2CrdInstall, true);
    assert.deepEqual(crd?.chart?.nonDeterministic, []);
    assert.equal(crd && viaPath(crd.source, 'template'), 'helm2-crds/templates/crd.yaml');
    assert.equal(objects.find((o) => o.object.kind === 'Widget')?.chart?.helm2CrdInstall, undefined);
    assert.match(
      readFileSync(path.join(dir, 'charts', 'helm2-crds', 'templates', 'crd.yaml'), 'utf8'),
      /"helm\.sh\/hook": crd-install/,
      'the workspace chart is untouched',
    );
    assert.deepEqual(logger.messages('warning'), []);
  });

  it('names a crd-install hook it cannot rewrite in a warning at the HelmChart document', async () => {
    const listed =
      '{{- if .Values.listedHook }}\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: listed\n  annotations:\n    helm.sh/hook: crd-install,pre-install\n{{- end }}\n';
    const { objects, logger } = await load('{listedHook: true}', { 'listed-hook.yaml': listed });
    assert.ok(!objects.some((o) => o.object.metadata.name === 'listed'), 'helm leaves it out');
    const warnings = logger.records.filter((r) => r.level === 'warning');
    assert.deepEqual(
      warnings.map((w) => `${w.location?.file ?? ''}:${w.location?.line ?? ''} ${w.message}`),
      [
        "app.yaml:1 HelmChart/app: the template templates/listed-hook.yaml sets Helm 2's crd-install hook in a way kube-gitops cannot rewrite (only `helm.sh/hook: crd-install` alone on its line is); Helm 3 leaves every object with that hook out of its output, so such an object is not applied. Move it to the chart's crds/ directory, or out of the chart.",
      ],
    );
  });
});
