// desired objects + live cluster + server-side dry-run → Plan. Never writes to the cluster.
import type { ApplyResult, ClusterClient, ResourceType } from '../cluster/cluster-client.js';
import { ClusterError, isConflict, isImmutableError } from '../cluster/cluster-error.js';
import { mapLimit } from '../concurrency/map-limit.js';
import { getErrorMessage } from '../errors.js';
import type { Logger } from '../logging.js';
import { getAnnotations, isJsonObject, type KubeObject } from '../objects/kube-object.js';
import type { DesiredObject } from '../objects/desired-object.js';
import { compareForApply, isDangerousToPrune } from '../objects/kind-order.js';
import { formatRef, refKey, refOf, type ObjectRef } from '../objects/object-ref.js';
import { isOwnedByOtherTool, PRUNE_ANNOTATION, readInventory, withMemberLabel, type Inventory } from '../inventory/applyset.js';
import { listMembers } from '../inventory/list-members.js';
import { maskPlan } from './mask-plan.js';
import { isProvenNoOpApply } from './no-op-apply.js';
import { jsonEqual, normalizeForDiff } from './normalize.js';
import { resolveObjects, type ResolvedObject } from './resolve-objects.js';
import type { Action, FieldConflict, Plan, PlanEntry } from './plan.js';
import { SecretRedactor } from '../redaction/secret-redactor.js';

export interface PlanSettings {
  target: string;
  commit: string;
  /** Namespace for namespaced objects whose manifest sets none. */
  namespace: string;
  inventoryNamespace: string;
  fieldManager: string;
  forceConflicts: boolean;
  prune: boolean;
  pruneDangerous: boolean;
  concurrency: number;
}

/** What apply needs beyond the masked PlanEntry. */
export interface PlannedChange {
  entry: PlanEntry;
  /** Undefined while the kind waits on a CRD applied in the same run. */
  type?: ResourceType;
  /** The object to apply: namespace resolved, ApplySet member label set. Absent for deletions. */
  desired?: KubeObject;
  /** Why no dry-run was possible before the apply. */
  pending?: 'namespace' | 'crd';
}

export interface PlanResult {
  plan: Plan;
  changes: PlannedChange[];
  inventory: Inventory;
  redactor: SecretRedactor;
}

const SECRET_TYPE_KEY = '/v1/Secret';

/** `redactor` is the run's: the plan's Secret values are registered with it. */
export async function planChanges(
  desired: readonly DesiredObject[], client: ClusterClient, settings: PlanSettings, logger: Logger, redactor = new SecretRedactor(),
): Promise<PlanResult> {
  const types = await client.resourceTypes();
  const { resolved, problems, warnings } = resolveObjects(desired, types, settings.namespace);
  const secretType = types.find((t) => `${t.group}/${t.version}/${t.kind}` === SECRET_TYPE_KEY)!;
  const parentRef: ObjectRef = { group: '', version: 'v1', kind: 'Secret', namespace: settings.inventoryNamespace, name: `kube-gitops-${settings.target}` };
  const inventory = readInventory(settings.target, settings.inventoryNamespace, await client.get(secretType, parentRef));
  if (isOwnedByOtherTool(inventory)) {
    problems.push({ message: `The ApplySet ${settings.inventoryNamespace}/${inventory.parentName} is managed by ${inventory.tooling}; kube-gitops will not take it over.` });
  }
  logger.debug(`inventory ${inventory.id}: ${inventory.groupKinds.length} group-kinds, recorded commit ${inventory.appliedCommit ?? 'none'}`);

  const members = await listMembers(client, types, inventory, resolved.map((r) => r.ref), settings.concurrency, warnings);
  const pendingNamespaces = await namespacesCreatedHere(client, types, resolved, members);

  const planned = await mapLimit(resolved, settings.concurrency, (r) => planObject(r, inventory, members, pendingNamespaces, client, settings));
  const changes: PlannedChange[] = [];
  let proven = 0;
  planned.forEach((p, i) => {
    const r = resolved[i]!;
    if (p.ok) {
      changes.push(p.value.change);
      if (p.value.proven) proven += 1;
      warnings.push(...p.value.warnings);
    } else {
      problems.push({ ref: r.ref, source: r.source, message: dryRunFailure(r.ref, p.error) });
    }
  });
  logger.info(`${resolved.length} object(s) planned: ${proven} proven unchanged by their managed fields, the rest dry-run on the server`);
  const desiredKeys = new Set(resolved.map((r) => refKey(r.ref)));
  for (const [key, live] of members) if (!desiredKeys.has(key)) changes.push(pruneChange(live, settings, types));
  changes.sort((a, b) => compareForApply(a.entry.ref, b.entry.ref));

  const plan: Plan = { target: settings.target, commit: settings.commit, basis: 'cluster', entries: changes.map((c) => c.entry), problems, warnings: [...new Set(warnings)] };
  maskPlan(plan, [...desired.map((d) => d.object), ...members.values()], redactor);
  return { plan, changes, inventory, redactor };
}

interface ObjectPlan {
  change: PlannedChange;
  warnings: string[];
  /** Proven unchanged from its managed fields, without a dry-run. */
  proven?: true;
}

async function planObject(
  r: ResolvedObject, inventory: Inventory, members: Map<string, KubeObject>, pendingNamespaces: Set<string>,
  client: ClusterClient, settings: PlanSettings,
): Promise<ObjectPlan> {
  const desired = withMemberLabel(r.object, inventory.id);
  const base = { ref: r.ref, source: r.source, notes: [] as string[], conflicts: [] as FieldConflict[] };
  if (!r.type) {
    const entry: PlanEntry = { ...base, action: 'create', after: normalizeForDiff(desired), notes: [`Planned from the manifest: its CustomResourceDefinition is created in this change, so the server cannot dry-run it yet.`] };
    return { change: { entry, desired, pending: 'crd' }, warnings: [] };
  }
  if (r.ref.namespace && pendingNamespaces.has(r.ref.namespace)) {
    const entry: PlanEntry = { ...base, action: 'create', after: normalizeForDiff(desired), notes: [`Planned from the manifest: its Namespace ${r.ref.namespace} is created in this change, so the server cannot dry-run it yet.`] };
    return { change: { entry, desired, type: r.type, pending: 'namespace' }, warnings: [] };
  }
  const member = members.get(refKey(r.ref));
  if (member && isProvenNoOpApply(desired, member, settings.fieldManager)) {
    const same = normalizeForDiff(member);
    return { change: { entry: { ...base, action: 'unchanged', before: same, after: same }, desired, type: r.type }, warnings: [], proven: true };
  }
  const options = { fieldManager: settings.fieldManager, force: settings.forceConflicts, dryRun: true };
  let result: ApplyResult;
  const warnings: string[] = [];
  try {
    result = await client.apply(r.type, desired, options);
    warnings.push(...result.warnings.map((w) => `${formatRef(r.ref)}: ${w}`));
  } catch (error) {
    const live = isImmutableError(error) ? (member ?? (await client.get(r.type, r.ref))) : undefined;
    if (live) {
      const entry: PlanEntry = { ...base, action: 'replace', before: normalizeForDiff(live), after: normalizeForDiff(desired),
        notes: [`Will be deleted and created again: ${getErrorMessage(error)}`] };
      return { change: { entry, desired, type: r.type }, warnings };
    }
    if (!isConflict(error)) throw error;
    base.conflicts.push(...conflictsOf(error));
    warnings.push(`${formatRef(r.ref)}: fields owned by another manager (${base.conflicts.map((c) => `${c.field} by ${c.manager}`).join(', ')}); the apply will fail unless force-conflicts is true.`);
    result = await client.apply(r.type, desired, { ...options, force: true });
  }
  // Objects outside the inventory are read only when the dry-run says they exist: a create needs no GET.
  const live = member ?? (result.created ? undefined : await client.get(r.type, r.ref));
  const after = result.object;
  const before = live ? normalizeForDiff(live) : undefined;
  const normalizedAfter = live ? normalizeForDiff(after) : withoutDryRunAllocations(normalizeForDiff(after), desired);
  const action: Action = !before ? 'create' : jsonEqual(before, normalizedAfter) ? 'unchanged' : 'update';
  const entry: PlanEntry = { ...base, action, ...(before ? { before } : {}), after: normalizedAfter };
  return { change: { entry, desired, type: r.type }, warnings };
}

/**
 * A dry-run create allocates a Service's cluster IP that the real create will not get: showing it
 * would be wrong, so allocated fields the manifest does not set are left out of a create's diff.
 */
function withoutDryRunAllocations(after: KubeObject, desired: KubeObject): KubeObject {
  const spec = after.spec;
  const wanted = desired.spec;
  if (after.kind !== 'Service' || !isJsonObject(spec)) return after;
  for (const field of ['clusterIP', 'clusterIPs']) if (!isJsonObject(wanted) || !(field in wanted)) delete spec[field];
  return after;
}

function pruneChange(live: KubeObject, settings: PlanSettings, types: readonly ResourceType[]): PlannedChange {
  const ref = refOf(live);
  const type = types.find((t) => t.group === ref.group && t.kind === ref.kind && t.version === ref.version);
  const reason = retainReason(live, ref, settings);
  const entry: PlanEntry = { ref, action: reason ? 'retain' : 'delete', before: normalizeForDiff(live), notes: reason ? [reason] : ['No longer in the manifests: it will be deleted.'], conflicts: [] };
  return { entry, ...(type ? { type } : {}) };
}

function retainReason(live: KubeObject, ref: ObjectRef, settings: PlanSettings): string | undefined {
  if (!settings.prune) return 'No longer in the manifests; left in place because pruning is off (prune: false).';
  if (getAnnotations(live)[PRUNE_ANNOTATION] === 'disabled') return `No longer in the manifests; left in place because it is annotated ${PRUNE_ANNOTATION}: disabled.`;
  if (isDangerousToPrune(ref) && !settings.pruneDangerous) {
    return `No longer in the manifests; left in place because deleting a ${ref.kind} deletes what it holds (set prune-dangerous: true to prune it).`;
  }
  return undefined;
}

/** Namespaces the change creates: objects inside them cannot be dry-run before the apply. */
async function namespacesCreatedHere(client: ClusterClient, types: readonly ResourceType[], resolved: readonly ResolvedObject[], members: Map<string, KubeObject>): Promise<Set<string>> {
  const nsType = types.find((t) => t.group === '' && t.kind === 'Namespace');
  const declared = resolved.filter((r) => r.ref.group === '' && r.ref.kind === 'Namespace');
  const out = new Set<string>();
  if (!nsType) return out;
  await Promise.all(declared.map(async (r) => {
    if (members.has(refKey(r.ref))) return;
    if (!(await client.get(nsType, r.ref))) out.add(r.ref.name);
  }));
  return out;
}

/** SSA conflict causes: `conflict with "manager" using v1` on field `.data.k`. */
function conflictsOf(error: ClusterError): FieldConflict[] {
  const out = error.causes.flatMap((c) => {
    const manager = /conflict with "([^"]+)"/.exec(c.message ?? '')?.[1];
    return manager ? [{ manager, field: c.field ?? '(unknown field)' }] : [];
  });
  return out.length > 0 ? out : [{ manager: /conflict with "([^"]+)"/.exec(error.message)?.[1] ?? 'another manager', field: '(see message)' }];
}

function dryRunFailure(ref: ObjectRef, error: unknown): string {
  if (error instanceof ClusterError) {
    return `${formatRef(ref)} dry-run failed${error.reason ? ` (${error.reason})` : ''}: ${error.message}`;
  }
  return `${formatRef(ref)} dry-run failed: ${getErrorMessage(error)}`;
}

