// A location's `via` as the views show it: a chart template after file:line, a kustomization only
// where it tells two copies of one object apart (duplicate definitions).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { duplicateDefinitions } from '../../../src/model/duplicate-definitions.js';
import { formatFileLine, formatLocation } from '../../../src/model/problem.js';
import type { SourceLocation } from '../../../src/objects/source-location.js';

const through = (path: string) => ({ name: 'kustomization', path, relation: 'through' as const });
const below = (path: string) => ({ name: 'template', path, relation: 'below' as const });
const ref = { group: '', version: 'v1', kind: 'ConfigMap', namespace: 'shop', name: 'web' };

describe('source locations', () => {
  it('shows a chart template after file:line and a kustomization nowhere', () => {
    assert.equal(
      formatLocation({ file: 'deploy/shop.yaml', line: 2, via: [through('kz'), below('shop/templates/cm.yaml')] }),
      'deploy/shop.yaml:2 → shop/templates/cm.yaml',
    );
    assert.equal(formatLocation({ file: 'base/cm.yaml', line: 5, column: 3, via: [through('overlays/prod')] }), 'base/cm.yaml:5:3');
    assert.equal(formatFileLine({ file: 'deploy/shop.yaml', line: 2, via: [below('shop/templates/cm.yaml')] }), 'deploy/shop.yaml:2');
  });

  it('names the kustomizations that build one object from the same base line', () => {
    const at = (k: string): SourceLocation => ({ file: 'base/cm.yaml', line: 5, via: [through(k)] });
    const [problem] = duplicateDefinitions([
      { ref, source: at('overlays/dev') },
      { ref, source: at('overlays/prod') },
    ]);
    assert.equal(
      problem?.message,
      'ConfigMap/shop/web is defined twice: the kustomizations overlays/dev and overlays/prod each build it from base/cm.yaml:5. Build one of them per target (point path at one overlay), or give each overlay its own target.',
    );
    assert.deepEqual(problem?.source, at('overlays/prod'));
  });

  it('adds the kustomization to a place only when two copies share it', () => {
    const [problem] = duplicateDefinitions([
      { ref, source: { file: 'base/cm.yaml', line: 5, via: [through('overlays/dev')] } },
      { ref, source: { file: 'base/cm.yaml', line: 5, via: [through('overlays/dev')] } },
      { ref, source: { file: 'other/cm.yaml', line: 1 } },
    ]);
    assert.equal(problem?.message, 'ConfigMap/shop/web is defined 3 times: at base/cm.yaml:5 (through overlays/dev) and at other/cm.yaml:1.');
  });
});
