// The load's read set: every workspace file and directory the load (and kustomize and helm) read,
// by real path, as plain data returned with the objects. What the signature gate checks, and what
// tells which targets a changed file affects.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { RecordingLogger } from '../../../src/model/logger.js';
import { loadDesiredState } from '../../../src/load/manifest-loader.js';
import { ReadSetBuilder } from '../../../src/load/read-set.js';
import { helmForSuite } from '../../support/helm-binary.js';

const configMap = (name: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\ndata:\n  a: b\n`;

describe('ReadSetBuilder', () => {
  it('keeps workspace paths only, sorted once each, and leaves out a directory inside another', () => {
    const ws = { root: '/work/repo', realRoot: '/work/repo' };
    const b = new ReadSetBuilder(ws);
    for (const f of ['/work/repo/b.yaml', '/work/repo/a.yaml', '/work/repo/b.yaml', '/tmp/pulled/chart/values.yaml']) b.addFile(f);
    for (const d of ['/work/repo/charts/app/templates', '/work/repo/charts/app', '/work/repo/charts/application', '/tmp/pulled/chart']) b.addDirectory(d);
    assert.deepEqual(b.build(), { files: ['a.yaml', 'b.yaml'], directories: ['charts/app', 'charts/application'], written: [] });
  });
});

describe('the read set of a load', () => {
  const { made } = helmForSuite();

  function workspace(files: Record<string, string>, links: Record<string, string> = {}): string {
    const ws = mkdtempSync(path.join(os.tmpdir(), 'kube-gitops-read-set-'));
    made.push(ws);
    for (const [file, text] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(ws, file)), { recursive: true });
      writeFileSync(path.join(ws, file), text);
    }
    for (const [link, target] of Object.entries(links)) symlinkSync(target, path.join(ws, link));
    return ws;
  }

  it('names manifest files by their real path, a link by its target', async () => {
    const ws = workspace(
      { 'apps/a.yaml': configMap('a'), 'infra/b.yaml': configMap('b'), 'shared/c.yaml': configMap('c') },
      { 'apps/c.yaml': '../shared/c.yaml' },
    );
    const { reads } = await loadDesiredState({ workspace: ws, paths: ['{apps,infra}/*.yaml'], exclude: [], logger: new RecordingLogger() });
    assert.deepEqual(reads, { files: ['apps/a.yaml', 'infra/b.yaml', 'shared/c.yaml'], directories: [], written: [] });
  });

  it("names a kustomization's root, the bases it reaches and the files it names", async () => {
    const ws = workspace({
      'base/kustomization.yaml': 'resources: [cm.yaml]\n',
      'base/cm.yaml': configMap('base'),
      'overlays/prod/kustomization.yaml': 'resources: [../../base]\npatches:\n  - path: patch.yaml\n',
      'overlays/prod/patch.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: base\ndata:\n  a: c\n',
    });
    const { reads } = await loadDesiredState({ workspace: ws, paths: ['overlays/prod'], exclude: [], logger: new RecordingLogger() });
    assert.deepEqual(reads, { files: ['base/cm.yaml', 'overlays/prod/patch.yaml'], directories: ['base', 'overlays/prod'], written: [] });
  });

  it("names a HelmChart's document, its chart directory, its values files and a link's target inside the workspace", async () => {
    const ws = workspace(
      {
        'deploy/app.yaml':
          'apiVersion: kube-gitops.io/v1alpha1\nkind: HelmChart\nmetadata:\n  name: app\nspec:\n  chart: ../charts/app\n  valuesFiles: [../values/prod.yaml]\n',
        'charts/app/Chart.yaml': 'apiVersion: v2\nname: app\nversion: 0.1.0\n',
        'charts/app/templates/cm.yaml': configMap('{{ .Release.Name }}'),
        'values/prod.yaml': 'a: 1\n',
        'shared/extra.yaml': configMap('extra'),
      },
      { 'charts/app/templates/extra.yaml': '../../../shared/extra.yaml' },
    );
    const { objects, reads } = await loadDesiredState({ workspace: ws, paths: ['deploy'], exclude: [], logger: new RecordingLogger() });
    assert.equal(objects.length, 2);
    assert.deepEqual(reads, {
      files: ['deploy/app.yaml', 'shared/extra.yaml', 'values/prod.yaml'],
      directories: ['charts/app'],
      written: [],
    });
  });
});
