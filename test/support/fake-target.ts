// The one target the fake-cluster branch tests use: its field manager, its ApplySet id, its parent
// Secret as a given set of group-kinds records it, and a member label.
import { applySetId, parentObject, readInventory, withMemberLabel } from '../../src/inventory/applyset.js';
import type { KubeObject } from '../../src/objects/kube-object.js';

export const MANAGER = 'kube-gitops';
export const TARGET = 'shop';
export const SET_ID = applySetId(`kube-gitops-${TARGET}`, 'apps');

/** The target's ApplySet parent recording these group-kinds, as an earlier apply of commit c0ffee0 left it. */
export function parent(...groupKinds: string[]): KubeObject {
  return parentObject(readInventory(TARGET, 'apps', undefined), { groupKinds, namespaces: [], version: '0.1.0', commit: 'c0ffee0' });
}

export const member = (obj: KubeObject): KubeObject => withMemberLabel(obj, SET_ID);
