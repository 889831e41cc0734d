import type { KubeObject } from '../objects/kube-object.js';
import type { ObjectRef } from '../objects/object-ref.js';
import type { Problem } from './problem.js';
import type { EntryPhase } from './phase.js';
import type { SourceLocation } from '../objects/source-location.js';
import type { ResourceDelta } from './resources.js';

/**
 * What a merge does to one object.
 * - `replace`: an immutable field changes; the object is deleted and created again.
 * - `retain`: no longer in Git but left in place (protected from prune, or pruning is off).
 */
export type Action = 'create' | 'update' | 'replace' | 'delete' | 'unchanged' | 'retain';

/** Every action, most destructive first: the order tables and counts use. */
export const ACTIONS_BY_RISK: readonly Action[] = ['delete', 'replace', 'create', 'update', 'retain', 'unchanged'];

/** A field another manager owns that our apply would take over (or fail on without force). */
export interface FieldConflict {
  manager: string;
  field: string;
}

/** A write by another field manager that owns fields of the live object (its managedFields entry). */
export interface ManagerWrite {
  manager: string;
  /** `Update` (kubectl edit/patch, controllers) or `Apply` (another server-side apply). */
  operation: string;
  /** When it last wrote, as the server recorded it. */
  time?: string;
}

export interface PlanEntry {
  /** Identity with the namespace resolved (undefined for cluster-scoped kinds). */
  ref: ObjectRef;
  action: Action;
  /** The object as it is now (live, or at the base commit), normalised and masked. Absent for a create. */
  before?: KubeObject;
  /** The object as the merge leaves it, normalised and masked. Absent for a delete or retain. */
  after?: KubeObject;
  /**
   * A create's manifest as written (its own fields in its own key order, without our ApplySet
   * label), masked like `after`: what its diff shows. `after` keeps the server's dry-run answer.
   */
  written?: KubeObject;
  /** Where the manifest is (absent for deletions). */
  source?: SourceLocation;
  /** Why the entry looks as it does, for reviewers (e.g. planned from the manifest because its CRD is new). */
  notes: string[];
  /** Field-manager conflicts found by the dry-run. */
  conflicts: FieldConflict[];
  /** Where in the run it is applied: set on every entry of a target that uses hooks or waves. */
  phase?: EntryPhase;
  /** Other field managers that own a field this change sets (the live object's managedFields): who changed it there. */
  changedBy?: ManagerWrite[];
  /** Its manifest is the same at the pull request's base and head: the cluster drifted, the pull request did not change it. */
  drift?: true;
}

/**
 * The result of planning one target. `basis` says what `before` is: the live cluster,
 * or (without cluster access) the manifests at the pull request's base commit.
 */
export interface Plan {
  target: string;
  commit: string;
  basis: 'cluster' | 'git';
  /** The commit this target's ApplySet records as applied (a live plan of a target applied before). */
  liveCommit?: string;
  entries: PlanEntry[];
  /** Per-object failures of planning: the plan goes on, the run fails. */
  problems: Problem[];
  warnings: string[];
  /** How the plan's Helm charts were rendered; absent when no HelmChart was loaded. */
  helm?: HelmRendering;
  /** What the change does to requested CPU, memory, pods and storage (a live plan's; src/plan/resource-delta.ts). */
  resources?: ResourceDelta;
}

/** The Helm side of a plan: which helm, which Capabilities, and which fields are generated anew on every render. */
export interface HelmRendering {
  /** `helm version --short`. */
  helmVersion: string;
  /** What `.Capabilities` was: `the live cluster's Capabilities (Kubernetes v1.36.3, 312 API versions)` or `helm's built-in Capabilities`. */
  capabilities: string;
  /** A git plan whose base has charts too: whether base and head were rendered with the same Capabilities. */
  sameCapabilitiesForBase?: boolean;
  /** Objects with fields that differed between two renders of their chart: the object, its source and the paths (never the values). */
  nonDeterministic: { object: string; source: string; paths: string[] }[];
}

export type ActionCounts = Record<Action, number>;

export function countActions(entries: readonly PlanEntry[]): ActionCounts {
  const counts: ActionCounts = { create: 0, update: 0, replace: 0, delete: 0, unchanged: 0, retain: 0 };
  for (const e of entries) counts[e.action] += 1;
  return counts;
}

/** How many entries are drift rather than the pull request's own changes. */
export function countDrifted(entries: readonly PlanEntry[]): number {
  return entries.filter((e) => e.drift).length;
}

export function hasChanges(plan: Plan): boolean {
  return plan.entries.some((e) => e.action !== 'unchanged' && e.action !== 'retain');
}

export function assertNever(value: never): never {
  throw new Error(`unexpected value: ${String(value)}`);
}
