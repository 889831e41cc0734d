// What kube-gitops itself puts in a preview: the Namespace, labelled as a preview of this repository
// and pull request (and carrying the TTL when `preview-ttl` sets one), and, when the inputs set
// them, the ResourceQuota and the LimitRange `kube-gitops-preview` in it. Applied before the pull
// request's objects (the apply orders Namespace, ResourceQuota and LimitRange first), so the limits
// hold for every pod the preview makes. Pure.
import type { KubeObject } from '../objects/kube-object.js';
import type { PreviewSettings } from '../settings/settings.js';
import { PREVIEW_LABEL, PREVIEW_PR_LABEL, PREVIEW_REPOSITORY_ANNOTATION, PREVIEW_TTL_ANNOTATION, type PreviewIdentity } from './preview-identity.js';

/** The name of the ResourceQuota and the LimitRange the inputs make. */
export const PREVIEW_GUARDS_NAME = 'kube-gitops-preview';

export interface NamespaceSettings extends Pick<PreviewSettings, 'ttlMs' | 'quota' | 'limits'> {
  preview: PreviewIdentity;
}

export function namespaceObjects(t: NamespaceSettings): KubeObject[] {
  const { preview } = t;
  const metadata = { name: PREVIEW_GUARDS_NAME, namespace: preview.namespace };
  const namespace: KubeObject = {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: {
      name: preview.namespace,
      labels: { [PREVIEW_LABEL]: 'true', [PREVIEW_PR_LABEL]: String(preview.number) },
      annotations: {
        [PREVIEW_REPOSITORY_ANNOTATION]: preview.repository,
        ...(t.ttlMs === undefined ? {} : { [PREVIEW_TTL_ANNOTATION]: `${Math.ceil(t.ttlMs / 1000)}s` }),
      },
    },
  };
  return [
    namespace,
    ...(t.quota ? [{ apiVersion: 'v1', kind: 'ResourceQuota', metadata, spec: { hard: { ...t.quota } } }] : []),
    ...(t.limits ? [{ apiVersion: 'v1', kind: 'LimitRange', metadata, spec: { limits: [{ type: 'Container', ...t.limits }] } }] : []),
  ];
}
