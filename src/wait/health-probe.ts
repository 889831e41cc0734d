// One look at one applied object: read it, evaluate it, and for a workload that is still rolling
// out (or a Job still running), look at the pods of its current revision (the Job's own pods) for a
// container stuck in a state that needs a fix.
import type { ClusterClient, ResourceType } from '../cluster/cluster-client.js';
import type { KubeObject } from '../objects/kube-object.js';
import type { ObjectRef } from '../objects/object-ref.js';
import { evaluateHealth } from './health-check.js';
import { subjectOf, type EventSubject } from './health-events.js';
import { isCurrentRevisionPod, isOwnedBy, newReplicaSet, podNotReadyReason, selectorString, stuckContainer } from './health-pods.js';
import { unobservedGeneration } from './health-status.js';
import { failed, progressing, type HealthVerdict } from './health-verdict.js';
import { POD_TYPE, REPLICASET_TYPE } from '../cluster/resource-catalogue.js';

export interface Probe {
  verdict: HealthVerdict;
  /** The object as last read; undefined when it was not found. */
  live?: KubeObject;
  /** Whose Events explain a failure: the object, and the stuck pod if one was found. */
  subjects: EventSubject[];
}

/** Kinds whose pods are inspected while they roll out. */
const POD_CONTROLLERS = new Set(['Deployment', 'StatefulSet', 'DaemonSet']);
/** Pods named (and whose Events are read) when a rollout is still waiting. */
const NOT_READY_PODS_SHOWN = 3;

export async function probe(client: ClusterClient, type: ResourceType, ref: ObjectRef): Promise<Probe> {
  const live = await client.get(type, ref);
  if (!live) return { verdict: progressing('not found in the cluster'), subjects: [] };
  const verdict = evaluateHealth(live);
  const subjects = [subjectOf(live)];
  if (verdict.state !== 'progressing' || !hasPods(live)) return { verdict, live, subjects };
  const pods = await currentPods(client, live);
  const stuck = findStuckPod(pods);
  if (stuck) return { verdict: failed(stuck.message), live, subjects: [...subjects, subjectOf(stuck.pod)] };
  const waiting = pods.flatMap((pod) => {
    const reason = podNotReadyReason(pod);
    return reason ? [{ pod, reason }] : [];
  });
  if (waiting.length === 0) return { verdict, live, subjects };
  const shown = waiting.slice(0, NOT_READY_PODS_SHOWN);
  const more = waiting.length > shown.length ? `; and ${waiting.length - shown.length} more pod(s)` : '';
  return {
    verdict: progressing(`${verdict.message}; ${shown.map((w) => w.reason).join('; ')}${more}`),
    live,
    subjects: [...subjects, ...shown.map((w) => subjectOf(w.pod))],
  };
}

/**
 * Whether the pods of the current revision can be told apart: only once the controller has
 * observed the latest spec (before that, the revision it names is the previous one, whose pods
 * may still crash while the fix is being applied).
 */
function hasPods(live: KubeObject): boolean {
  if (isJob(live)) return true;
  return live.apiVersion === 'apps/v1' && POD_CONTROLLERS.has(live.kind) && unobservedGeneration(live, true) === undefined;
}

function isJob(live: KubeObject): boolean {
  return live.apiVersion === 'batch/v1' && live.kind === 'Job';
}

function findStuckPod(pods: readonly KubeObject[]): { pod: KubeObject; message: string } | undefined {
  for (const pod of pods) {
    const message = stuckContainer(pod);
    if (message) return { pod, message };
  }
  return undefined;
}

/** The workload's pods of its current revision (none while that revision is not known yet). */
async function currentPods(client: ClusterClient, workload: KubeObject): Promise<KubeObject[]> {
  const labelSelector = selectorString(workload);
  const namespace = workload.metadata.namespace;
  if (!labelSelector || typeof namespace !== 'string') return [];
  const options = { namespace, labelSelector };
  if (isJob(workload)) return (await client.list(POD_TYPE, options)).filter((pod) => isOwnedBy(pod, workload));
  if (workload.kind !== 'Deployment') {
    return (await client.list(POD_TYPE, options)).filter((pod) => isCurrentRevisionPod(workload, pod));
  }
  const rs = newReplicaSet(workload, await client.list(REPLICASET_TYPE, options));
  if (!rs) return [];
  return (await client.list(POD_TYPE, options)).filter((pod) => isOwnedBy(pod, rs));
}
