// The plan file keeps the source fields it had before `via`: a kustomization before `line`, a chart
// template after it, a column where a parser knew one; manifests inside the plan are left alone.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Plan } from '../../../src/model/plan.js';
import type { SourceLocation } from '../../../src/objects/source-location.js';
import { renderPlanJson } from '../../../src/render/plan-markdown.js';
import { sourceFromPlanFile } from '../../../src/render/plan-file-locations.js';

const through = (path: string) => ({ name: 'kustomization', path, relation: 'through' as const });
const below = (path: string) => ({ name: 'template', path, relation: 'below' as const });

function planWith(sources: SourceLocation[]): Plan {
  const cm = (name: string) => ({
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name, namespace: 'shop' },
    data: { source: 'kept' },
    spec: { source: { file: 'user-data.yaml', line: 3, via: 'kept as written' } },
  });
  return {
    target: 'production',
    commit: 'abc',
    basis: 'cluster',
    entries: sources.map((source, i) => ({
      ref: { group: '', version: 'v1', kind: 'ConfigMap', namespace: 'shop', name: `cm-${i}` },
      action: 'create',
      after: cm(`cm-${i}`),
      source,
      notes: [],
      conflicts: [],
    })),
    problems: [{ message: 'bad', source: { file: 'deploy/bad.yaml', line: 4, column: 7 } }, { message: 'no place' }],
    warnings: [],
  };
}

/** The `source` lines of the plan file, as they read. */
function sourceTexts(json: string): string[] {
  const parsed = JSON.parse(json) as { entries: { source: unknown }[]; problems: { source?: unknown }[] };
  return [...parsed.entries, ...parsed.problems].map((e) => JSON.stringify(e.source ?? null));
}

describe('the plan file', () => {
  it('writes each source with the fields it had before via, in the same order', () => {
    const json = renderPlanJson(
      planWith([
        { file: 'deploy/cm.yaml', line: 2 },
        { file: 'base/cm.yaml', line: 5, via: [through('overlays/prod')] },
        { file: 'deploy/shop.yaml', line: 2, via: [below('shop/templates/cm.yaml')] },
        { file: 'kz/chart.yaml', line: 1, via: [through('kz'), below('greeter/templates/cm.yaml')] },
      ]),
    );
    assert.deepEqual(sourceTexts(json), [
      '{"file":"deploy/cm.yaml","line":2}',
      '{"file":"base/cm.yaml","kustomization":"overlays/prod","line":5}',
      '{"file":"deploy/shop.yaml","line":2,"template":"shop/templates/cm.yaml"}',
      '{"file":"kz/chart.yaml","kustomization":"kz","line":1,"template":"greeter/templates/cm.yaml"}',
      '{"file":"deploy/bad.yaml","line":4,"column":7}',
      'null',
    ]);
  });

  it('leaves a manifest field named source as it is', () => {
    const json = renderPlanJson(planWith([{ file: 'deploy/cm.yaml', line: 2 }]));
    assert.ok(json.includes('"source": {\n            "file": "user-data.yaml",\n            "line": 3,\n            "via": "kept as written"'), json);
  });

  it('places the source key where the entry holds it', () => {
    const json = renderPlanJson(planWith([{ file: 'base/cm.yaml', line: 5, via: [through('apps')] }]));
    assert.ok(
      json.includes('"source": {\n        "file": "base/cm.yaml",\n        "kustomization": "apps",\n        "line": 5\n      },\n      "notes": []'),
      json,
    );
  });

  it('reads each source back as it was written (the fleet step reads plan files)', () => {
    const sources: SourceLocation[] = [
      { file: 'deploy/cm.yaml', line: 2 },
      { file: 'base/cm.yaml', line: 5, via: [through('overlays/prod')] },
      { file: 'kz/chart.yaml', line: 1, column: 3, via: [through('kz'), below('greeter/templates/cm.yaml')] },
    ];
    const parsed = JSON.parse(renderPlanJson(planWith(sources))) as { entries: { source: unknown }[] };
    assert.deepEqual(
      parsed.entries.map((e) => sourceFromPlanFile(e.source)),
      sources,
    );
  });

  it('reads no source from a value of another form', () => {
    for (const value of [null, 'deploy/cm.yaml:2', { file: 'a.yaml' }, { file: 'a.yaml', line: '2' }, { file: 'a.yaml', line: 2, kustomization: 7 }]) {
      assert.equal(sourceFromPlanFile(value), undefined, JSON.stringify(value));
    }
  });
});
