// Pure checks on the pods of a workload: which pods belong to its current revision, and whether
// one of them is stuck in a state that will not fix itself (fail fast instead of timing out).
import { isJsonObject, type JsonObject, type JsonValue, type KubeObject } from '../objects/kube-object.js';
import { findCondition, formatCondition, isConditionTrue, objectAt, specOf, statusOf, stringAt } from './health-status.js';

/** Container waiting reasons that need a change to the manifests (or the image), not more time. */
const STUCK_WAITING_REASONS: ReadonlySet<string> = new Set([
  'CrashLoopBackOff',
  'ImagePullBackOff',
  'ErrImagePull',
  'CreateContainerConfigError',
  'InvalidImageName',
]);

/** Set by the Deployment controller on a Deployment and its ReplicaSets. */
const DEPLOYMENT_REVISION_ANNOTATION = 'deployment.kubernetes.io/revision';
/** Set by the StatefulSet controller on its pods; compared with `status.updateRevision`. */
const CONTROLLER_REVISION_LABEL = 'controller-revision-hash';
/** Set by the DaemonSet controller on its pods, and (as an annotation) by the API server on the DaemonSet. */
const DAEMONSET_GENERATION_LABEL = 'pod-template-generation';
const DAEMONSET_GENERATION_ANNOTATION = 'deprecated.daemonset.template.generation';

/** `pod X: container Y is in CrashLoopBackOff: <message>` for the first stuck container, if any. */
export function stuckContainer(pod: KubeObject): string | undefined {
  const status = statusOf(pod);
  const candidates = [
    ...containerStatuses(status.initContainerStatuses).map((s) => ({ s, what: 'init container' })),
    ...containerStatuses(status.containerStatuses).map((s) => ({ s, what: 'container' })),
  ];
  for (const { s, what } of candidates) {
    const waiting = objectAt(objectAt(s, 'state'), 'waiting');
    const reason = stringAt(waiting, 'reason');
    if (!reason || !STUCK_WAITING_REASONS.has(reason)) continue;
    const message = stringAt(waiting, 'message');
    return `pod ${pod.metadata.name}: ${what} ${stringAt(s, 'name') ?? '?'} is in ${reason}${message ? `: ${message}` : ''}`;
  }
  return undefined;
}

/**
 * Why a pod is not ready, in one line (`pod web-1: Pending, not scheduled (Unschedulable: 0/3 nodes
 * are available…)`), or undefined when it is ready or done: what a timeout names besides the workload.
 */
export function podNotReadyReason(pod: KubeObject): string | undefined {
  const phase = stringAt(statusOf(pod), 'phase') ?? 'Pending';
  if (phase === 'Succeeded' || isConditionTrue(pod, 'Ready')) return undefined;
  const name = `pod ${pod.metadata.name}`;
  const scheduled = findCondition(pod, 'PodScheduled');
  if (scheduled && scheduled.status !== 'True')
    return `${name}: ${phase}, not scheduled (${[scheduled.reason, scheduled.message].filter((s) => s).join(': ') || 'no reason given'})`;
  const status = statusOf(pod);
  for (const s of [...containerStatuses(status.initContainerStatuses), ...containerStatuses(status.containerStatuses)]) {
    const waiting = objectAt(objectAt(s, 'state'), 'waiting');
    const reason = stringAt(waiting, 'reason');
    if (!reason) continue;
    const message = stringAt(waiting, 'message');
    return `${name}: ${phase}, container ${stringAt(s, 'name') ?? '?'} waiting (${reason}${message ? `: ${message}` : ''})`;
  }
  const ready = findCondition(pod, 'Ready');
  return `${name}: ${phase}, not ready${ready ? ` (${formatCondition(ready)})` : ''}`;
}

function containerStatuses(value: JsonValue | undefined): JsonObject[] {
  return Array.isArray(value) ? value.filter(isJsonObject) : [];
}

/**
 * The workload's `spec.selector` as a label selector string (`a=b,c in (d,e),!f`), or undefined
 * when it has none (then its pods cannot be listed safely).
 */
export function selectorString(workload: KubeObject): string | undefined {
  const selector = objectAt(specOf(workload), 'selector');
  const parts = Object.entries(objectAt(selector, 'matchLabels')).flatMap(([k, v]) => (typeof v === 'string' ? [`${k}=${v}`] : []));
  const expressions = Array.isArray(selector.matchExpressions) ? selector.matchExpressions.filter(isJsonObject) : [];
  for (const e of expressions) {
    const term = expressionTerm(e);
    if (term === undefined) return undefined;
    parts.push(term);
  }
  return parts.length > 0 ? parts.join(',') : undefined;
}

function expressionTerm(expression: JsonObject): string | undefined {
  const key = stringAt(expression, 'key');
  const values = Array.isArray(expression.values) ? expression.values.filter((v) => typeof v === 'string') : [];
  switch (stringAt(expression, 'operator')) {
    case 'In':
      return key && `${key} in (${values.join(',')})`;
    case 'NotIn':
      return key && `${key} notin (${values.join(',')})`;
    case 'Exists':
      return key;
    case 'DoesNotExist':
      return key && `!${key}`;
    default:
      return undefined;
  }
}

export function isOwnedBy(obj: KubeObject, owner: KubeObject): boolean {
  const uid = owner.metadata.uid;
  const refs = obj.metadata.ownerReferences;
  return typeof uid === 'string' && Array.isArray(refs) && refs.some((r) => isJsonObject(r) && r.uid === uid);
}

/** The ReplicaSet of the Deployment's current revision, among those listed by its selector. */
export function newReplicaSet(deployment: KubeObject, replicaSets: readonly KubeObject[]): KubeObject | undefined {
  const revision = annotation(deployment, DEPLOYMENT_REVISION_ANNOTATION);
  if (revision === undefined) return undefined;
  return replicaSets.find((rs) => isOwnedBy(rs, deployment) && annotation(rs, DEPLOYMENT_REVISION_ANNOTATION) === revision);
}

/**
 * Whether a pod of a StatefulSet or DaemonSet runs its current revision: pods of the previous
 * revision may still crash while the fix is rolling out, and must not fail the new one.
 */
export function isCurrentRevisionPod(workload: KubeObject, pod: KubeObject): boolean {
  if (!isOwnedBy(pod, workload)) return false;
  if (workload.kind === 'StatefulSet') {
    const revision = stringAt(statusOf(workload), 'updateRevision');
    return revision === undefined || label(pod, CONTROLLER_REVISION_LABEL) === revision;
  }
  const generation = annotation(workload, DAEMONSET_GENERATION_ANNOTATION);
  const podGeneration = label(pod, DAEMONSET_GENERATION_LABEL);
  return generation === undefined || podGeneration === undefined || podGeneration === generation;
}

function annotation(obj: KubeObject, key: string): string | undefined {
  const annotations = obj.metadata.annotations;
  return isJsonObject(annotations) ? stringAt(annotations, key) : undefined;
}

function label(obj: KubeObject, key: string): string | undefined {
  const labels = obj.metadata.labels;
  return isJsonObject(labels) ? stringAt(labels, key) : undefined;
}
