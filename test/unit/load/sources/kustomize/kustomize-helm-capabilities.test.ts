// Kustomize helmCharts with the live Capabilities, through the real kustomize (or kubectl
// kustomize) and helm: the live Kubernetes version reaches the chart unless an entry pins its own
// kubeVersion, and an entry's own apiVersions are added to the live ones, as for a HelmChart document.
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { RecordingLogger } from '../../../../../src/model/logger.js';
import type { HelmCapabilities } from '../../../../../src/load/sources/helm/helm-capabilities.js';
import { loadManifests } from '../../../../../src/load/manifest-loader.js';
import { withHelmOnPath } from '../../../../support/helm-binary.js';

const fixtures = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../../../fixtures/charts');
const live: HelmCapabilities = { kubeVersion: 'v1.31.7', apiVersions: ['v1', 'v1/ConfigMap', 'apps/v1'] };

describe('kustomize helmCharts and the live Capabilities', () => {
  const cleanups: (() => void | Promise<void>)[] = [];
  before(async () => {
    cleanups.push(await withHelmOnPath());
  });
  after(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  async function render(entry: string): Promise<Record<string, unknown>> {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'kube-gitops-kz-caps-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    mkdirSync(path.join(dir, 'kz', 'charts'), { recursive: true });
    cpSync(path.join(fixtures, 'gated-group'), path.join(dir, 'kz', 'charts', 'gated-group'), { recursive: true });
    writeFileSync(path.join(dir, 'kz', 'charts', 'gated-group', 'values.yaml'), '{}\n');
    writeFileSync(
      path.join(dir, 'kz', 'kustomization.yaml'),
      `helmCharts:\n- name: gated-group\n  releaseName: app\n  includeCRDs: true\n  valuesInline: {apiVersion: gauges.example.test/v1/Gauge}\n${entry}`,
    );
    const objects = await loadManifests({
      workspace: dir,
      paths: ['kz'],
      exclude: [],
      logger: new RecordingLogger(),
      capabilities: () => Promise.resolve(live),
    });
    return Object.fromEntries(objects.map((o) => [o.object.metadata.name, o.object.data]));
  }

  it('renders with the live Kubernetes version and API versions', async () => {
    const out = await render('');
    assert.deepEqual(Object.keys(out).sort(), ['app-always']);
    assert.deepEqual(out['app-always'], { kubeVersion: 'v1.31.7' });
  });

  it("keeps an entry's own kubeVersion and adds its apiVersions to the live ones", async () => {
    const out = await render('  kubeVersion: "1.27.0"\n  apiVersions: [gauges.example.test/v1/Gauge]\n');
    assert.deepEqual(Object.keys(out).sort(), ['app-always', 'app-monitor']);
    assert.deepEqual(out['app-always'], { kubeVersion: 'v1.27.0' });
  });
});
