// A created object in the fleet comment and terminal is shown as written, as in a single plan's
// comment, with the one collapsed "the server also sets" line under its diff.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderFleetMarkdown } from '../../../src/fleet/fleet-markdown.js';
import { renderFleetTerminal } from '../../../src/fleet/fleet-terminal.js';
import type { KubeObject } from '../../../src/objects/kube-object.js';
import { HEAD, runOf, writePlanFileOf } from '../../support/fleet-plans.js';
import { livePlan, planEntry } from '../../support/plan-entries.js';
import { fleetOf, plansDir } from './fleet-fixtures.js';

const written = (ns: string): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name: 'web', namespace: ns },
  spec: { selector: { app: 'web' }, ports: [{ port: 80 }] },
});
const answered = (ns: string): KubeObject => ({
  ...written(ns),
  spec: { selector: { app: 'web' }, ports: [{ port: 80, protocol: 'TCP', targetPort: 80 }], type: 'ClusterIP', sessionAffinity: 'None' },
});

describe('creates in the fleet comment', () => {
  it('show the manifest as written and one "the server also sets" line, once for the targets that share it', () => {
    const dir = plansDir();
    for (const name of ['eu', 'us']) {
      const ns = `shop-${name}`;
      const plan = livePlan([planEntry('create', undefined, answered(ns), { written: written(ns) })], { target: name, commit: HEAD });
      writePlanFileOf(dir, plan, runOf(plan, { namespace: ns }));
    }
    const fleet = fleetOf(dir, ['eu', 'us'], new Map());
    const body = renderFleetMarkdown(fleet, { maxBytes: 65_000 });
    assert.equal(body.split('<details><summary>the server also sets').length - 1, 1, body);
    assert.ok(body.includes('<code>spec.type: ClusterIP</code>'));
    assert.doesNotMatch(body, /\+\s+type: ClusterIP/, 'the diff is the manifest as written');
    assert.match(renderFleetTerminal(fleet, { color: false }), /^ {2}the server also sets: .*spec\.type: ClusterIP/m);
  });
});
