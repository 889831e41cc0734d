// What a reviewer approved, in digests: per changed object its identity, action and normalised,
// masked result, and the digest of its manifest; plus digests of the whole plan and of the rendered
// manifests. No Secret value is hashed, not even raw: Secret data is replaced by its keys and every
// registered value by the redactor's marker before anything is digested.
import { jsonDigest } from '../objects/json-digest.js';
import { cloneObject, isJsonObject, type JsonValue, type KubeObject } from '../objects/kube-object.js';
import type { DesiredObject } from '../objects/desired-object.js';
import { refKey, refOf, type ObjectRef } from '../objects/object-ref.js';
import { isSecret } from '../plan/mask-secrets.js';
import type { Action, Plan, PlanEntry } from '../model/plan.js';
import type { SecretRedactor } from '../redaction/secret-redactor.js';
import { sopsFields } from '../model/sops-marks.js';

/** One object's planned change, digested. */
export interface ObjectDigest {
  /** Digest of the identity reviewers see (group, kind, namespace, name). */
  id: string;
  action: Action;
  /** Digest of the action and the normalised, masked result (what the merge leaves). */
  result: string;
  /** Digest of its masked manifest; '' when it has none (a delete). */
  manifest: string;
}

export interface ReviewRecord {
  target: string;
  /** The commit planned (a pull request's head). */
  commit: string;
  /** `git`: a diff of manifests without the cluster (a fork's pull request): not live, never matches. */
  basis: Plan['basis'];
  /** Digest of every changed object's identity, action and result. */
  plan: string;
  /** Digest of the rendered manifests (masked). */
  manifests: string;
  /** The changed objects, when there were few enough to record one by one. */
  objects?: ObjectDigest[];
}

/** Beyond this many changed objects only the two digests are recorded (the comment has a size limit). */
export const MAX_RECORDED_OBJECTS = 400;

const isChange = (e: PlanEntry): boolean => e.action !== 'unchanged' && e.action !== 'retain';

/** A manifest as it may be digested: Secret values gone (keys kept), every registered value masked. */
function maskedManifest(object: KubeObject, redactor: SecretRedactor): KubeObject {
  // The redactor copies only what it changes, so an object with nothing to blank is not cloned.
  if (!isSecret(object) && sopsFields(object).length === 0) return redactor.redact(object);
  const out = cloneObject(object);
  if (isSecret(out)) {
    for (const field of ['data', 'stringData'] as const) {
      const map = out[field];
      if (isJsonObject(map)) out[field] = Object.fromEntries(Object.keys(map).map((k) => [k, '']));
    }
  }
  // A SOPS object's encrypted fields keep their shape and lose every value: short values, numbers
  // and booleans escape the redactor, and a digest of them could be guessed offline from the comment.
  for (const field of sopsFields(out)) {
    const value = out[field];
    if (value !== undefined) out[field] = blankLeaves(value);
  }
  return redactor.redact(out);
}

function blankLeaves(value: JsonValue): JsonValue {
  if (Array.isArray(value)) return value.map(blankLeaves);
  if (isJsonObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, blankLeaves(v)]));
  return '';
}

/** Each manifest's identity and the digest of its masked form, in the order given. */
function manifestDigests(desired: readonly DesiredObject[], redactor: SecretRedactor): ReadonlyArray<readonly [string, string]> {
  return desired.map((d) => [refKey(refOf(d.object)), jsonDigest(maskedManifest(d.object, redactor))] as const);
}

/** Looks up an entry's manifest: by its resolved identity, or without a namespace (a manifest that set none). */
function manifestIndex(digests: ReadonlyArray<readonly [string, string]>): (ref: ObjectRef) => string {
  const byKey = new Map(digests);
  return (ref) => {
    const { namespace: _resolved, ...unset } = ref;
    return byKey.get(refKey(ref)) ?? byKey.get(refKey(unset)) ?? '';
  };
}

/** Every entry's digests (unchanged ones included, to look objects up by identity). */
export function objectDigests(
  plan: Plan,
  desired: readonly DesiredObject[],
  redactor: SecretRedactor,
  digests = manifestDigests(desired, redactor),
): Map<string, ObjectDigest & { entry: PlanEntry }> {
  const manifestOf = manifestIndex(digests);
  const out = new Map<string, ObjectDigest & { entry: PlanEntry }>();
  for (const entry of plan.entries) {
    const id = jsonDigest(refKey(entry.ref), 12);
    const after = entry.after ? redactor.redact(entry.after) : null;
    const result = jsonDigest(
      { action: entry.action, after, phase: entry.phase ? `${entry.phase.phase}:${entry.phase.wave}:${String(entry.phase.hook?.runs ?? '')}` : null },
      12,
    );
    out.set(id, { id, action: entry.action, result, manifest: manifestOf(entry.ref).slice(0, 12), entry });
  }
  return out;
}

export function reviewRecord(plan: Plan, desired: readonly DesiredObject[], redactor: SecretRedactor): ReviewRecord {
  const perManifest = manifestDigests(desired, redactor);
  const digests = [...objectDigests(plan, desired, redactor, perManifest).values()];
  const changed = digests
    .filter((d) => isChange(d.entry))
    .map(({ id, action, result, manifest }) => ({ id, action, result, manifest }))
    .sort((a, b) => a.id.localeCompare(b.id));
  const manifests = perManifest.map(([key, digest]) => `${key}=${digest}`).sort();
  return {
    target: plan.target,
    commit: plan.commit,
    basis: plan.basis,
    plan: jsonDigest(changed.map((c) => `${c.id}:${c.action}:${c.result}`)),
    manifests: jsonDigest(manifests),
    ...(changed.length <= MAX_RECORDED_OBJECTS ? { objects: changed } : {}),
  };
}
