// The fleet for a terminal: the comment's grouped view as plain lines, against its golden file; and
// no value from a plan file can break a line or start a workflow command.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderFleetTerminal } from '../../../src/fleet/fleet-terminal.js';
import type { KubeObject } from '../../../src/objects/kube-object.js';
import { HEAD, runOf, writePlanFileOf } from '../../support/fleet-plans.js';
import { matchesGolden } from '../../support/golden.js';
import { livePlan, planEntry } from '../../support/plan-entries.js';
import { fleetOf, plansDir, smallFleetDir } from './fleet-fixtures.js';

describe('the fleet on a terminal', () => {
  it('shows the five-target fleet as the golden file', () => {
    matchesGolden('terminal-fleet-plan.txt', renderFleetTerminal(fleetOf(smallFleetDir()), { color: false }));
  });

  it('keeps a name with a line break and a workflow command on its line', () => {
    const dir = plansDir();
    const evil = 'x\n::add-mask::y\u001b[31m';
    const cm = (v: string): KubeObject => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: evil, namespace: 'shop' }, data: { v } });
    const plan = livePlan([planEntry('update', cm('a'), cm(evil))], { target: 'eu', commit: HEAD });
    writePlanFileOf(dir, plan, runOf(plan));
    const text = renderFleetTerminal(fleetOf(dir, ['eu', evil], new Map([[evil, evil]])), { color: false });
    assert.ok(!text.split('\n').some((l) => l.trimStart().startsWith('::')), text);
    assert.ok(!text.includes('\u001b'), 'no control character reaches the terminal');
  });
});
