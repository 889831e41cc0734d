// The registry of source kinds: every kind the path resolver finds has exactly one entry that
// builds it, and files are picked up by the names their entry claims.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
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
});
