// The live value is kept at the paths a chart renders anew every time: a Secret's stringData key
// takes the live data key, a path the live object lacks is left as rendered, identity is never
// taken from the live object, and paths are shown as `a.b["c/d"][0]`.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatFieldPath, valueAt, withValueAt } from '../../../src/objects/field-path.js';
import type { KubeObject } from '../../../src/objects/kube-object.js';
import { withLiveValues } from '../../../src/plan/live-generated-values.js';

const secret = (body: Partial<KubeObject>, name = 'app-admin'): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Secret',
  metadata: { name, namespace: 'shop' },
  ...body,
});

describe('live values kept at generated paths', () => {
  it("takes a Secret's live data key for its generated stringData key, and leaves the other keys as rendered", () => {
    const rendered = secret({ stringData: { password: 'rendered-now', user: 'admin' } });
    const live = secret({ data: { password: 'bGl2ZS1vbmU=', user: 'YWRtaW4=' } });
    const { object, kept } = withLiveValues(rendered, [['stringData', 'password']], live);
    assert.deepEqual(kept, [['stringData', 'password']]);
    assert.deepEqual(object, secret({ stringData: { user: 'admin' }, data: { password: 'bGl2ZS1vbmU=' } }));
    assert.deepEqual(rendered.stringData, { password: 'rendered-now', user: 'admin' }, 'the rendered object is not mutated');
  });

  it('keeps a live checksum annotation, and leaves a path the live object lacks as rendered', () => {
    const path = ['spec', 'template', 'metadata', 'annotations', 'checksum/secret'];
    const deployment = (annotations: Record<string, string>): KubeObject => ({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web' },
      spec: { template: { metadata: { annotations } } },
    });
    const kept = withLiveValues(deployment({ 'checksum/secret': 'new' }), [path], deployment({ 'checksum/secret': 'old' }));
    assert.deepEqual(kept, { object: deployment({ 'checksum/secret': 'old' }), kept: [path] });
    assert.deepEqual(withLiveValues(deployment({ 'checksum/secret': 'new' }), [path], deployment({})), {
      object: deployment({ 'checksum/secret': 'new' }),
      kept: [],
    });
  });

  it('never takes the name, namespace, kind or apiVersion from the live object', () => {
    const rendered = secret({}, 'app-x1y2z');
    const paths = [['metadata', 'name'], ['metadata', 'namespace'], ['metadata'], ['kind'], ['apiVersion'], []];
    assert.deepEqual(withLiveValues(rendered, paths, secret({}, 'app-a9b8c')), { object: rendered, kept: [] });
  });

  it('reads, writes and shows field paths with indexes and keys that are not identifiers', () => {
    const root = { spec: { items: [{ name: 'a' }, { name: 'b' }] }, metadata: { annotations: { 'checksum/x': 'c' } } };
    assert.equal(formatFieldPath(['metadata', 'annotations', 'checksum/x']), 'metadata.annotations["checksum/x"]');
    assert.equal(formatFieldPath(['spec', 'items', 1, 'name']), 'spec.items[1].name');
    assert.equal(formatFieldPath([]), '.');
    assert.equal(valueAt(root, ['spec', 'items', 1, 'name']), 'b');
    assert.equal(valueAt(root, ['spec', 'items', 2, 'name']), undefined);
    assert.equal(valueAt(root, ['spec', 'items', 'name']), undefined);
    assert.deepEqual(withValueAt(root, ['spec', 'items', 0, 'name'], 'z')?.spec.items, [{ name: 'z' }, { name: 'b' }]);
    assert.equal(withValueAt(root, ['spec', 'missing', 'name'], 'z'), undefined, 'nothing is created');
    assert.equal(root.spec.items[0]?.name, 'a', 'the root is not mutated');
  });
});
