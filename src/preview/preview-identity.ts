// Who a pull request's preview is: its namespace `<prefix>-pr-<number>`, which is also its target's
// name (so its ApplySet parent `kube-gitops-<namespace>` lives in that namespace and its ApplySet id
// is derived from both), its own field manager, its GitHub environment `<prefix>/pr-<number>`, and
// the labels and annotations its Namespace carries. Nothing here is shared with a non-preview
// target: a preview reads and writes only under these names.
import { applySetId, parentName } from '../inventory/applyset.js';

/** Every preview Namespace carries it (`"true"`); a namespace without it is never touched. */
export const PREVIEW_LABEL = 'kube-gitops.io/preview';
/** The pull request's number, on the Namespace. */
export const PREVIEW_PR_LABEL = 'kube-gitops.io/preview-pr';
/** `owner/repo` of the pull request, on the Namespace (a label value cannot hold `/`). */
export const PREVIEW_REPOSITORY_ANNOTATION = 'kube-gitops.io/preview-repository';
/**
 * How long the preview may live after its last apply (`<seconds>s`), when the `preview-ttl` input
 * sets one: a sweep adds it to the ApplySet parent's `kube-gitops.io/applied-at`. The TTL, not an
 * expiry time, so the Namespace does not change from one apply to the next.
 */
export const PREVIEW_TTL_ANNOTATION = 'kube-gitops.io/preview-ttl';

export interface PreviewIdentity {
  /** `<prefix>-pr-<number>`: the namespace, the target, the ApplySet parent's namespace. */
  namespace: string;
  target: string;
  number: number;
  /** `owner/repo`. */
  repository: string;
  /** The preview's own server-side apply field manager. */
  fieldManager: string;
  /** The preview's ApplySet id, as kubectl computes it for its parent Secret. */
  applySetId: string;
  /** The GitHub environment of its deployments: `<prefix>/pr-<number>`. */
  environment: string;
}

export function previewIdentity(prefix: string, number: number, repository: string, fieldManager: string): PreviewIdentity {
  const namespace = `${prefix}-pr-${number}`;
  return {
    namespace,
    target: namespace,
    number,
    repository,
    fieldManager: `${fieldManager}-preview`,
    applySetId: applySetId(parentName(namespace), namespace),
    environment: `${prefix}/pr-${number}`,
  };
}

/** `{{pr}}` and `{{namespace}}` in a host name or URL, filled in for this preview. */
export function fillTemplate(text: string, preview: Pick<PreviewIdentity, 'number' | 'namespace'>): string {
  return text.replaceAll('{{pr}}', String(preview.number)).replaceAll('{{namespace}}', preview.namespace);
}
