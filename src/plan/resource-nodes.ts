// Which nodes a DaemonSet's pods go to, as the scheduler decides it for them: the pod's nodeSelector
// (every label equal), its required node affinity (any term; in a term every matchExpressions entry
// on labels and matchFields entry on metadata.name: In, NotIn, Exists, DoesNotExist, Gt, Lt), and
// its tolerations against the node's NoSchedule and NoExecute taints (PreferNoSchedule never keeps a
// pod off). The tolerations the DaemonSet controller adds to every pod it makes count too.
import { getLabels, type JsonObject, type JsonValue, type KubeObject } from '../objects/kube-object.js';
import { field, objects } from './resource-pods.js';

/** Tolerations the DaemonSet controller adds (pkg/controller/daemon/util AddOrUpdateDaemonPodTolerations). */
const DAEMON_TOLERATED = new Set([
  'node.kubernetes.io/not-ready',
  'node.kubernetes.io/unreachable',
  'node.kubernetes.io/disk-pressure',
  'node.kubernetes.io/memory-pressure',
  'node.kubernetes.io/pid-pressure',
  'node.kubernetes.io/unschedulable',
]);

const str = (v: JsonValue | undefined): string | undefined => (typeof v === 'string' ? v : undefined);

function strings(v: JsonValue | undefined): string[] {
  return Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string') : [];
}

function matchesRequirement(value: string | undefined, requirement: JsonObject): boolean {
  const values = strings(requirement.values);
  switch (requirement.operator) {
    case 'In':
      return value !== undefined && values.includes(value);
    case 'NotIn':
      return value === undefined || !values.includes(value);
    case 'Exists':
      return value !== undefined;
    case 'DoesNotExist':
      return value === undefined;
    case 'Gt':
    case 'Lt': {
      const [bound] = values;
      if (value === undefined || bound === undefined || !/^-?[0-9]+$/.test(value) || !/^-?[0-9]+$/.test(bound)) return false;
      return requirement.operator === 'Gt' ? BigInt(value) > BigInt(bound) : BigInt(value) < BigInt(bound);
    }
    default:
      return false;
  }
}

function matchesTerm(node: KubeObject, term: JsonObject): boolean {
  const labels = getLabels(node);
  const expressions = objects(term.matchExpressions).every((r) => {
    const key = str(r.key);
    return key !== undefined && matchesRequirement(labels[key], r);
  });
  const fields = objects(term.matchFields).every((r) => r.key === 'metadata.name' && matchesRequirement(node.metadata.name, r));
  // A term with no requirement matches no node (the scheduler's rule).
  return objects(term.matchExpressions).length + objects(term.matchFields).length > 0 && expressions && fields;
}

function tolerates(toleration: JsonObject, taint: JsonObject): boolean {
  if (toleration.effect !== undefined && toleration.effect !== '' && toleration.effect !== taint.effect) return false;
  if (toleration.operator === 'Exists') return toleration.key === undefined || toleration.key === '' || toleration.key === taint.key;
  return toleration.key === taint.key && (toleration.value ?? '') === (taint.value ?? '');
}

function taintsAllow(node: KubeObject, podSpec: JsonValue | undefined): boolean {
  const tolerations = objects(field(podSpec, 'tolerations'));
  const hostNetwork = field(podSpec, 'hostNetwork') === true;
  return objects(field(node, 'spec', 'taints')).every((taint) => {
    if (taint.effect !== 'NoSchedule' && taint.effect !== 'NoExecute') return true;
    const key = str(taint.key) ?? '';
    if (DAEMON_TOLERATED.has(key) || (hostNetwork && key === 'node.kubernetes.io/network-unavailable')) return true;
    return tolerations.some((t) => tolerates(t, taint));
  });
}

/** Would a DaemonSet pod with this spec run on `node`? */
export function runsOn(node: KubeObject, podSpec: JsonValue | undefined): boolean {
  const labels = getLabels(node);
  const selector = field(podSpec, 'nodeSelector');
  const selected = Object.entries(typeof selector === 'object' && selector !== null && !Array.isArray(selector) ? selector : {}).every(
    ([k, v]) => labels[k] === v,
  );
  const terms = objects(field(podSpec, 'affinity', 'nodeAffinity', 'requiredDuringSchedulingIgnoredDuringExecution', 'nodeSelectorTerms'));
  const noAffinity = field(podSpec, 'affinity', 'nodeAffinity', 'requiredDuringSchedulingIgnoredDuringExecution') === undefined;
  return selected && (noAffinity || terms.some((t) => matchesTerm(node, t))) && taintsAllow(node, podSpec);
}
