// The health of one live object, as a pure function of its JSON: per-kind rules for the built-in
// workloads, Jobs, Pods and CustomResourceDefinitions, the `Ready` condition convention for
// everything else, and "healthy at once" for objects that report no conditions (ConfigMaps,
// Services, RBAC...). A LoadBalancer Service is not waited on for its ingress address.
import type { KubeObject } from '../objects/kube-object.js';
import { splitApiVersion } from '../objects/object-ref.js';
import { stuckContainer } from './health-pods.js';
import {
  conditionsOf,
  findCondition,
  formatCondition,
  isConditionTrue,
  numberAt,
  specOf,
  statusOf,
  stringAt,
  unobservedGeneration,
} from './health-status.js';
import { failed, healthy, progressing, type HealthVerdict } from './health-verdict.js';
import { daemonSetHealth, deploymentHealth, statefulSetHealth } from './health-workloads.js';

type HealthRule = (obj: KubeObject) => HealthVerdict;

/** Rules by `group/Kind` (`/Kind` for the core group). */
const RULES: Readonly<Record<string, HealthRule>> = {
  'apps/Deployment': deploymentHealth,
  'apps/StatefulSet': statefulSetHealth,
  'apps/DaemonSet': daemonSetHealth,
  'batch/Job': jobHealth,
  '/Pod': podHealth,
  'apiextensions.k8s.io/CustomResourceDefinition': crdHealth,
};

export function evaluateHealth(obj: KubeObject): HealthVerdict {
  const rule = RULES[`${splitApiVersion(obj.apiVersion).group}/${obj.kind}`] ?? readyConditionHealth;
  return rule(obj);
}

export function jobHealth(job: KubeObject): HealthVerdict {
  // FailureTarget precedes Failed while the Job's remaining pods terminate; both are final.
  const failure = [findCondition(job, 'Failed'), findCondition(job, 'FailureTarget')].find((c) => c?.status === 'True');
  if (failure) return failed(`the Job failed: ${formatCondition(failure)}`);
  const status = statusOf(job);
  const succeeded = numberAt(status, 'succeeded');
  if (isConditionTrue(job, 'Complete')) return healthy(`completed (${succeeded} succeeded)`);
  if (specOf(job).suspend === true) return healthy('suspended, so its completion is not waited for');
  const completions = specOf(job).completions;
  const target = typeof completions === 'number' ? ` of ${completions}` : '';
  return progressing(`${succeeded}${target} completions succeeded, ${numberAt(status, 'active')} active, ${numberAt(status, 'failed')} failed`);
}

export function podHealth(pod: KubeObject): HealthVerdict {
  const phase = stringAt(statusOf(pod), 'phase') ?? 'Pending';
  if (phase === 'Succeeded') return healthy('succeeded');
  if (phase === 'Failed') return failed(`the pod failed${podReason(pod)}`);
  const stuck = stuckContainer(pod);
  if (stuck) return failed(stuck);
  if (isConditionTrue(pod, 'Ready')) return healthy('ready');
  const ready = findCondition(pod, 'Ready');
  return progressing(`${phase}, not ready${ready ? ` (${formatCondition(ready)})` : ''}`);
}

function podReason(pod: KubeObject): string {
  const status = statusOf(pod);
  const detail = [stringAt(status, 'reason'), stringAt(status, 'message')].filter((s) => s).join(': ');
  return detail ? ` (${detail})` : '';
}

export function crdHealth(crd: KubeObject): HealthVerdict {
  if (isConditionTrue(crd, 'Established')) return healthy('established');
  const names = findCondition(crd, 'NamesAccepted');
  if (names?.status === 'False') return progressing(`not established, names not accepted: ${formatCondition(names)}`);
  return progressing('not established yet');
}

/**
 * The convention of custom resources (and some built-ins): `Ready=True` is healthy, anything
 * else keeps progressing until the timeout, even with a reason that looks final, because
 * controllers retry. Without a Ready condition there is nothing to wait for.
 */
export function readyConditionHealth(obj: KubeObject): HealthVerdict {
  const unobserved = unobservedGeneration(obj, false);
  if (unobserved) return progressing(unobserved);
  const ready = findCondition(obj, 'Ready');
  if (!ready) return healthy(conditionsOf(obj).length > 0 ? 'no Ready condition to wait for' : 'nothing to wait for');
  if (ready.status === 'True') return healthy(ready.message ? `ready: ${ready.message}` : 'ready');
  return progressing(`not ready: ${formatCondition(ready)}`);
}
