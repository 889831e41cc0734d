// One side (before or after) of an object that asks for resources: what one replica requests, and
// how many replicas there are. Deployment, StatefulSet, ReplicaSet, ReplicationController:
// spec.replicas (1 when unset), or the min–max of an HPA whose scaleTargetRef names it; a bare Pod:
// one; a DaemonSet: one per node its pods would run on (resource-nodes.ts), or "per node" when the
// nodes are not known; Job and CronJob: `parallelism` pods at a time (they run and end: counted
// apart); a PersistentVolumeClaim: its storage request; a StatefulSet also claims its
// volumeClaimTemplates' storage per replica. Any other object: undefined. Pods count the
// LimitRange defaults of their namespace on that side (resource-pods.ts).
import type { ReplicaCount } from '../model/resources.js';
import { getNamespace, type JsonValue, type KubeObject } from '../objects/kube-object.js';
import { splitApiVersion } from '../objects/object-ref.js';
import { runsOn } from './resource-nodes.js';
import { containerDefaults, field, NO_POD, objects, podAmounts as podAmountsOf, quantityAt, type PodAmounts } from './resource-pods.js';

export interface WorkloadSide {
  /** What one replica requests and is limited to. */
  pod: PodAmounts;
  /** Storage (nano-bytes) and claims each replica adds (volumeClaimTemplates). */
  replicaStorage: bigint;
  replicaClaims: number;
  /** Storage and claims of the object itself (a PersistentVolumeClaim). */
  ownStorage: bigint;
  ownClaims: number;
  replicas: ReplicaCount;
  /** A StatefulSet's PVCs are deleted on scale-down / on delete only when its retention policy says Delete. */
  deletesClaims: { whenScaled: boolean; whenDeleted: boolean };
  runs?: { parallelism: number; completions?: number; schedule?: string };
}

/** What one side needs from the cluster: the HPAs on that side, and the nodes when they could be listed. */
export interface SideContext {
  hpas: readonly KubeObject[];
  limitRanges: readonly KubeObject[];
  nodes?: readonly KubeObject[];
}

const SCALED = new Set(['apps/Deployment', 'apps/StatefulSet', 'apps/ReplicaSet', '/ReplicationController']);

/** One pod's amounts, with the LimitRange defaults of the object's namespace on this side. */
function podAmounts(podSpec: JsonValue | undefined, obj: KubeObject, ctx: SideContext, where: string, problems: string[]): PodAmounts {
  return podAmountsOf(podSpec, where, problems, containerDefaults(ctx.limitRanges, getNamespace(obj)));
}

function groupKindOf(obj: KubeObject): string {
  return `${splitApiVersion(obj.apiVersion).group}/${obj.kind}`;
}

/** A whole count ≥ 0 at `path`, `fallback` when unset; anything else is named in `problems` and counts as 0. */
export function countAt(value: JsonValue | undefined, fallback: number, where: string, problems: string[]): number {
  if (value === undefined || value === null) return fallback;
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return value;
  problems.push(`${where} is ${JSON.stringify(value).slice(0, 40)}, not a whole number ≥ 0; counted as 0`);
  return 0;
}

/** The HPA on this side that scales `obj`, as a replica range. */
function hpaRange(obj: KubeObject, hpas: readonly KubeObject[], where: string, problems: string[]): ReplicaCount | undefined {
  const ns = obj.metadata.namespace;
  const hpa = hpas.find((h) => {
    const target = field(h, 'spec', 'scaleTargetRef');
    return h.metadata.namespace === ns && field(target, 'kind') === obj.kind && field(target, 'name') === obj.metadata.name;
  });
  if (!hpa) return undefined;
  const at = `${where}: its HorizontalPodAutoscaler ${hpa.metadata.name}`;
  const min = countAt(field(hpa, 'spec', 'minReplicas'), 1, `${at} spec.minReplicas`, problems);
  const max = countAt(field(hpa, 'spec', 'maxReplicas'), min, `${at} spec.maxReplicas`, problems);
  return { kind: 'hpa', min, max: Math.max(min, max), hpa: hpa.metadata.name };
}

function claimTemplates(obj: KubeObject, where: string, problems: string[]): { storage: bigint; claims: number } {
  const templates = objects(field(obj, 'spec', 'volumeClaimTemplates'));
  const storage = templates.reduce(
    (sum, t, i) => sum + quantityAt(field(t, 'spec', 'resources', 'requests', 'storage'), `${where}: volumeClaimTemplates[${i}] storage`, problems),
    0n,
  );
  return { storage, claims: templates.length };
}

function base(pod: PodAmounts, replicas: ReplicaCount): WorkloadSide {
  return { pod, replicaStorage: 0n, replicaClaims: 0, ownStorage: 0n, ownClaims: 0, replicas, deletesClaims: { whenScaled: true, whenDeleted: true } };
}

function scaled(obj: KubeObject, ctx: SideContext, where: string, problems: string[]): WorkloadSide {
  const pod = podAmounts(field(obj, 'spec', 'template', 'spec'), obj, ctx, where, problems);
  const replicas = hpaRange(obj, ctx.hpas, where, problems) ?? {
    kind: 'count' as const,
    count: countAt(field(obj, 'spec', 'replicas'), 1, `${where}: spec.replicas`, problems),
  };
  const side = base(pod, replicas);
  if (obj.kind !== 'StatefulSet') return side;
  const { storage, claims } = claimTemplates(obj, where, problems);
  const policy = field(obj, 'spec', 'persistentVolumeClaimRetentionPolicy');
  return {
    ...side,
    replicaStorage: storage,
    replicaClaims: claims,
    deletesClaims: { whenScaled: field(policy, 'whenScaled') === 'Delete', whenDeleted: field(policy, 'whenDeleted') === 'Delete' },
  };
}

function daemonSet(obj: KubeObject, ctx: SideContext, where: string, problems: string[]): WorkloadSide {
  const podSpec = field(obj, 'spec', 'template', 'spec');
  const pod = podAmounts(podSpec, obj, ctx, where, problems);
  if (!ctx.nodes) return base(pod, { kind: 'per-node' });
  return base(pod, { kind: 'nodes', count: ctx.nodes.filter((n) => runsOn(n, podSpec)).length, of: ctx.nodes.length });
}

function job(obj: KubeObject, jobSpec: JsonValue | undefined, ctx: SideContext, where: string, problems: string[], schedule?: string): WorkloadSide {
  const pod = podAmounts(field(jobSpec, 'template', 'spec'), obj, ctx, where, problems);
  const parallelism = countAt(field(jobSpec, 'parallelism'), 1, `${where}: parallelism`, problems);
  const completions = field(jobSpec, 'completions');
  const done = completions === undefined || completions === null ? undefined : countAt(completions, 1, `${where}: completions`, problems);
  // Never more pods at a time than completions left to run.
  const atOnce = done === undefined ? parallelism : Math.min(parallelism, done);
  return {
    ...base(pod, { kind: 'count', count: atOnce }),
    runs: { parallelism, ...(done === undefined ? {} : { completions: done }), ...(schedule ? { schedule } : {}) },
  };
}

/** The side of `obj` that asks for resources; undefined for an object that asks for none. */
export function workloadSide(obj: KubeObject, ctx: SideContext, where: string, problems: string[]): WorkloadSide | undefined {
  const gk = groupKindOf(obj);
  if (SCALED.has(gk)) return scaled(obj, ctx, where, problems);
  switch (gk) {
    case 'apps/DaemonSet':
      return daemonSet(obj, ctx, where, problems);
    case '/Pod':
      return base(podAmounts(field(obj, 'spec'), obj, ctx, where, problems), { kind: 'count', count: 1 });
    case 'batch/Job':
      return job(obj, field(obj, 'spec'), ctx, where, problems);
    case 'batch/CronJob': {
      const schedule = field(obj, 'spec', 'schedule');
      return job(obj, field(obj, 'spec', 'jobTemplate', 'spec'), ctx, where, problems, typeof schedule === 'string' ? schedule : undefined);
    }
    case '/PersistentVolumeClaim':
      return {
        ...base(NO_POD, { kind: 'count', count: 0 }),
        ownStorage: quantityAt(field(obj, 'spec', 'resources', 'requests', 'storage'), `${where}: spec.resources.requests.storage`, problems),
        ownClaims: 1,
      };
    default:
      return undefined;
  }
}

export function isHpa(obj: KubeObject): boolean {
  return groupKindOf(obj) === 'autoscaling/HorizontalPodAutoscaler';
}

export function isLimitRange(obj: KubeObject): boolean {
  return groupKindOf(obj) === '/LimitRange';
}
