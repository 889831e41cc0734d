// An apply report and its context as a render test states them: one flat set of fields with
// defaults (a successful apply to production of four objects, one pruned, one left in place).
import type { AppliedObject, FailedObject } from '../../src/apply/applier.js';
import type { HealthResult } from '../../src/wait/health-wait.js';
import type { ResourceType } from '../../src/cluster/cluster-client.js';
import type { ObjectRef } from '../../src/objects/object-ref.js';
import type { Action, Plan, PlanEntry } from '../../src/model/plan.js';
import type { AppliedRun, ApplyReportContext } from '../../src/render/apply-markdown.js';

export const marker = '<!-- kube-gitops:apply target=production -->';
export const commit = '3f2a9c1e5d7b8a9c0d1e2f3a4b5c6d7e8f9a0b1c';
export const ref = (kind: string, name: string, group = '', namespace: string | undefined = 'shop'): ObjectRef => ({
  group,
  version: 'v1',
  kind,
  name,
  ...(namespace ? { namespace } : {}),
});
export const type = (r: ObjectRef): ResourceType => ({
  group: r.group,
  version: r.version,
  kind: r.kind,
  plural: `${r.kind.toLowerCase()}s`,
  namespaced: r.namespace !== undefined,
  verbs: [],
});
export const entry = (action: Action, r: ObjectRef, extra: Partial<PlanEntry> = {}): PlanEntry => ({ ref: r, action, notes: [], conflicts: [], ...extra });
export const applied = (action: Action, r: ObjectRef): AppliedObject => ({ ref: r, type: type(r), action, durationMs: 40 });
export const healthy = (r: ObjectRef, durationMs = 2300): HealthResult => ({ ref: r, state: 'healthy', message: 'ready', durationMs, events: [] });

export const web = ref('Deployment', 'web', 'apps');
export const svc = ref('Service', 'web');
export const settings = ref('ConfigMap', 'settings');
export const legacy = ref('ConfigMap', 'legacy-settings');
export const data = ref('PersistentVolumeClaim', 'data');
export const edge = ref('Gateway', 'edge', 'gateway.networking.k8s.io');
export const edgeIstio = ref('Gateway', 'edge', 'networking.istio.io');

/** A report and its context from one flat set of fields, as a test states them. */
export type Flat = Omit<AppliedRun, 'planResult' | 'outcome'> &
  ApplyReportContext & { entries: readonly PlanEntry[]; warnings?: readonly string[]; applied: readonly AppliedObject[]; failed: readonly FailedObject[] };

export function view(overrides: Partial<Flat> = {}): [AppliedRun, ApplyReportContext] {
  const { marker, target, commit, runUrl, review, maxBytes, entries, warnings, applied, failed, ...report } = flat(overrides);
  const context = { marker, target, commit, ...(runUrl ? { runUrl } : {}), ...(review ? { review } : {}), ...(maxBytes ? { maxBytes } : {}) };
  return [{ ...report, planResult: { plan: { entries, warnings: warnings ?? [] } }, outcome: { applied, failed } }, context];
}

export function flat(overrides: Partial<Flat>): Flat {
  return {
    marker,
    target: 'production',
    commit,
    previousCommit: 'a1b2c3d4e5f6',
    entries: [
      entry('create', svc),
      entry('update', web),
      entry('create', edge),
      entry('create', edgeIstio),
      entry('delete', legacy),
      entry('retain', data, { notes: ['left in place because deleting a PersistentVolumeClaim deletes what it holds'] }),
      entry('unchanged', settings),
    ],
    applied: [applied('create', svc), applied('update', web), applied('create', edge), applied('create', edgeIstio)],
    failed: [],
    health: [healthy(web), healthy(svc, 0), healthy(edge, 100), healthy(edgeIstio, 100)],
    prune: {
      deleted: [legacy],
      failed: [],
      retained: [{ ref: data, reason: 'deleting a PersistentVolumeClaim deletes what it holds (set prune-dangerous: true to prune it)' }],
    },
    durationsMs: { plan: 1200, apply: 800, prune: 100, wait: 2300 },
    succeeded: true,
    runUrl: 'https://github.com/acme/shop/actions/runs/4242',
    hooks: [],
    skippedSteps: [],
    ...overrides,
  };
}

export const planWith = (p: Partial<Plan>): Plan => ({ target: 'production', commit, basis: 'cluster', entries: [], problems: [], warnings: [], ...p });
