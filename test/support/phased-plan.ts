// A plan of a target with a migration hook and two waves, as the planner makes it: shared by the
// plan comment and terminal golden tests.
import type { KubeObject } from '../../src/objects/kube-object.js';
import { refOf } from '../../src/objects/object-ref.js';
import type { Action, Plan, PlanEntry } from '../../src/model/plan.js';

const ns = 'shop';
const cm: KubeObject = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'db-config', namespace: ns }, data: { DATABASE_HOST: 'db.shop' } };
const job = (name: string, image: string): KubeObject => ({
  apiVersion: 'batch/v1',
  kind: 'Job',
  metadata: { name, namespace: ns, annotations: { 'kube-gitops.io/hook': name === 'migrate' ? 'pre-apply' : 'post-apply' } },
  spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name, image, envFrom: [{ configMapRef: { name: 'db-config' } }] }] } } },
});
const web = (image: string): KubeObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: ns, annotations: { 'kube-gitops.io/apply-wave': '0' } },
  spec: { selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image }] } } },
});
const svc = (name: string): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name, namespace: ns, annotations: { 'kube-gitops.io/apply-wave': '1' } },
  spec: { selector: { app: 'web' }, ports: [{ port: 80 }] },
});

function entry(action: Action, before: KubeObject | undefined, after: KubeObject | undefined, extra: Partial<PlanEntry>): PlanEntry {
  const shown = after ?? before;
  if (!shown) throw new Error('an entry needs an object');
  return { ref: refOf(shown), action, ...(before ? { before } : {}), ...(after ? { after } : {}), notes: [], conflicts: [], ...extra };
}

export function phasedPlan(): Plan {
  const runs = 'Runs on this merge: the merge writes 3 other object(s).';
  return {
    target: 'production',
    commit: '3f2a9c1e5d',
    basis: 'cluster',
    problems: [],
    warnings: [],
    entries: [
      entry('create', undefined, cm, { source: { file: 'deploy/db-config.yaml', line: 1 }, phase: { phase: 'setup', wave: 0 } }),
      entry('replace', job('migrate', 'migrate:1.4.0'), job('migrate', 'migrate:1.5.0'), {
        source: { file: 'deploy/migrate.yaml', line: 1 },
        notes: [`${runs} The live object is deleted and created again.`],
        phase: { phase: 'pre-apply', wave: 0, deletePolicies: ['before-hook-creation'], hook: { runs: true, reason: runs } },
      }),
      entry('update', web('web:1.4.0'), web('web:1.5.0'), { source: { file: 'deploy/web.yaml', line: 1 }, phase: { phase: 'wave', wave: 0 } }),
      entry('create', undefined, svc('web'), { source: { file: 'deploy/web.yaml', line: 20 }, phase: { phase: 'wave', wave: 1 } }),
      entry('delete', svc('web-legacy'), undefined, { notes: ['No longer in the manifests: it will be deleted.'], phase: { phase: 'wave', wave: 1 } }),
      entry('create', undefined, job('smoke-test', 'smoke:1'), {
        source: { file: 'deploy/smoke.yaml', line: 1 },
        notes: [runs],
        phase: { phase: 'post-apply', wave: 0, deletePolicies: ['hook-succeeded'], hook: { runs: true, reason: runs } },
      }),
    ],
  };
}
