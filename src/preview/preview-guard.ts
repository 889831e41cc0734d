// Whether a live namespace is this preview's to write into or delete: it must carry the preview
// label, this pull request's number and repository, and be a member of this preview's own
// ApplySet. A namespace of the same name that fails any of these (made by hand, by another
// repository, by another tool) is never read further, written or deleted: the preview refuses and
// says why. The same for a cluster-scoped object a preview may hold. Pure: the caller reads them.
import { PART_OF_LABEL } from '../inventory/applyset.js';
import { getAnnotations, getLabels, type KubeObject } from '../objects/kube-object.js';
import { formatRef, refOf } from '../objects/object-ref.js';
import { PREVIEW_LABEL, PREVIEW_PR_LABEL, PREVIEW_REPOSITORY_ANNOTATION, type PreviewIdentity } from './preview-identity.js';

/** Why `live` is not this preview's namespace; undefined when it is (or when there is none yet). */
export function foreignNamespace(live: KubeObject | undefined, preview: PreviewIdentity): string | undefined {
  const lacks = live ? namespaceLacks(live, preview) : [];
  if (lacks.length === 0) return undefined;
  return (
    `The namespace ${preview.namespace} exists but is not this pull request's preview (it lacks ${lacks.join(', ')}), ` +
    'so kube-gitops neither writes into it nor deletes it. Remove or rename that namespace, or set another preview-prefix.'
  );
}

/** What `live` lacks of this preview's Namespace: its label, number, repository and ApplySet membership; none when it is this preview's. */
export function namespaceLacks(live: KubeObject, preview: PreviewIdentity): string[] {
  const labels = getLabels(live);
  const annotations = getAnnotations(live);
  return [
    labels[PREVIEW_LABEL] === 'true' ? undefined : `the label ${PREVIEW_LABEL}: "true"`,
    labels[PREVIEW_PR_LABEL] === String(preview.number) ? undefined : `the label ${PREVIEW_PR_LABEL}: "${preview.number}"`,
    annotations[PREVIEW_REPOSITORY_ANNOTATION] === preview.repository ? undefined : `the annotation ${PREVIEW_REPOSITORY_ANNOTATION}: ${preview.repository}`,
    labels[PART_OF_LABEL] === preview.applySetId ? undefined : `the label ${PART_OF_LABEL}: ${preview.applySetId} (this preview's ApplySet)`,
  ].filter((l): l is string => l !== undefined);
}

/**
 * Why an allowed cluster-scoped object of the pull request may not be written: one of that name
 * exists and is not a member of this preview's ApplySet (a person's, another preview's, another
 * target's); undefined when there is none or it is this preview's. A preview would otherwise take
 * it over and delete it on close.
 */
export function foreignClusterObject(live: KubeObject | undefined, preview: PreviewIdentity): string | undefined {
  if (!live) return undefined;
  const setId = getLabels(live)[PART_OF_LABEL];
  if (setId === preview.applySetId) return undefined;
  return `${formatRef(refOf(live))} exists and is not this preview's (${setId ? `it belongs to the ApplySet ${setId}` : 'no ApplySet owns it'}): a preview never writes or deletes it.`;
}
