// Which ApplySet a live object belongs to, as its labels say, and how to name another set to a
// user. A target never takes over another set's objects or its parent unless told to (adopt), since
// the other set's next prune would otherwise delete what this target now applies.
import type { ClusterClient, ResourceType } from '../cluster/cluster-client.js';
import { getAnnotations, getLabels, type KubeObject } from '../objects/kube-object.js';
import type { ObjectRef } from '../objects/object-ref.js';
import { ID_LABEL, PART_OF_LABEL, TOOLING_ANNOTATION, type Inventory } from './applyset.js';

export type ForeignOwnership =
  /** The object is a member of another set. */
  | { role: 'member'; setId: string }
  /** The object is another set's parent: it records what that set owns. */
  | { role: 'parent'; setId: string };

/** Is the manifest this target's own ApplySet parent Secret (which kube-gitops writes itself)? */
export function isOwnParent(ref: ObjectRef, inventory: Inventory): boolean {
  return ref.group === '' && ref.kind === 'Secret' && ref.namespace === inventory.parentNamespace && ref.name === inventory.parentName;
}

/** How the live object belongs to a set other than this target's; undefined when it does not. */
export function foreignOwnership(live: KubeObject, inventory: Inventory): ForeignOwnership | undefined {
  const labels = getLabels(live);
  const parentOf = labels[ID_LABEL];
  if (parentOf !== undefined && parentOf !== inventory.id) return { role: 'parent', setId: parentOf };
  const memberOf = labels[PART_OF_LABEL];
  if (memberOf !== undefined && memberOf !== '' && memberOf !== inventory.id) return { role: 'member', setId: memberOf };
  return undefined;
}

/**
 * `ApplySet <id> (parent Secret ns/name, kube-gitops/0.1.0)`: the parent is looked for among the
 * Secrets of `namespaces` (a set's id is a hash of its parent, so it is found, not computed). Only
 * asked when a foreign object was found; a failed look-up leaves the parent out.
 */
export async function describeApplySet(client: ClusterClient, secretType: ResourceType, setId: string, namespaces: readonly string[]): Promise<string> {
  for (const namespace of new Set(namespaces)) {
    try {
      const [parent] = await client.list(secretType, { namespace, labelSelector: `${ID_LABEL}=${setId}` });
      if (!parent) continue;
      const tooling = getAnnotations(parent)[TOOLING_ANNOTATION];
      return `ApplySet ${setId} (parent Secret ${namespace}/${parent.metadata.name}${tooling ? `, ${tooling}` : ''})`;
    } catch {
      // Listing Secrets there is not allowed or failed: the set is named by its id alone.
    }
  }
  return `ApplySet ${setId}`;
}
