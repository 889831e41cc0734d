// Rollout status of the apps/v1 workloads, from their live JSON alone (pods are checked in
// health-probe.ts). Each rule first requires the controller to have observed the latest spec, so a
// status left over from the previous rollout is never taken for the new one.
import type { KubeObject } from '../objects/kube-object.js';
import { findCondition, formatCondition, numberAt, objectAt, specOf, statusOf, stringAt, unobservedGeneration } from './health-status.js';
import { failed, healthy, progressing, type HealthVerdict } from './health-verdict.js';

/** Replicas when `spec.replicas` is absent, as the API server defaults it. */
const DEFAULT_REPLICAS = 1;

function strategyType(obj: KubeObject, key: 'strategy' | 'updateStrategy'): string {
  return stringAt(objectAt(specOf(obj), key), 'type') ?? 'RollingUpdate';
}

export function deploymentHealth(deployment: KubeObject): HealthVerdict {
  const unobserved = unobservedGeneration(deployment, true);
  if (unobserved) return progressing(unobserved);
  const deadline = findCondition(deployment, 'Progressing');
  if (deadline?.status === 'False' && deadline.reason === 'ProgressDeadlineExceeded') {
    return failed(`the rollout exceeded its progress deadline (ProgressDeadlineExceeded): ${deadline.message}`);
  }
  const spec = specOf(deployment);
  if (spec.paused === true) return healthy('paused, so its rollout is not waited for');
  return withReplicaFailure(deployment, deploymentReplicas(deployment));
}

function deploymentReplicas(deployment: KubeObject): HealthVerdict {
  const want = numberAt(specOf(deployment), 'replicas', DEFAULT_REPLICAS);
  const status = statusOf(deployment);
  const updated = numberAt(status, 'updatedReplicas');
  const total = numberAt(status, 'replicas');
  const available = numberAt(status, 'availableReplicas');
  if (updated < want) return progressing(`${updated} of ${want} replicas updated`);
  if (total > want) return progressing(`${total - want} old replica(s) pending termination`);
  if (available < want) return progressing(`${available} of ${want} replicas available`);
  return healthy(`${available} of ${want} replicas available`);
}

/** A ReplicaFailure condition (quota, admission) explains why replicas are missing. */
function withReplicaFailure(deployment: KubeObject, verdict: HealthVerdict): HealthVerdict {
  const failure = findCondition(deployment, 'ReplicaFailure');
  if (verdict.state !== 'progressing' || failure?.status !== 'True') return verdict;
  return progressing(`${verdict.message}; ${formatCondition(failure)}`);
}

export function statefulSetHealth(sts: KubeObject): HealthVerdict {
  const unobserved = unobservedGeneration(sts, true);
  if (unobserved) return progressing(unobserved);
  const want = numberAt(specOf(sts), 'replicas', DEFAULT_REPLICAS);
  const status = statusOf(sts);
  const total = numberAt(status, 'replicas');
  const ready = numberAt(status, 'readyReplicas');
  if (total > want) return progressing(`${total - want} replica(s) pending termination`);
  const update = strategyType(sts, 'updateStrategy') === 'RollingUpdate' ? statefulSetUpdate(sts, want) : undefined;
  if (update) return update;
  if (ready < want) return progressing(`${ready} of ${want} replicas ready`);
  return healthy(`${ready} of ${want} replicas ready`);
}

/** A rolling update in progress, or undefined when it is done (up to the partition, if any). */
function statefulSetUpdate(sts: KubeObject, want: number): HealthVerdict | undefined {
  const status = statusOf(sts);
  const updated = numberAt(status, 'updatedReplicas');
  const partition = numberAt(objectAt(objectAt(specOf(sts), 'updateStrategy'), 'rollingUpdate'), 'partition');
  if (partition > 0) {
    const target = Math.max(0, want - partition);
    return updated < target ? progressing(`${updated} of ${target} replicas updated (partition ${partition})`) : undefined;
  }
  if (updated < want) return progressing(`${updated} of ${want} replicas updated`);
  const current = stringAt(status, 'currentRevision');
  const wanted = stringAt(status, 'updateRevision');
  if (current !== wanted) return progressing(`revision ${wanted ?? '?'} has not replaced ${current ?? '?'} yet`);
  return undefined;
}

export function daemonSetHealth(ds: KubeObject): HealthVerdict {
  const unobserved = unobservedGeneration(ds, true);
  if (unobserved) return progressing(unobserved);
  const status = statusOf(ds);
  const desired = numberAt(status, 'desiredNumberScheduled');
  const updated = numberAt(status, 'updatedNumberScheduled');
  const available = numberAt(status, 'numberAvailable');
  if (strategyType(ds, 'updateStrategy') === 'RollingUpdate' && updated < desired) {
    return progressing(`${updated} of ${desired} scheduled pods updated`);
  }
  if (available < desired) return progressing(`${available} of ${desired} scheduled pods available`);
  return healthy(`${available} of ${desired} scheduled pods available`);
}
