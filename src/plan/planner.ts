// desired objects + live cluster + server-side dry-run → Plan. Never writes to the cluster.
// Every object is validated before anything is written: by a dry-run where it lives, in a stand-in
// namespace while its Namespace is new, against its CRD's schema while its CRD is new.
import type { ClusterClient, ResourceType } from '../cluster/cluster-client.js';
import { isClusterUnreachable, KubeconfigError } from '../cluster/connection-errors.js';
import { findType, requireCoreType } from '../cluster/resource-catalogue.js';
import { mapLimit } from '../concurrency/map-limit.js';
import type { Logger } from '../model/logger.js';
import { getAnnotations, type KubeObject } from '../objects/kube-object.js';
import type { DesiredObject } from '../objects/desired-object.js';
import { compareForApply, isDangerousToPrune } from '../objects/kind-order.js';
import { formatRef, refKey, refOf, type ObjectRef } from '../objects/object-ref.js';
import { isOwnedByOtherTool, PRUNE_ANNOTATION, readInventory, type Inventory } from '../inventory/applyset.js';
import { listMembers } from '../inventory/list-members.js';
import { isOwnParent } from '../inventory/ownership.js';
import { CrdSchemaValidator } from '../validation/crd-validator.js';
import { noteHelmRendering } from './helm-rendering.js';
import { keepLiveGeneratedValues } from './live-generated-values.js';
import { maskPlan, registerSecrets } from './mask-plan.js';
import { existingNamespaces } from './namespace-stand-in.js';
import { normalizeForDiff } from './normalize.js';
import { emptyStateProblem } from './empty-state.js';
import { settleFinishedJobs } from './finished-jobs.js';
import { isMissingNamespace, missingInventoryNamespaceProblem, missingNamespaceProblems } from './missing-namespace.js';
import { ObjectProblem } from './object-problem.js';
import type { PlanContext } from './plan-context.js';
import { planObject } from './plan-object.js';
import { planResources } from './resource-reads.js';
import { crdGroupKinds, resolveObjects, type ResolvedObject } from './resolve-objects.js';
import type { Plan, PlanEntry } from '../model/plan.js';
import type { PlannedChange, PlanSettings } from './planned-change.js';
import { objectFailure } from '../cluster/object-failure.js';
import type { Problem } from '../model/problem.js';
import { SecretRedactor } from '../redaction/secret-redactor.js';
import { assignPhases, placeObjects } from './plan-phases.js';
import { progressCounter, type Progress } from '../model/progress.js';
import type { SourceLocation } from '../objects/source-location.js';

export interface PlanResult {
  plan: Plan;
  changes: PlannedChange[];
  inventory: Inventory;
  redactor: SecretRedactor;
}

/** `redactor` is the run's: the plan's Secret values are registered with it. */
export async function planChanges(
  desired: readonly DesiredObject[],
  client: ClusterClient,
  settings: PlanSettings,
  logger: Logger,
  redactor = new SecretRedactor(),
  progress?: Progress,
): Promise<PlanResult> {
  // Registered before any request, so no message of this stage (a failure included) can reveal one.
  registerSecrets(
    desired.map((d) => d.object),
    redactor,
  );
  const types = await client.resourceTypes();
  const resolution = resolveObjects(desired, types, settings.namespace);
  const { problems, warnings } = resolution;
  const secretType = requireCoreType(types, 'Secret', '; the plan cannot go on');
  const parentRef: ObjectRef = { group: '', version: 'v1', kind: 'Secret', namespace: settings.inventoryNamespace, name: `kube-gitops-${settings.target}` };
  const inventory = readInventory(settings.target, settings.inventoryNamespace, await client.get(secretType, parentRef));
  if (isOwnedByOtherTool(inventory)) {
    problems.push({
      message: `The ApplySet ${settings.inventoryNamespace}/${inventory.parentName} is managed by ${inventory.tooling}; kube-gitops will not take it over.`,
    });
  }
  logger.debug(`inventory ${inventory.id}: ${inventory.groupKinds.length} group-kinds, recorded commit ${inventory.appliedCommit ?? 'none'}`);
  const placed = placeObjects(withoutOwnParent(resolution.resolved, inventory, problems), problems, warnings);

  const members = await listMembers(
    client,
    types,
    inventory,
    placed.kept.map((r) => r.ref),
    crdGroupKinds(desired),
    settings.concurrency,
    warnings,
  );
  const { resolved, kept: keptLive } = keepLiveGeneratedValues(placed.kept, members);
  // Live Secret values now stand in the desired objects: registered before any dry-run can quote one.
  registerSecrets(
    resolved.filter((r) => keptLive.has(refKey(r.ref))).map((r) => r.object),
    redactor,
  );
  const empty = emptyStateProblem(desired.length, members.size, settings.allowEmpty ?? false);
  if (empty) problems.push(empty);
  const namespaceType = requireCoreType(types, 'Namespace', '; the plan cannot go on');
  const pendingNamespaces = await namespacesCreatedHere(client, namespaceType, resolved, members);
  const namespaceExists = memoized((name: string) => namespaceIsLive(client, namespaceType, name));
  // A parent that exists proves its namespace does; only a target's first plan asks.
  if (!inventory.exists && !pendingNamespaces.has(settings.inventoryNamespace) && !(await namespaceExists(settings.inventoryNamespace))) {
    problems.push(missingInventoryNamespaceProblem(settings.inventoryNamespace));
  }
  const ctx: PlanContext = {
    client,
    settings,
    inventory,
    members,
    pendingNamespaces,
    secretType,
    standIns: once(() =>
      existingNamespaces(
        client,
        namespaceType,
        [settings.namespace, settings.inventoryNamespace, 'default'].filter((n) => !pendingNamespaces.has(n)),
      ),
    ),
    namespaceExists,
    crdSchemas: await CrdSchemaValidator.of(desired.map((d) => d.object).filter(isCrd)),
  };

  const onePlanned = progressCounter(progress, 'planned', resolved.length);
  const planned = await mapLimit(resolved, settings.concurrency, async (r) => {
    try {
      return await planObject(r, ctx);
    } finally {
      onePlanned();
    }
  });
  const changes: PlannedChange[] = [];
  let proven = 0;
  const missingNamespaces = new Map<string, SourceLocation[]>();
  // A lost cluster or an unusable kubeconfig is not a problem of one object: the whole plan fails on
  // it (and a pull request falls back to the git diff when the cluster is unreachable).
  const lost = planned.find((p) => !p.ok && (isClusterUnreachable(p.error) || p.error instanceof KubeconfigError));
  if (lost && !lost.ok) throw lost.error;
  planned.forEach((p, i) => {
    const r = resolved[i];
    if (!r) return;
    if (p.ok) {
      changes.push(r.generated ? { ...p.value.change, generated: r.generated } : p.value.change);
      if (p.value.proven) proven += 1;
      warnings.push(...p.value.warnings);
    } else if (r.ref.namespace && isMissingNamespace(p.error, r.ref.namespace)) {
      missingNamespaces.set(r.ref.namespace, [...(missingNamespaces.get(r.ref.namespace) ?? []), r.source]);
    } else {
      problems.push({ ref: r.ref, source: r.source, message: dryRunFailure(r.ref, p.error) });
    }
  });
  problems.push(...missingNamespaceProblems(missingNamespaces));
  logger.info(`${resolved.length} object(s) planned: ${proven} proven unchanged by their managed fields, the rest dry-run on the server`);
  const desiredKeys = new Set(resolved.map((r) => refKey(r.ref)));
  for (const [key, live] of members) if (!desiredKeys.has(key)) changes.push(pruneChange(live, settings, types));
  changes.sort((a, b) => compareForApply(a.entry.ref, b.entry.ref));
  assignPhases(changes, placed, inventory);
  settleFinishedJobs(changes, inventory);

  const plan: Plan = {
    target: settings.target,
    commit: settings.commit,
    basis: 'cluster',
    ...(inventory.appliedCommit ? { liveCommit: inventory.appliedCommit } : {}),
    entries: changes.map((c) => c.entry),
    problems,
    warnings: [...new Set(warnings)],
  };
  maskPlan(plan, [...desired.map((d) => d.object), ...members.values()], redactor);
  noteHelmRendering(plan, desired, redactor, { keptLive });
  if (settings.resourceDelta !== false) {
    plan.resources = await planResources(plan.entries, client, types, {
      concurrency: settings.concurrency,
      ...(settings.prices ? { prices: settings.prices } : {}),
    });
  }
  return { plan, changes, inventory, redactor };
}

/** This target's ApplySet parent is written by kube-gitops alone: a manifest of it is refused, not merged. */
function withoutOwnParent(resolved: ResolvedObject[], inventory: Inventory, problems: Problem[]): ResolvedObject[] {
  return resolved.filter((r) => {
    if (!isOwnParent(r.ref, inventory)) return true;
    problems.push({
      ref: r.ref,
      source: r.source,
      message: `${formatRef(r.ref)} is the name of this target's ApplySet parent, where kube-gitops records what the target owns; a manifest cannot define it. Rename the Secret.`,
    });
    return false;
  });
}

function isCrd(object: KubeObject): boolean {
  return object.kind === 'CustomResourceDefinition' && object.apiVersion.startsWith('apiextensions.k8s.io/');
}

function once<T>(fn: () => Promise<T>): () => Promise<T> {
  let value: Promise<T> | undefined;
  return () => (value ??= fn());
}

function pruneChange(live: KubeObject, settings: PlanSettings, types: readonly ResourceType[]): PlannedChange {
  const ref = refOf(live);
  const type = findType(types, ref);
  const reason = retainReason(live, ref, settings);
  const entry: PlanEntry = {
    ref,
    action: reason ? 'retain' : 'delete',
    before: normalizeForDiff(live),
    notes: reason ? [reason] : ['No longer in the manifests: it will be deleted.'],
    conflicts: [],
  };
  return { entry, ...(type ? { type } : {}) };
}

function retainReason(live: KubeObject, ref: ObjectRef, settings: PlanSettings): string | undefined {
  if (!settings.prune) return 'No longer in the manifests; left in place because pruning is off (prune: false).';
  if (getAnnotations(live)[PRUNE_ANNOTATION] === 'disabled')
    return `No longer in the manifests; left in place because it is annotated ${PRUNE_ANNOTATION}: disabled.`;
  if (isDangerousToPrune(ref) && !settings.pruneDangerous) {
    return `No longer in the manifests; left in place because deleting a ${ref.kind} deletes what it holds (set prune-dangerous: true to prune it).`;
  }
  return undefined;
}

/** Namespaces the change creates: objects inside them are dry-run in a stand-in namespace. */
async function namespacesCreatedHere(
  client: ClusterClient,
  namespaceType: ResourceType,
  resolved: readonly ResolvedObject[],
  members: Map<string, KubeObject>,
): Promise<Set<string>> {
  const declared = resolved.filter((r) => r.ref.group === '' && r.ref.kind === 'Namespace');
  const out = new Set<string>();
  await Promise.all(
    declared.map(async (r) => {
      if (members.has(refKey(r.ref))) return;
      if (!(await client.get(namespaceType, r.ref))) out.add(r.ref.name);
    }),
  );
  return out;
}

async function namespaceIsLive(client: ClusterClient, namespaceType: ResourceType, name: string): Promise<boolean> {
  return (await client.get(namespaceType, { group: '', version: 'v1', kind: 'Namespace', name })) !== undefined;
}

/** One call per distinct argument; later calls share the first one's promise. */
function memoized<T>(f: (key: string) => Promise<T>): (key: string) => Promise<T> {
  const seen = new Map<string, Promise<T>>();
  return (key) => {
    let p = seen.get(key);
    if (!p) seen.set(key, (p = f(key)));
    return p;
  };
}

function dryRunFailure(ref: ObjectRef, error: unknown): string {
  if (error instanceof ObjectProblem) return error.message;
  return objectFailure(ref, 'dry-run', error);
}
