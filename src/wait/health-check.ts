// The health of one live object, as a pure function of its JSON: per-kind rules for the built-in
// workloads, Jobs, Pods, PersistentVolumeClaims and CustomResourceDefinitions, the condition each
// well-known kind reports (APIService `Available`), the `Ready` condition convention for everything
// else, and "healthy at once" for objects that report no conditions (ConfigMaps, Services, RBAC...).
// A LoadBalancer Service is not waited on for its ingress address.
import type { KubeObject } from '../objects/kube-object.js';
import { splitApiVersion } from '../objects/object-ref.js';
import { stuckContainer } from './health-pods.js';
import { conditionsOf, findCondition, formatCondition, isConditionTrue, numberAt, specOf, statusOf, stringAt, unobservedGeneration } from './health-status.js';
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
  'apiregistration.k8s.io/APIService': conditionHealth('Available'),
  '/PersistentVolumeClaim': pvcHealth,
};

export function evaluateHealth(obj: KubeObject): HealthVerdict {
  const rule = RULES[`${splitApiVersion(obj.apiVersion).group}/${obj.kind}`] ?? readyConditionHealth;
  return rule(obj);
}

function jobHealth(job: KubeObject): HealthVerdict {
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

function podHealth(pod: KubeObject): HealthVerdict {
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

/** Bound is healthy; Lost needs a new volume; Pending waits for a provisioner or a first consumer. */
function pvcHealth(pvc: KubeObject): HealthVerdict {
  const phase = stringAt(statusOf(pvc), 'phase') ?? 'Pending';
  if (phase === 'Bound') return healthy('bound');
  if (phase === 'Lost') return failed('its volume is lost (phase Lost)');
  return progressing(`${phase}: not bound to a volume yet`);
}

/**
 * The convention of custom resources (and some built-ins): `<type>=True` is healthy, anything
 * else keeps progressing until the timeout, even with a reason that looks final (an APIService's
 * FailedDiscoveryCheck), because controllers retry. Without the condition there is nothing to
 * wait for — except for kinds whose rule names their condition: they always report it.
 */
/** What an object with no status to watch is healthy with: said once for all of them, not per object. */
export const NOTHING_TO_WAIT_FOR = 'nothing to wait for';

function conditionHealth(type: string, required = true): HealthRule {
  return (obj) => {
    const unobserved = unobservedGeneration(obj, false);
    if (unobserved) return progressing(unobserved);
    const condition = findCondition(obj, type);
    if (!condition && !required) return healthy(conditionsOf(obj).length > 0 ? `no ${type} condition to wait for` : NOTHING_TO_WAIT_FOR);
    if (!condition) return progressing(`no ${type} condition reported yet`);
    if (condition.status === 'True') return healthy(condition.message ? `${type.toLowerCase()}: ${condition.message}` : type.toLowerCase());
    return progressing(`not ${type.toLowerCase()}: ${formatCondition(condition)}`);
  };
}

const readyConditionHealth: HealthRule = conditionHealth('Ready', false);
