// The preview's objects and their apply, the same for `mode: preview` and `kube-gitops preview`:
// load the pull request's manifests → the preview transform (preview-objects.ts; a refusal names
// every object) → an allowed cluster-scoped object that exists and is not the preview's refused
// (preview-guard.ts) → runApply into the preview's own target (prune, wait; never adopting). Every
// refusal is thrown before anything is written, as a ManifestError naming each object at its file
// and line. The caller has checked the namespace is this preview's (or absent).
import type { ClusterClient } from '../cluster/cluster-client.js';
import { findType } from '../cluster/resource-catalogue.js';
import { ManifestError } from '../model/errors.js';
import type { Problem } from '../model/problem.js';
import { clusterScopedCustomKinds, isNamespacedKind } from '../objects/cluster-scoped-kinds.js';
import type { DesiredObject } from '../objects/desired-object.js';
import { refKey, refOf } from '../objects/object-ref.js';
import { runApply, type ApplyReport } from '../run/apply-run.js';
import { applySettingsOf } from '../run/engine-settings.js';
import { verbDeps, type Engine } from '../run/engine.js';
import { liveCapabilities } from '../run/live-capabilities.js';
import { loadWithReadsReported } from '../run/load-stage.js';
import type { WriteGate } from '../run/write-gates.js';
import { foreignClusterObject } from './preview-guard.js';
import type { PreviewRow } from './preview-markdown.js';
import { previewObjects } from './preview-objects.js';
import type { PreviewTarget } from './preview-target.js';

export interface PreviewApply {
  target: PreviewTarget;
  /** The engine of the run (its settings the run's; the preview's own are `target.settings`). */
  engine: Engine;
  client: ClusterClient;
  /** The commit recorded on the ApplySet. */
  commit: string;
  /** Who holds the preview's lease meanwhile, as another run is told. */
  holder: string;
  /** Run before the first write, after the plan (a terminal's confirmation). */
  gates?: readonly WriteGate[];
}

/** The preview's objects, checked: its Namespace (and quota) first, then the pull request's, placed in it. */
export async function loadPreviewObjects(run: PreviewApply): Promise<DesiredObject[]> {
  const { engine, target, client } = run;
  const { logger } = engine;
  const loaded = await logger.group('Load manifests', () =>
    loadWithReadsReported(target.settings, logger, engine.redactor, liveCapabilities(engine.makeClient, logger)),
  );
  const types = await client.resourceTypes();
  const custom = clusterScopedCustomKinds(loaded.objects.map((d) => d.object));
  const { preview: p } = target.settings;
  const result = previewObjects(loaded.objects, {
    preview: target.preview,
    allowedClusterKinds: p.clusterKinds,
    isNamespaced: (ref) => types.find((t) => t.group === ref.group && t.kind === ref.kind)?.namespaced ?? isNamespacedKind(ref, custom),
    ...(p.ttlMs === undefined ? {} : { ttlMs: p.ttlMs }),
    ...(p.quota ? { quota: p.quota } : {}),
    ...(p.limits ? { limits: p.limits } : {}),
  });
  await refuseForeignClusterObjects(run, result.objects);
  for (const d of result.replaced)
    logger.info(`The pull request's Namespace ${d.object.metadata.name} is replaced by the preview's own, ${target.preview.namespace}.`);
  return result.objects;
}

export function applyPreviewObjects(objects: readonly DesiredObject[], run: PreviewApply): Promise<ApplyReport> {
  return runApply([...objects], applySettingsOf(run.target.settings, run.commit), {
    ...verbDeps(run.engine),
    lease: { holder: run.holder },
    ...(run.gates ? { gates: run.gates } : {}),
  });
}

/** An allowed cluster-scoped object that exists and is not this preview's stops the preview before anything is written. */
async function refuseForeignClusterObjects(run: PreviewApply, objects: readonly DesiredObject[]): Promise<void> {
  const types = await run.client.resourceTypes();
  const problems: Problem[] = [];
  for (const d of objects) {
    const ref = refOf(d.object);
    const type = ref.kind === 'Namespace' && ref.group === '' ? undefined : findType(types, ref);
    if (!type || type.namespaced) continue;
    const message = foreignClusterObject(await run.client.get(type, ref), run.target.preview);
    if (message) problems.push({ message, ref, source: d.source });
  }
  if (problems.length > 0) throw new ManifestError(problems);
}

/** Every object of the preview with its health (or what the apply did with it when it was not waited on). */
export function previewRows(report: ApplyReport): PreviewRow[] {
  const health = new Map(report.health.map((h) => [refKey(h.ref), h.state]));
  const failed = new Set(report.outcome.failed.map((f) => refKey(f.ref)));
  return report.planResult.plan.entries
    .filter((e) => e.action !== 'delete')
    .map((e) => ({ ref: e.ref, state: failed.has(refKey(e.ref)) ? 'failed to apply' : (health.get(refKey(e.ref)) ?? e.action) }));
}
