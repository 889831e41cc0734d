// The resource delta in the fleet comment and terminal: each target's line in its block, the sum
// across targets under the verdict; a plan file's `resources` read back as untrusted data.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderFleetMarkdown } from '../../../src/fleet/fleet-markdown.js';
import { renderFleetTerminal } from '../../../src/fleet/fleet-terminal.js';
import { readPlanFileText } from '../../../src/fleet/plan-file-shape.js';
import { NO_AMOUNTS, type ResourceDelta } from '../../../src/model/resources.js';
import { renderPlanJson } from '../../../src/render/plan-markdown.js';
import { runOf, writePlanFileOf } from '../../support/fleet-plans.js';
import { liveMarkup } from '../../support/live-markup.js';
import { fleetOf, plansDir, regionPlan } from './fleet-fixtures.js';

const GI = 1024 ** 3;
const delta = (cpu: number, pods: number, exceeds = false): ResourceDelta => {
  const amounts = { ...NO_AMOUNTS, cpuRequests: cpu, memoryRequests: GI, pods };
  return {
    total: { low: amounts, high: amounts },
    workloads: [],
    runs: [],
    quotas: exceeds ? [{ quota: 'shop/compute', verdict: 'exceeds', exceeded: ['pods: needs +3, 1 left of 10'] }] : [],
    monthly: { low: 10, high: 10 },
    problems: [],
  };
};

function fleetDir(): string {
  const dir = plansDir();
  const plans = [regionPlan('eu', { resources: delta(0.5, 2) }), regionPlan('us', { resources: delta(1.25, 3, true) }), regionPlan('asia')];
  for (const plan of plans) writePlanFileOf(dir, plan, runOf(plan, { namespace: `shop-${plan.target}` }));
  return dir;
}

describe('the resource delta across a fleet', () => {
  it('sums the targets under the verdict, names a target past its quota and one without a delta, and gives each target its line', () => {
    const body = renderFleetMarkdown(fleetOf(fleetDir(), ['eu', 'us', 'asia'], new Map()), { maxBytes: 65_000 });
    assert.ok(
      body.includes(
        '📦 **Resources across 2 targets:** +1.75 CPU, +2 GiB memory requests, +5 pods · ⚠️ **a ResourceQuota would be exceeded in `us`** · ≈ +20.00 a month at the given prices (730 h) · not counted: `asia` (no resource delta in its plan file).',
      ),
      body.slice(0, 1500),
    );
    assert.ok(body.includes('📦 **Resources:** +0.5 CPU, +1 GiB memory requests, +2 pods · ≈ +10.00 a month at the given prices (730 h).'));
    assert.ok(body.includes('⚠️ **exceeds the ResourceQuota `shop/compute`** (pods: needs +3, 1 left of 10)'));
    const terminal = renderFleetTerminal(fleetOf(fleetDir(), ['eu', 'us', 'asia'], new Map()), { color: false });
    assert.match(terminal, /^Resources across 2 targets: \+1\.75 CPU, \+2 GiB memory requests, \+5 pods · a ResourceQuota would be exceeded in us/m);
  });

  it('reads a plan file without resources as before, and one with a bad amount as unreadable, naming the field', () => {
    const plan = regionPlan('eu');
    const run = runOf(plan, { namespace: 'shop-eu' });
    const ok = readPlanFileText(renderPlanJson(plan, run));
    assert.ok('plan' in ok && ok.plan.resources === undefined);
    const withResources = JSON.parse(renderPlanJson({ ...plan, resources: delta(1, 1) }, run)) as Record<string, unknown>;
    const read = readPlanFileText(JSON.stringify(withResources));
    assert.ok('plan' in read);
    assert.deepEqual(read.plan.resources?.total, delta(1, 1).total);
    for (const [bad, why] of [
      [{ total: { low: { ...NO_AMOUNTS, pods: '3' }, high: NO_AMOUNTS }, quotas: [] }, 'resources.total.low.pods: not a finite number'],
      [
        { total: { low: NO_AMOUNTS, high: NO_AMOUNTS }, quotas: [{ quota: 'q', verdict: '<b>', exceeded: [] }] },
        'resources.quotas[0].verdict: not fits, exceeds or unknown',
      ],
      [{ total: { low: NO_AMOUNTS, high: NO_AMOUNTS }, quotas: [], monthly: { low: 'x' } }, 'resources.monthly.low: not a finite number'],
      ['lots', 'resources: not an object'],
    ] as const) {
      assert.deepEqual(readPlanFileText(JSON.stringify({ ...withResources, resources: bad })), { why }, why);
    }
  });

  it('keeps a quota name from a plan file as data in the comment', () => {
    const dir = plansDir();
    const hostile = delta(1, 1, true);
    hostile.quotas = [{ quota: '<img src=x onerror=alert(1)>', verdict: 'exceeds', exceeded: ['**bold** [link](https://evil.example)'] }];
    const plan = regionPlan('eu', { resources: hostile });
    writePlanFileOf(dir, plan, runOf(plan, { namespace: 'shop-eu' }));
    const body = renderFleetMarkdown(fleetOf(dir, ['eu'], new Map()), { maxBytes: 65_000 });
    assert.ok(body.includes('`<img src=x onerror=alert(1)>`'), 'the quota name is in a code span');
    const lines = body.split('\n');
    const rest = lines.slice(lines.findIndex((l) => l.startsWith('###'))).join('\n');
    assert.deepEqual(liveMarkup(rest.replace(/\[summary\]\(https:\/\/github\.com\/octo\/fleet\/actions\/runs\/\d+\)/g, ''), ''), []);
  });
});
