// Which preview namespaces a sweep may remove, as pure verdicts with a reason. A namespace the label
// selector found is this repository's preview only when everything says so: its name is
// `<prefix>-pr-<number>` under the configured prefix; it carries the preview label, that number, this
// repository's annotation and this preview's ApplySet membership (preview-guard.ts); its ApplySet
// parent Secret `kube-gitops-<namespace>` exists in it with this preview's ApplySet id, recorded by
// kube-gitops. Anything short of that is left alone and the verdict says why. A preview of this
// repository is swept when its TTL ran out (the TTL on its Namespace, else the sweep's own
// `preview-ttl`, counted from the parent's applied-at) or its pull request is closed; a pull request
// that could not be read keeps it (fail closed).
import { APPLIED_AT_ANNOTATION, COMMIT_ANNOTATION, ID_LABEL, parentName, TOOL_NAME, TOOLING_ANNOTATION } from '../inventory/applyset.js';
import { getAnnotations, getLabels, type KubeObject } from '../objects/kube-object.js';
import { namespaceLacks } from './preview-guard.js';
import { PREVIEW_TTL_ANNOTATION, previewIdentity, type PreviewIdentity } from './preview-identity.js';

export interface SweepScope {
  prefix: string;
  /** `owner/repo` of this run. */
  repository: string;
  fieldManager: string;
  /** The sweep's `preview-ttl`, for a preview whose Namespace records none. */
  ttlMs?: number;
}

/** A preview of this repository, and when it expires (undefined: never by TTL). */
export interface SweepCandidate {
  preview: PreviewIdentity;
  expiresAt?: number;
  /** How the expiry was found, or why there is none. */
  ttlNote: string;
  /** The commit last applied, as the parent records it (the pull request's head then). */
  appliedCommit?: string;
}

export type Selection = { candidate: SweepCandidate } | { alone: string };

/** What GitHub says of the pull request now, or why it could not be read. */
export type PullRequestNow = { state: 'open' | 'closed'; merged: boolean } | { unreadable: string };

export interface SweepVerdict {
  outcome: 'swept' | 'live' | 'unreadable';
  why: string;
}

/** The pull request number of `<prefix>-pr-<number>`; undefined for any other name. */
export function previewNumber(name: string, prefix: string): number | undefined {
  if (!name.startsWith(`${prefix}-pr-`)) return undefined;
  const rest = name.slice(prefix.length + 4);
  return /^[1-9]\d{0,9}$/.test(rest) ? Number(rest) : undefined;
}

/** The preview name of `namespace` under the scope; the parent's name to read, when there is one to read. */
export function parentToRead(namespace: KubeObject, scope: SweepScope): string | undefined {
  const number = previewNumber(namespace.metadata.name, scope.prefix);
  if (number === undefined) return undefined;
  const preview = previewIdentity(scope.prefix, number, scope.repository, scope.fieldManager);
  return namespaceLacks(namespace, preview).length === 0 ? parentName(preview.target) : undefined;
}

/** Whether the labelled `namespace` (with its ApplySet parent as read, when {@link parentToRead} named one) is a preview of this repository. */
export function selectPreview(namespace: KubeObject, parent: KubeObject | undefined, scope: SweepScope): Selection {
  const name = namespace.metadata.name;
  const number = previewNumber(name, scope.prefix);
  if (number === undefined) return { alone: `its name is not ${scope.prefix}-pr-<number> (the preview-prefix of this sweep)` };
  const preview = previewIdentity(scope.prefix, number, scope.repository, scope.fieldManager);
  const lacks = namespaceLacks(namespace, preview);
  if (lacks.length > 0) return { alone: `it is not a preview of ${scope.repository}: it lacks ${lacks.join(', ')}` };
  const where = `${name}/${parentName(preview.target)}`;
  if (!parent) return { alone: `its ApplySet parent Secret ${where} is missing` };
  const id = getLabels(parent)[ID_LABEL];
  if (id !== preview.applySetId)
    return { alone: `its ApplySet parent Secret ${where} carries the id ${id ?? '(none)'}, not this preview's ${preview.applySetId}` };
  const tooling = getAnnotations(parent)[TOOLING_ANNOTATION] ?? '';
  if (!tooling.startsWith(`${TOOL_NAME}/`))
    return { alone: `its ApplySet parent Secret ${where} was recorded by ${tooling || 'an unnamed tool'}, not by ${TOOL_NAME}` };
  const appliedCommit = getAnnotations(parent)[COMMIT_ANNOTATION];
  return { candidate: { preview, ...expiryOf(namespace, parent, scope.ttlMs), ...(appliedCommit ? { appliedCommit } : {}) } };
}

/** When the preview expires: its TTL (on the Namespace, else the sweep's) after the parent's applied-at. */
function expiryOf(namespace: KubeObject, parent: KubeObject, fallbackMs: number | undefined): { expiresAt?: number; ttlNote: string } {
  const recorded = getAnnotations(namespace)[PREVIEW_TTL_ANNOTATION];
  const seconds = recorded === undefined ? undefined : /^([1-9]\d{0,9})s$/.exec(recorded)?.[1];
  if (recorded !== undefined && seconds === undefined)
    return { ttlNote: `its TTL annotation ${JSON.stringify(recorded.slice(0, 40))} is not <seconds>s, so it never expires` };
  const ttlMs = seconds !== undefined ? Number(seconds) * 1000 : fallbackMs;
  if (ttlMs === undefined) return { ttlNote: 'no TTL' };
  const appliedAt = getAnnotations(parent)[APPLIED_AT_ANNOTATION];
  const at = appliedAt === undefined ? NaN : Date.parse(appliedAt);
  if (Number.isNaN(at)) return { ttlNote: `no readable ${APPLIED_AT_ANNOTATION} on its ApplySet parent, so its TTL cannot run out` };
  const expiresAt = at + ttlMs;
  return { expiresAt, ttlNote: `TTL ${ttlMs / 1000}s after the last apply at ${new Date(at).toISOString()}: expires at ${new Date(expiresAt).toISOString()}` };
}

/** Whether the candidate goes: TTL first (no need to ask GitHub), then the pull request's state. */
export function isExpired(candidate: SweepCandidate, now: number): boolean {
  return candidate.expiresAt !== undefined && now >= candidate.expiresAt;
}

export function sweepVerdict(candidate: SweepCandidate, pr: PullRequestNow | undefined, now: number): SweepVerdict {
  const n = candidate.preview.number;
  if (isExpired(candidate, now)) return { outcome: 'swept', why: `its TTL ran out (${candidate.ttlNote})` };
  if (!pr) return { outcome: 'unreadable', why: `pull request #${n} was not read` };
  if ('unreadable' in pr) return { outcome: 'unreadable', why: `pull request #${n} could not be read (${pr.unreadable}), so the preview is kept` };
  if (pr.state === 'closed') return { outcome: 'swept', why: `pull request #${n} was ${pr.merged ? 'merged' : 'closed'}` };
  return { outcome: 'live', why: `pull request #${n} is open; ${candidate.ttlNote}` };
}
