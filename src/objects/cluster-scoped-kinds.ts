// The built-in kinds that are cluster-scoped, by API group, as Kubernetes 1.36 serves them: what
// decides an object's namespace when no cluster can be asked (the git-only plan of a fork's pull
// request). Kinds of CustomResourceDefinitions come from their `spec.scope` instead.
import { isJsonObject, type KubeObject } from './kube-object.js';
import type { ObjectRef } from './object-ref.js';

const CLUSTER_SCOPED: Readonly<Record<string, readonly string[]>> = {
  '': ['ComponentStatus', 'Namespace', 'Node', 'PersistentVolume'],
  'admissionregistration.k8s.io': [
    'MutatingAdmissionPolicy',
    'MutatingAdmissionPolicyBinding',
    'MutatingWebhookConfiguration',
    'ValidatingAdmissionPolicy',
    'ValidatingAdmissionPolicyBinding',
    'ValidatingWebhookConfiguration',
  ],
  'apiextensions.k8s.io': ['CustomResourceDefinition'],
  'apiregistration.k8s.io': ['APIService'],
  'authentication.k8s.io': ['SelfSubjectReview', 'TokenReview'],
  'authorization.k8s.io': ['SelfSubjectAccessReview', 'SelfSubjectRulesReview', 'SubjectAccessReview'],
  'certificates.k8s.io': ['CertificateSigningRequest', 'ClusterTrustBundle'],
  'flowcontrol.apiserver.k8s.io': ['FlowSchema', 'PriorityLevelConfiguration'],
  'networking.k8s.io': ['IngressClass', 'IPAddress', 'ServiceCIDR'],
  'node.k8s.io': ['RuntimeClass'],
  'rbac.authorization.k8s.io': ['ClusterRole', 'ClusterRoleBinding'],
  'resource.k8s.io': ['DeviceClass', 'ResourceSlice'],
  'scheduling.k8s.io': ['PriorityClass'],
  'storage.k8s.io': ['CSIDriver', 'CSINode', 'StorageClass', 'VolumeAttachment', 'VolumeAttributesClass'],
};

/** `group/Kind` of the kinds that CustomResourceDefinitions among `objects` declare cluster-scoped. */
export function clusterScopedCustomKinds(objects: readonly KubeObject[]): Set<string> {
  const out = new Set<string>();
  for (const o of objects) {
    if (o.kind !== 'CustomResourceDefinition' || !o.apiVersion.startsWith('apiextensions.k8s.io/')) continue;
    const spec = o.spec;
    if (isJsonObject(spec) && spec.scope === 'Cluster' && typeof spec.group === 'string' && isJsonObject(spec.names) && typeof spec.names.kind === 'string') {
      out.add(`${spec.group}/${spec.names.kind}`);
    }
  }
  return out;
}

/**
 * Whether objects of this kind live in a namespace, without asking a cluster: built-ins from the
 * table, custom kinds from the CRDs given; any other kind is taken as namespaced (most are).
 */
export function isNamespacedKind(ref: Pick<ObjectRef, 'group' | 'kind'>, clusterScopedCustom: ReadonlySet<string>): boolean {
  if (CLUSTER_SCOPED[ref.group]?.includes(ref.kind)) return false;
  return !clusterScopedCustom.has(`${ref.group}/${ref.kind}`);
}
