// Whether a hook runs on this merge, as a pure function: on a merge that writes anything else, and
// when its own manifest differs from the one it last ran from (recorded on the ApplySet parent);
// not on a re-run that has nothing to do. Fields a chart generates anew on every render are not
// part of the digest.
import { withValueAt, type FieldPath } from '../objects/field-path.js';
import { jsonDigest } from '../objects/json-digest.js';
import { isIdentityPath } from '../objects/object-ref.js';
import type { KubeObject } from '../objects/kube-object.js';
import type { HookDecision } from '../model/phase.js';

export interface HookFacts {
  /** Objects other than hooks that the merge creates, updates, replaces or deletes. */
  otherWrites: number;
  /** The digest of the hook's manifest now. */
  digest: string;
  /** The digest it last ran from, as the ApplySet parent records it. */
  recorded?: string;
}

export function decideHook(facts: HookFacts): HookDecision {
  if (facts.recorded === undefined) return { runs: true, reason: 'Runs on this merge: it has not run from this manifest before.' };
  if (facts.recorded !== facts.digest) return { runs: true, reason: 'Runs on this merge: its manifest changed since it last ran.' };
  if (facts.otherWrites > 0) return { runs: true, reason: `Runs on this merge: the merge writes ${facts.otherWrites} other object(s).` };
  return { runs: false, reason: 'Does not run on this merge: nothing else changes, and it last ran from this same manifest.' };
}

/**
 * A short, stable digest of a manifest: its JSON with keys sorted, the paths its chart renders anew
 * every time (`generated`, helm-determinism.ts) left out, so a hook does not run again only because
 * a render generated another password (its name is always kept).
 */
export function manifestDigest(object: KubeObject, generated: readonly FieldPath[] = []): string {
  let stable = object;
  for (const path of generated) if (!isIdentityPath(path)) stable = withValueAt(stable, path, null) ?? stable;
  return jsonDigest(stable);
}
