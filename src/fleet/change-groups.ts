// The same change in many targets, shown once: entries of the planned targets are grouped by their
// action, kind (with apiVersion), name, namespace and masked diff. Where a target's objects follow
// its own namespace (the `run.namespace` its plan file names), that namespace is abstracted: in the
// entry's identity and in every field named `namespace` of both objects, it reads NAMESPACE, so
// `api` in `shop-eu` and in `shop-us` is one change; the ApplySet label's value (each target's own
// id) reads APPLYSET, so the same create in many targets is one change too. An object that holds the placeholder text itself
// is never grouped with another target's (the key stays injective). Pure; the objects are copied.
import { cloneObject, isJsonObject, type JsonValue, type KubeObject } from '../objects/kube-object.js';
import type { ObjectRef } from '../objects/object-ref.js';
import { PART_OF_LABEL } from '../inventory/applyset.js';
import { ACTIONS_BY_RISK, type Action, type FieldConflict, type PlanEntry } from '../model/plan.js';
import { entryDiff, type EntryDiff } from '../render/object-diff.js';
import type { ServerSetting } from '../render/server-sets.js';
import type { FleetMember } from './fleet-members.js';

/** What an abstracted namespace reads as, in identities and diffs. */
export const NAMESPACE = '$NAMESPACE';
/** What the ApplySet label's value reads as: each target's ApplySet has its own id, so the same create differs by it alone. */
export const APPLYSET = '$APPLYSET';

export interface ChangeGroup {
  action: Action;
  /** The identity, its namespace NAMESPACE when abstracted. */
  ref: ObjectRef;
  /** Drift in the cluster the merge sets back, not the pull request's own change. */
  drift: boolean;
  conflicts: FieldConflict[];
  /** The unified diff of the masked objects (abstracted). */
  diff: string;
  /** A create shown as written: what the server also sets (src/render/server-sets.ts). */
  serverSets: ServerSetting[];
  /** The targets it is planned in, in the fleet's order. */
  targets: string[];
}

function abstracted(value: JsonValue, namespace: string): JsonValue {
  if (Array.isArray(value)) return value.map((v) => abstracted(v, namespace));
  if (!isJsonObject(value)) return value;
  const out: Record<string, JsonValue> = {};
  for (const [k, v] of Object.entries(value)) {
    Object.defineProperty(out, k, {
      value: k === 'namespace' && v === namespace ? NAMESPACE : abstracted(v, namespace),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return out;
}

function abstractObject(obj: KubeObject | undefined, namespace: string): KubeObject | undefined {
  if (!obj) return obj;
  const copy = (namespace ? abstracted(cloneObject(obj), namespace) : cloneObject(obj)) as KubeObject;
  const labels = copy.metadata.labels;
  if (isJsonObject(labels) && typeof labels[PART_OF_LABEL] === 'string') labels[PART_OF_LABEL] = APPLYSET;
  return copy;
}

const holdsPlaceholder = (e: PlanEntry): boolean =>
  [e.before, e.after, e.written, e.ref.namespace].some(
    (v) => v !== undefined && (JSON.stringify(v).includes(NAMESPACE) || JSON.stringify(v).includes(APPLYSET)),
  );

/** The diff of two objects, computed once per distinct pair (the same change in 100 targets is one diff). */
type DiffCache = Map<string, EntryDiff>;

function diffOf(entry: PlanEntry, namespace: string, cache: DiffCache): EntryDiff {
  if (entry.action === 'retain') return { diff: '', serverSets: [] };
  const before = abstractObject(entry.before, namespace);
  const after = abstractObject(entry.after, namespace);
  const written = abstractObject(entry.written, namespace);
  const pair = JSON.stringify([before ?? null, after ?? null, written ?? null]);
  const known = cache.get(pair);
  if (known !== undefined) return known;
  // A create shows its manifest as written, as the plan's own comment does.
  const diff = entryDiff({ ...entry, ...(before ? { before } : {}), ...(after ? { after } : {}), ...(written ? { written } : {}) });
  cache.set(pair, diff);
  return diff;
}

function groupOf(entry: PlanEntry, target: string, namespace: string, cache: DiffCache): { key: string; group: ChangeGroup } {
  const follows = namespace !== '' && entry.ref.namespace === namespace;
  const ref = follows ? { ...entry.ref, namespace: NAMESPACE } : entry.ref;
  const { diff, serverSets } = diffOf(entry, namespace, cache);
  const apiVersion = ref.group ? `${ref.group}/${ref.version}` : ref.version;
  const own = holdsPlaceholder(entry) ? target : null;
  const key = JSON.stringify([
    entry.action,
    apiVersion,
    ref.kind,
    ref.name,
    ref.namespace ?? null,
    entry.drift === true,
    entry.conflicts,
    diff,
    serverSets,
    own,
  ]);
  const group = { action: entry.action, ref, drift: entry.drift === true, conflicts: entry.conflicts, diff, serverSets, targets: [target] };
  return { key, group };
}

const risk = (g: ChangeGroup): number => ACTIONS_BY_RISK.indexOf(g.action);
const destructive = (g: ChangeGroup): boolean => g.action === 'delete' || g.action === 'replace';

/** Destructive groups first, then the most widespread, then by action and identity. */
function compareGroups(a: ChangeGroup, b: ChangeGroup): number {
  return (
    Number(destructive(b)) - Number(destructive(a)) ||
    b.targets.length - a.targets.length ||
    risk(a) - risk(b) ||
    `${a.ref.kind}/${a.ref.name}`.localeCompare(`${b.ref.kind}/${b.ref.name}`)
  );
}

/** Every change of the planned targets, identical ones as one group naming their targets. */
export function changeGroups(members: readonly FleetMember[]): ChangeGroup[] {
  const groups = new Map<string, ChangeGroup>();
  const cache: DiffCache = new Map();
  for (const m of members) {
    if (m.kind !== 'planned') continue;
    for (const entry of m.file.plan.entries) {
      if (entry.action === 'unchanged') continue;
      const { key, group } = groupOf(entry, m.target, m.file.run.namespace, cache);
      const found = groups.get(key);
      if (found) found.targets.push(m.target);
      else groups.set(key, group);
    }
  }
  return [...groups.values()].sort(compareGroups);
}
