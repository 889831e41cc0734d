// Plans one desired object: proven unchanged from its managed fields, or dry-run on the server
// (where it lives, or in a stand-in namespace while its Namespace is new), or checked against its
// CRD's schema while the CRD is new. Never writes to the cluster.
import type { ApplyResult, ResourceType } from '../cluster/cluster-client.js';
import { ClusterError, isConflict, isImmutableError } from '../cluster/cluster-error.js';
import { getErrorMessage } from '../model/errors.js';
import type { KubeObject } from '../objects/kube-object.js';
import { formatRef, refKey } from '../objects/object-ref.js';
import { withMemberLabel } from '../inventory/applyset.js';
import { describeApplySet, foreignOwnership } from '../inventory/ownership.js';
import { isUndecrypted } from '../model/sops-marks.js';
import { managersOfChange } from './change-managers.js';
import { withoutDryRunAllocations } from './dry-run-allocations.js';
import { dryRunInStandIn, UNCHECKED_IN_NEW_NAMESPACE } from './namespace-stand-in.js';
import { isProvenNoOpApply } from './no-op-apply.js';
import { jsonEqual, normalizeForDiff } from './normalize.js';
import { MissingNamespaceError } from './missing-namespace.js';
import { ObjectProblem } from './object-problem.js';
import type { ObjectPlan, PlanContext } from './plan-context.js';
import { planUndecrypted } from './undecrypted-plan.js';
import type { Action, FieldConflict, PlanEntry } from '../model/plan.js';
import { checkReplacementCreates } from './replace-check.js';
import { writtenForm } from './written-form.js';
import type { ResolvedObject } from './resolve-objects.js';

type EntryBase = Pick<PlanEntry, 'ref' | 'source' | 'notes' | 'conflicts'>;

export async function planObject(r: ResolvedObject, ctx: PlanContext): Promise<ObjectPlan> {
  const desired = withMemberLabel(r.object, ctx.inventory.id);
  const base: EntryBase = { ref: r.ref, source: r.source, notes: [], conflicts: [] };
  if (isUndecrypted(r.object)) return planUndecrypted(r, desired, base, ctx);
  if (!r.type) return planFromCrdSchema(r, desired, base, ctx);
  if (r.ref.namespace && ctx.pendingNamespaces.has(r.ref.namespace)) return planInNewNamespace(r.type, r.ref.namespace, desired, base, ctx);
  const member = ctx.members.get(refKey(r.ref));
  if (member && isProvenNoOpApply(desired, member, ctx.settings.fieldManager)) {
    const same = normalizeForDiff(member);
    return { change: { entry: { ...base, action: 'unchanged', before: same, after: same }, desired, type: r.type }, warnings: [], proven: true };
  }
  return planWithDryRun(r.type, desired, member, base, ctx);
}

async function planWithDryRun(type: ResourceType, desired: KubeObject, member: KubeObject | undefined, base: EntryBase, ctx: PlanContext): Promise<ObjectPlan> {
  const { client, settings } = ctx;
  const options = { fieldManager: settings.fieldManager, force: settings.forceConflicts, dryRun: true };
  let result: ApplyResult;
  const warnings: string[] = [];
  try {
    result = await client.apply(type, desired, options);
    warnings.push(...result.warnings.map((w) => `${formatRef(base.ref)}: ${w}`));
  } catch (error) {
    const live = isImmutableError(error) ? (member ?? (await client.get(type, base.ref))) : undefined;
    if (live) return planReplace(type, desired, live, member, error, base, ctx);
    if (!isConflict(error)) throw error;
    base.conflicts.push(...conflictsOf(error));
    warnings.push(
      `${formatRef(base.ref)}: fields owned by another manager (${base.conflicts.map((c) => `${c.field} by ${c.manager}`).join(', ')}); the apply will fail unless force-conflicts is true.`,
    );
    result = await client.apply(type, desired, { ...options, force: true });
  }
  // Objects outside the inventory are read only when the dry-run says they exist: a create needs no GET.
  const live = member ?? (result.created ? undefined : await client.get(type, base.ref));
  if (live && !member) await checkOwnership(live, base, ctx);
  const before = live ? normalizeForDiff(live) : undefined;
  const after = live ? normalizeForDiff(result.object) : withoutDryRunAllocations(normalizeForDiff(result.object), desired);
  const action: Action = !before ? 'create' : jsonEqual(before, after) ? 'unchanged' : 'update';
  const changedBy = live && before && action === 'update' ? { changedBy: managersOfChange(live, before, after, settings.fieldManager) } : {};
  const written = action === 'create' ? { written: writtenForm(desired) } : {};
  const entry: PlanEntry = { ...base, action, ...(before ? { before } : {}), after, ...written, ...changedBy };
  return { change: { entry, desired, type }, warnings };
}

/** An immutable field changes: the new manifest must be creatable, or the delete would leave nothing. */
async function planReplace(
  type: ResourceType,
  desired: KubeObject,
  live: KubeObject,
  member: KubeObject | undefined,
  immutable: unknown,
  base: EntryBase,
  ctx: PlanContext,
): Promise<ObjectPlan> {
  if (!member) await checkOwnership(live, base, ctx);
  try {
    await checkReplacementCreates(ctx.client, type, desired, ctx.settings.fieldManager);
  } catch (error) {
    throw new ObjectProblem(
      `${formatRef(base.ref)} cannot be replaced: its immutable fields change, and the server refuses its new manifest as a create, so the live object is kept (${dryRunReason(error)}).`,
    );
  }
  const before = normalizeForDiff(live);
  const after = normalizeForDiff(desired);
  const entry: PlanEntry = {
    ...base,
    action: 'replace',
    before,
    after,
    changedBy: managersOfChange(live, before, after, ctx.settings.fieldManager),
    notes: [...base.notes, `Will be deleted and created again: ${getErrorMessage(immutable)}`],
  };
  return { change: { entry, desired, type }, warnings: [] };
}

async function planInNewNamespace(type: ResourceType, namespace: string, desired: KubeObject, base: EntryBase, ctx: PlanContext): Promise<ObjectPlan> {
  const verdict = await dryRunInStandIn(ctx.client, type, desired, await ctx.standIns(), ctx.settings.fieldManager);
  const warnings: string[] = [];
  const notes = [`Planned from the manifest: its Namespace ${namespace} is created in this change.`];
  if (verdict.state === 'valid') {
    notes.push(
      `Validated by a server-side dry-run in the existing namespace ${verdict.namespace}; not checked before the apply: ${UNCHECKED_IN_NEW_NAMESPACE}.`,
    );
  } else {
    notes.push(`Not validated before the apply: no existing namespace could stand in for ${namespace} (${verdict.reason}).`);
    warnings.push(`${formatRef(base.ref)} is not validated before the apply: no existing namespace could stand in for ${namespace} (${verdict.reason}).`);
  }
  const entry: PlanEntry = { ...base, action: 'create', after: normalizeForDiff(desired), written: writtenForm(desired), notes };
  return { change: { entry, desired, type, pending: 'namespace' }, warnings };
}

async function planFromCrdSchema(r: ResolvedObject, desired: KubeObject, base: EntryBase, ctx: PlanContext): Promise<ObjectPlan> {
  // No dry-run can say that its namespace is missing: asked here, as the dry-run would have.
  const namespace = r.ref.namespace;
  if (namespace && !ctx.pendingNamespaces.has(namespace) && !(await ctx.namespaceExists(namespace))) throw new MissingNamespaceError(namespace);
  const verdict = ctx.crdSchemas.validate(desired);
  const notes = ['Planned from the manifest: its CustomResourceDefinition is created in this change, so the server cannot dry-run it yet.'];
  if (verdict && verdict.errors.length > 0) {
    throw new ObjectProblem(
      `${formatRef(r.ref)} is invalid against the schema of its CustomResourceDefinition ${verdict.crdName}: ${verdict.errors.join('; ')}`,
    );
  }
  if (verdict) {
    const unchecked = [...verdict.unchecked, 'admission webhooks and policies'];
    notes.push(`Validated against the openAPIV3Schema of ${verdict.crdName}; not checked before the apply: ${unchecked.join(', ')}.`);
  }
  const entry: PlanEntry = { ...base, action: 'create', after: normalizeForDiff(desired), written: writtenForm(desired), notes };
  return { change: { entry, desired, pending: 'crd' }, warnings: [] };
}

/** A live object of another ApplySet is refused, or adopted when the settings allow it. */
async function checkOwnership(live: KubeObject, base: EntryBase, ctx: PlanContext): Promise<void> {
  const foreign = foreignOwnership(live, ctx.inventory);
  if (!foreign) return;
  const namespaces = [...(base.ref.namespace ? [base.ref.namespace] : []), ctx.inventory.parentNamespace];
  const set = await describeApplySet(ctx.client, ctx.secretType, foreign.setId, namespaces);
  if (foreign.role === 'parent') {
    throw new ObjectProblem(`${formatRef(base.ref)} is the parent of another ${set}: kube-gitops will not apply over it.`);
  }
  if (!ctx.settings.adopt) {
    throw new ObjectProblem(
      `${formatRef(base.ref)} belongs to another ${set}: kube-gitops will not take it over, since that set's next prune could delete it. Remove it from one of the two targets, or set adopt: true to move it to this target.`,
    );
  }
  base.notes.push(`Adopted from ${set} (adopt: true): it becomes a member of this target, and the other set no longer prunes it.`);
}

/** SSA conflict causes: `conflict with "manager" using v1` on field `.data.k`. */
function conflictsOf(error: ClusterError): FieldConflict[] {
  const out = error.causes.flatMap((c) => {
    const manager = /conflict with "([^"]+)"/.exec(c.message ?? '')?.[1];
    return manager ? [{ manager, field: c.field ?? '(unknown field)' }] : [];
  });
  return out.length > 0 ? out : [{ manager: /conflict with "([^"]+)"/.exec(error.message)?.[1] ?? 'another manager', field: '(see message)' }];
}

/** `Invalid: <server message>`, the reason first when the server gave one. */
function dryRunReason(error: unknown): string {
  if (error instanceof ClusterError) return `${error.reason ? `${error.reason}: ` : ''}${error.message}`;
  return getErrorMessage(error);
}
