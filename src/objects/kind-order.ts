// Apply order as data: cluster definitions first, webhooks last; prune walks it backwards.
import type { ObjectRef } from './object-ref.js';

/** Apply stages: each is applied (and, for definitions, waited on) before the next starts. */
export type ApplyStage = 'definitions' | 'cluster' | 'workloads' | 'webhooks';
export const APPLY_STAGES: readonly ApplyStage[] = ['definitions', 'cluster', 'workloads', 'webhooks'];

const DEFINITIONS = ['Namespace', 'CustomResourceDefinition'];
const CLUSTER = ['PriorityClass', 'StorageClass', 'IngressClass', 'RuntimeClass', 'PodSecurityPolicy', 'ClusterRole', 'ClusterRoleBinding'];
const WEBHOOKS = [
  'MutatingWebhookConfiguration',
  'ValidatingWebhookConfiguration',
  'ValidatingAdmissionPolicy',
  'ValidatingAdmissionPolicyBinding',
  'MutatingAdmissionPolicy',
  'MutatingAdmissionPolicyBinding',
];

/** Within the workloads stage: what others refer to comes first. */
const WORKLOAD_RANK = [
  'ResourceQuota',
  'LimitRange',
  'ServiceAccount',
  'Secret',
  'ConfigMap',
  'Role',
  'RoleBinding',
  'PersistentVolume',
  'PersistentVolumeClaim',
  'Service',
  'Endpoints',
  'EndpointSlice',
  'DaemonSet',
  'Deployment',
  'ReplicaSet',
  'StatefulSet',
  'Pod',
  'ReplicationController',
  'Job',
  'CronJob',
  'HorizontalPodAutoscaler',
  'PodDisruptionBudget',
  'Ingress',
  'NetworkPolicy',
  'APIService',
];

export function stageOf(ref: Pick<ObjectRef, 'kind'>): ApplyStage {
  if (DEFINITIONS.includes(ref.kind)) return 'definitions';
  if (CLUSTER.includes(ref.kind) || ref.kind.endsWith('Class')) return 'cluster';
  if (WEBHOOKS.includes(ref.kind)) return 'webhooks';
  return 'workloads';
}

function rank(ref: Pick<ObjectRef, 'kind'>): number {
  const stage = APPLY_STAGES.indexOf(stageOf(ref));
  const ranked: Record<ApplyStage, readonly string[]> = { definitions: DEFINITIONS, cluster: CLUSTER, workloads: WORKLOAD_RANK, webhooks: WEBHOOKS };
  const i = ranked[stageOf(ref)].indexOf(ref.kind);
  return stage * 1000 + (i < 0 ? 500 : i);
}

/** Sorted for apply: by stage and kind rank, then namespace and name, so runs are deterministic. */
export function compareForApply(a: ObjectRef, b: ObjectRef): number {
  return rank(a) - rank(b) || (a.namespace ?? '').localeCompare(b.namespace ?? '') || a.name.localeCompare(b.name);
}

/** Sorted for prune: the reverse of apply (custom resources before their CRDs, contents before Namespaces). */
export function compareForPrune(a: ObjectRef, b: ObjectRef): number {
  return compareForApply(b, a);
}

/** Kinds whose deletion deletes data or everything inside them. */
export function isDangerousToPrune(ref: Pick<ObjectRef, 'kind' | 'group'>): boolean {
  return (
    (ref.group === '' && (ref.kind === 'Namespace' || ref.kind === 'PersistentVolumeClaim')) ||
    (ref.group === 'apiextensions.k8s.io' && ref.kind === 'CustomResourceDefinition')
  );
}
