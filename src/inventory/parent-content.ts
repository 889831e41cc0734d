// What the ApplySet parent records at each point of an apply, as pure functions of the plan:
// before the first write, the union of what it recorded and what the change touches (so an
// interrupted run still owns everything it may have written); after prune, what is kept.
import { groupKind, type ObjectRef } from '../objects/object-ref.js';
import type { Action } from '../model/plan.js';
import { APPLIED_AT_ANNOTATION, parentObject, type Inventory } from './applyset.js';
import { getAnnotations, type KubeObject } from '../objects/kube-object.js';

/** The members a parent records. */
export interface RecordedSet {
  groupKinds: string[];
  namespaces: string[];
  /** The manifest digest each hook last ran from, by refKey. */
  hookDigests: Record<string, string>;
}

/** One object of the change, as the record needs it. */
interface ChangedObject {
  ref: ObjectRef;
  action: Action;
}

function namespacesOf(refs: readonly ObjectRef[]): string[] {
  return refs.flatMap((r) => (r.namespace ? [r.namespace] : []));
}

/** While applying: what was recorded, every object of the change (deletions too when they are not pruned), every namespace it touches. */
export function recordedWhileApplying(inventory: Inventory, changed: readonly ChangedObject[], prune: boolean): RecordedSet {
  const members = changed.filter((c) => c.action !== 'delete' || !prune);
  return {
    groupKinds: [...inventory.groupKinds, ...members.map((c) => groupKind(c.ref))],
    namespaces: [...inventory.namespaces, ...namespacesOf(changed.map((c) => c.ref))],
    hookDigests: inventory.hookDigests,
  };
}

/** After prune: the objects kept (everything but what was deleted), and the manifests the hooks ran from. */
export function recordedAfterPrune(kept: readonly ObjectRef[], hookDigests: Record<string, string> = {}): RecordedSet {
  return { groupKinds: kept.map(groupKind), namespaces: namespacesOf(kept), hookDigests };
}

/** How the parent is stamped: with this run's commit and time once the set is final, else as it was. */
export type ParentStamp = { final: true; commit: string; appliedAt: string } | { final: false };

/** The parent Secret to write: the set, the tool's version, and the stamp (a non-final write keeps the live one). */
export function parentContentAt(inventory: Inventory, live: KubeObject | undefined, set: RecordedSet, version: string, stamp: ParentStamp): KubeObject {
  const liveAt = live ? getAnnotations(live)[APPLIED_AT_ANNOTATION] : undefined;
  const kept = stamp.final
    ? { commit: stamp.commit, appliedAt: stamp.appliedAt }
    : { ...(inventory.appliedCommit ? { commit: inventory.appliedCommit } : {}), ...(liveAt ? { appliedAt: liveAt } : {}) };
  return parentObject(inventory, { ...set, version, ...kept });
}
