// The inventory of what a target owns, as a standard ApplySet (KEP-3659, as kubectl implements it):
// a parent Secret carrying the set's id and the group-kinds and namespaces of its members; every
// member labelled `applyset.kubernetes.io/part-of=<id>`. kubectl and other tools can read it.
import { createHash } from 'node:crypto';
import { ConfigurationError } from '../model/errors.js';
import { getAnnotations, getLabels, isJsonObject, type KubeObject } from '../objects/kube-object.js';

export const PART_OF_LABEL = 'applyset.kubernetes.io/part-of';
export const ID_LABEL = 'applyset.kubernetes.io/id';
export const TOOLING_ANNOTATION = 'applyset.kubernetes.io/tooling';
export const GROUP_KINDS_ANNOTATION = 'applyset.kubernetes.io/contains-group-kinds';
const NAMESPACES_ANNOTATION = 'applyset.kubernetes.io/additional-namespaces';
export const COMMIT_ANNOTATION = 'kube-gitops.io/applied-commit';
export const APPLIED_AT_ANNOTATION = 'kube-gitops.io/applied-at';
/** On a member: never delete this object, even when it leaves Git. */
export const PRUNE_ANNOTATION = 'kube-gitops.io/prune';
/** On the parent: the manifest digest each hook last ran from, as JSON `{refKey: digest}`. */
export const HOOK_DIGESTS_ANNOTATION = 'kube-gitops.io/hook-digests';

export const TOOL_NAME = 'kube-gitops';

export interface Inventory {
  id: string;
  parentName: string;
  parentNamespace: string;
  /** `Kind.group` (`Kind` for core), as the parent records them. */
  groupKinds: string[];
  /** Namespaces holding members, besides the parent's own. */
  namespaces: string[];
  /** The commit last applied, when recorded. */
  appliedCommit?: string;
  /** The tool that owns the set, as recorded; undefined for a new set. */
  tooling?: string;
  /** The manifest digest each hook last ran from, by refKey. */
  hookDigests: Record<string, string>;
  exists: boolean;
  /** The parent's resourceVersion when read: a later read that differs means another run wrote it since. */
  resourceVersion?: string;
}

export function parentName(target: string): string {
  return `kube-gitops-${target}`;
}

/** `applyset-<base64url(sha256(name.namespace.Kind.group))>-v1`, exactly as kubectl computes it. */
export function applySetId(name: string, namespace: string, kind = 'Secret', group = ''): string {
  const hash = createHash('sha256').update([name, namespace, kind, group].join('.')).digest('base64url');
  return `applyset-${hash}-v1`;
}

function splitList(value: string | undefined): string[] {
  return value
    ? value
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s !== '')
    : [];
}

/** The inventory recorded on a parent Secret (or an empty one when there is no parent yet). */
export function readInventory(target: string, namespace: string, parent: KubeObject | undefined): Inventory {
  const name = parentName(target);
  const id = applySetId(name, namespace);
  if (!parent) return { id, parentName: name, parentNamespace: namespace, groupKinds: [], namespaces: [], hookDigests: {}, exists: false };
  const ann = getAnnotations(parent);
  const labelId = getLabels(parent)[ID_LABEL];
  if (labelId !== undefined && labelId !== id) {
    throw new ConfigurationError(`the ApplySet parent Secret ${namespace}/${name} carries id ${labelId}, expected ${id}; it was not made for this target`);
  }
  const commit = ann[COMMIT_ANNOTATION];
  const tooling = ann[TOOLING_ANNOTATION];
  return {
    id,
    parentName: name,
    parentNamespace: namespace,
    exists: true,
    groupKinds: splitList(ann[GROUP_KINDS_ANNOTATION]),
    namespaces: splitList(ann[NAMESPACES_ANNOTATION]),
    hookDigests: parseDigests(ann[HOOK_DIGESTS_ANNOTATION]),
    ...(commit ? { appliedCommit: commit } : {}),
    ...(tooling ? { tooling } : {}),
    ...(typeof parent.metadata.resourceVersion === 'string' ? { resourceVersion: parent.metadata.resourceVersion } : {}),
  };
}

/** The recorded hook digests; anything unreadable counts as none recorded (the hooks then run again). */
function parseDigests(text: string | undefined): Record<string, string> {
  if (!text) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return {};
  }
  if (!isJsonObject(parsed)) return {};
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(parsed)) if (typeof v === 'string') out[k] = v;
  return out;
}

/** Whether a set recorded by another tool (kubectl, another applier) must be left alone. */
export function isOwnedByOtherTool(inventory: Inventory): boolean {
  return inventory.tooling !== undefined && !inventory.tooling.startsWith(`${TOOL_NAME}/`);
}

export interface ParentContent {
  groupKinds: Iterable<string>;
  namespaces: Iterable<string>;
  version: string;
  commit?: string;
  appliedAt?: string;
  /** The manifest digest each hook last ran from, by refKey. */
  hookDigests?: Readonly<Record<string, string>>;
}

/** The parent Secret to server-side apply: the set's id, tooling, members' group-kinds and namespaces. */
export function parentObject(inventory: Inventory, content: ParentContent): KubeObject {
  const namespaces = [...new Set(content.namespaces)].filter((n) => n !== inventory.parentNamespace).sort();
  const annotations: Record<string, string> = {
    [TOOLING_ANNOTATION]: `${TOOL_NAME}/${content.version}`,
    [GROUP_KINDS_ANNOTATION]: [...new Set(content.groupKinds)].sort().join(','),
    [NAMESPACES_ANNOTATION]: namespaces.join(','),
  };
  if (content.commit) annotations[COMMIT_ANNOTATION] = content.commit;
  if (content.appliedAt) annotations[APPLIED_AT_ANNOTATION] = content.appliedAt;
  const digests = Object.entries(content.hookDigests ?? {}).sort(([a], [b]) => a.localeCompare(b));
  if (digests.length > 0) annotations[HOOK_DIGESTS_ANNOTATION] = JSON.stringify(Object.fromEntries(digests));
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: inventory.parentName, namespace: inventory.parentNamespace, labels: { [ID_LABEL]: inventory.id }, annotations },
    type: 'Opaque',
  };
}

/** A copy of a desired object labelled as a member of the set. */
export function withMemberLabel(obj: KubeObject, id: string): KubeObject {
  const labels = { ...(isJsonObject(obj.metadata.labels) ? obj.metadata.labels : {}), [PART_OF_LABEL]: id };
  return { ...obj, metadata: { ...obj.metadata, labels } };
}

/** Annotations whose value the parent must carry as computed; applied-at only has to be present when wanted. */
const RECORDED_ANNOTATIONS = [TOOLING_ANNOTATION, GROUP_KINDS_ANNOTATION, NAMESPACES_ANNOTATION, COMMIT_ANNOTATION, HOOK_DIGESTS_ANNOTATION];

/**
 * Does the live parent already record what `wanted` would write? Every annotation we record is
 * compared (tooling version and commit included: a new commit is new content); only the time of
 * the last write is not, so a no-op re-run of the same commit writes nothing.
 */
export function isParentCurrent(live: KubeObject | undefined, wanted: KubeObject): boolean {
  if (!live) return false;
  const have = getAnnotations(live);
  const want = getAnnotations(wanted);
  if (getLabels(live)[ID_LABEL] !== getLabels(wanted)[ID_LABEL] || live.type !== wanted.type) return false;
  if ((have[APPLIED_AT_ANNOTATION] === undefined) !== (want[APPLIED_AT_ANNOTATION] === undefined)) return false;
  return RECORDED_ANNOTATIONS.every((key) => have[key] === want[key]);
}
