// A small fleet for the fleet tests: three targets with the same change in their own namespaces,
// one that failed, one not planned; written as plan files and read back as the fleet step reads them.
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { KubeObject } from '../../../src/objects/kube-object.js';
import type { Plan } from '../../../src/model/plan.js';
import { fleetMembers, type Fleet } from '../../../src/fleet/fleet-members.js';
import { readPlanFiles } from '../../../src/fleet/plan-file-read.js';
import { HEAD, PR, runOf, writePlanFileOf } from '../../support/fleet-plans.js';
import { livePlan, planEntry } from '../../support/plan-entries.js';

export const api = (namespace: string, image: string): KubeObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'api', namespace },
  spec: { replicas: 2, template: { spec: { containers: [{ name: 'api', image }] } } },
});
export const settings = (namespace: string, level: string): KubeObject => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name: 'settings', namespace },
  data: { level },
});

/** Target `name` in namespace `shop-<name>`: api's image to 2.0, settings unchanged. */
export function regionPlan(name: string, extra: Partial<Plan> = {}): Plan {
  const ns = `shop-${name}`;
  return livePlan([planEntry('update', api(ns, 'api:1.0'), api(ns, 'api:2.0')), planEntry('unchanged', settings(ns, 'info'), settings(ns, 'info'))], {
    target: name,
    commit: HEAD,
    ...extra,
  });
}

export function plansDir(): string {
  return mkdtempSync(path.join(os.tmpdir(), 'kg-fleet-'));
}

export const TARGETS = ['eu', 'us', 'asia', 'staging', 'canary'];

/** The five-target fleet of the golden comment, written to a fresh plans directory. */
export function smallFleetDir(): string {
  const dir = plansDir();
  for (const name of ['eu', 'us', 'asia']) {
    const plan = regionPlan(name);
    writePlanFileOf(dir, plan, runOf(plan, { namespace: `shop-${name}`, runUrl: `https://github.com/octo/fleet/actions/runs/100${name.length}` }));
  }
  const staging = regionPlan('staging', {
    entries: [],
    problems: [{ message: 'Deployment/shop-staging/api: spec.replicas: Invalid value: "two"', source: { file: 'deploy/api.yaml', line: 7 } }],
  });
  writePlanFileOf(dir, staging, runOf(staging, { namespace: 'shop-staging' }));
  return dir;
}

export function fleetOf(dir: string, targets = TARGETS, notPlanned = new Map([['canary', 'no input changed']])): Fleet {
  return fleetMembers({ plans: readPlanFiles(dir), targets, notPlanned, head: HEAD, pullRequest: PR });
}
