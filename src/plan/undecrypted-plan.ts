// A live plan of an object that could not be decrypted here: never sent to the server (its
// ciphertext is no valid object), only read: created when it is not live, unchanged when the live
// object was decrypted from this very ciphertext, updated otherwise.
import type { ResourceType } from '../cluster/cluster-client.js';
import type { KubeObject } from '../objects/kube-object.js';
import { refKey } from '../objects/object-ref.js';
import { normalizeForDiff } from './normalize.js';
import type { ObjectPlan, PlanContext } from './plan-context.js';
import type { PlanEntry } from '../model/plan.js';
import type { ResolvedObject } from './resolve-objects.js';
import { ciphertextOf } from '../model/sops-marks.js';

export async function planUndecrypted(
  r: ResolvedObject,
  desired: KubeObject,
  base: Pick<PlanEntry, 'ref' | 'source' | 'notes' | 'conflicts'>,
  ctx: PlanContext,
): Promise<ObjectPlan> {
  const live = ctx.members.get(refKey(r.ref)) ?? (r.type ? await ctx.client.get(r.type, r.ref) : undefined);
  const action = !live ? 'create' : ciphertextOf(live) === ciphertextOf(desired) ? 'unchanged' : 'update';
  const entry: PlanEntry = { ...base, action, ...(live ? { before: normalizeForDiff(live) } : {}), after: normalizeForDiff(desired) };
  const type: { type?: ResourceType } = r.type ? { type: r.type } : {};
  return { change: { entry, desired, ...type }, warnings: [] };
}
