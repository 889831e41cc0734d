// The review records of a fleet share a budget: per-object lists go first, the largest first; past
// the records' limit whole records go (targets that change nothing first), each named, and the
// comment still fits.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderFleetMarkdown } from '../../../src/fleet/fleet-markdown.js';
import { fleetRecords, RECORD_LEFT_OUT } from '../../../src/fleet/fleet-records.js';
import { byteSize } from '../../../src/render/byte-budget.js';
import { parseFleetReviewMarker } from '../../../src/review/fleet-review-marker.js';
import { runOf, writePlanFileOf } from '../../support/fleet-plans.js';
import { planEntry } from '../../support/plan-entries.js';
import { api, fleetOf, plansDir, regionPlan } from './fleet-fixtures.js';

/** Target `name` with `n` changed Deployments (n = 0: nothing changes). */
function writeTarget(dir: string, name: string, n: number): void {
  const entries = Array.from({ length: n }, (_, j) => {
    const e = planEntry('update', api('shop', 'api:1'), api('shop', `api:${j}`));
    return { ...e, ref: { ...e.ref, name: `api-${j}` } };
  });
  const plan = regionPlan(name, { entries });
  writePlanFileOf(dir, plan, runOf(plan));
}

describe('the fleet review records', () => {
  it('drops the largest per-object lists first, keeping their digests', () => {
    const dir = plansDir();
    writeTarget(dir, 'small', 1);
    writeTarget(dir, 'large', 30);
    writeTarget(dir, 'middle', 10);
    const fleet = fleetOf(dir, ['small', 'large', 'middle'], new Map());
    const all = fleetRecords(fleet, 100_000);
    const largeLine = all.lines[1] ?? '';
    const records = fleetRecords(fleet, all.lines.reduce((n, l) => n + byteSize(l) + 1, 0) - 1);
    assert.deepEqual(
      [...records.status],
      [
        ['small', 'recorded'],
        ['large', 'digests only'],
        ['middle', 'recorded'],
      ],
    );
    assert.ok(byteSize(records.lines[1] ?? '') < byteSize(largeLine));
    assert.match(records.lines[1] ?? '', / objects=not-recorded -->$/);
  });

  it('leaves out whole records past its limit, those of targets that change nothing first, and names them', () => {
    const dir = plansDir();
    const names = Array.from({ length: 256 }, (_, i) => `${String(i).padStart(3, '0')}-${'long-target-name-'.repeat(6)}`);
    names.forEach((name, i) => writeTarget(dir, name, i % 2));
    const body = renderFleetMarkdown(fleetOf(dir, names, new Map()), { maxBytes: 65_000 });
    assert.ok(byteSize(body) <= 65_000, `${byteSize(body)} bytes`);
    const kept = names.filter((n) => parseFleetReviewMarker(body, n));
    assert.ok(kept.length > 100 && kept.length < 256, `${kept.length} records kept`);
    const keptUnchanged = kept.filter((n) => Number(n.slice(0, 3)) % 2 === 0);
    assert.ok(
      keptUnchanged.length === 0 || kept.length - keptUnchanged.length === 128,
      'every changing target keeps its record before one that changes nothing',
    );
    assert.match(body, /> Left out to fit GitHub's size limit: the review records of `\d{3}-long/);
    const rowsOfLeftOut = body.split('\n').filter((l) => l.startsWith('| `') && !kept.some((n) => l.startsWith(`| \`${n}\` |`)));
    for (const row of rowsOfLeftOut) assert.ok(row.includes(`| ${RECORD_LEFT_OUT} |`), row);
  });
});
