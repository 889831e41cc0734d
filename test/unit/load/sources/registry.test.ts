// The registry of source kinds: every kind the path resolver finds has exactly one entry that
// builds it, and files are picked up by the names their entry claims.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { openWorkspace } from '../../../../src/load/workspace-boundary.js';
import { fileKindOf } from '../../../../src/load/manifest-walk.js';
import { PLAIN_FILE_KIND, SOURCES, sourceFor } from '../../../../src/load/sources/registry.js';

describe('the source registry', () => {
  it('has one entry that builds each kind the path resolver finds', () => {
    for (const kind of ['file', 'kustomization']) {
      assert.equal(SOURCES.filter((s) => s.found === kind).length, 1, kind);
      assert.equal(typeof sourceFor(kind).build, 'function', kind);
    }
    assert.throws(() => sourceFor('jsonnet'), /no source kind builds 'jsonnet'/);
  });

  it('renders HelmChart documents with an entry found among documents, not by the walk', () => {
    const helm = SOURCES.filter((s) => s.expand !== undefined);
    assert.deepEqual(
      helm.map((s) => [s.name, s.found]),
      [['Helm charts', undefined]],
    );
  });

  it('reads .yaml, .yml and .json files (any case) as plain files and nothing else by name', () => {
    for (const name of ['a.yaml', 'b.YML', 'dir/c.json']) assert.equal(fileKindOf(name), 'file', name);
    for (const name of ['Chart.lock', 'values.txt', 'kustomization', 'main.jsonnet']) assert.equal(fileKindOf(name), undefined, name);
    assert.equal(PLAIN_FILE_KIND, 'file');
  });

  it('offers a directory to kustomize before Helm: one with both files is built as a kustomization', async (t) => {
    const ws = mkdtempSync(path.join(os.tmpdir(), 'kube-gitops-registry-'));
    t.after(() => rmSync(ws, { recursive: true, force: true }));
    const dir = (name: string, files: Record<string, string>) => {
      mkdirSync(path.join(ws, name));
      for (const [file, text] of Object.entries(files)) writeFileSync(path.join(ws, name, file), text);
      return path.join(ws, name);
    };
    const both = dir('both', { 'kustomization.yaml': 'resources: []\n', 'Chart.yaml': 'name: c\nversion: 0.1.0\n' });
    const chart = dir('chart', { 'Chart.yaml': 'name: c\nversion: 0.1.0\n' });
    const component = dir('component', { 'kustomization.yaml': 'apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\n' });
    const plain = dir('plain', { 'cm.yaml': 'kind: ConfigMap\n' });
    const workspace = await openWorkspace(ws);
    const shapes = SOURCES.flatMap((s) => (s.shape ? [{ name: s.name, shape: s.shape(workspace) }] : []));
    assert.deepEqual(
      shapes.map((s) => s.name),
      ['kustomize', 'Helm charts'],
    );
    const first = async (real: string) => {
      for (const { name, shape } of shapes) {
        const claim = await shape.claimDirectory(real, real);
        if (claim) return [name, claim.claim, 'aside' in claim ? claim.aside : undefined];
      }
      return undefined;
    };
    assert.deepEqual(await first(both), ['kustomize', 'build', undefined]);
    assert.deepEqual(await first(chart), ['Helm charts', 'aside', 'chart']);
    assert.deepEqual(await first(component), ['kustomize', 'aside', 'component']);
    assert.equal(await first(plain), undefined);
  });
});
