// What a merge does to running pods, for reviewers: whether each changed workload restarts its pods
// (its pod template changes) or not, and which workloads of the target read each changed ConfigMap
// or Secret (volumes, projected volumes, env valueFrom, envFrom; init containers too) and whether
// their pods restart with it. Pure, from the plan's entries.
import { isJsonObject, type JsonObject, type JsonValue, type KubeObject } from '../objects/kube-object.js';
import type { ObjectRef } from '../objects/object-ref.js';
import { differingPaths } from './change-managers.js';
import type { PlanEntry } from '../model/plan.js';

const WORKLOAD_KINDS: ReadonlySet<string> = new Set(['Deployment', 'StatefulSet', 'DaemonSet']);

export interface WorkloadRollout {
  entry: PlanEntry;
  restarts: boolean;
  /** Why, as a clause: `the pod template changes (spec.template.spec.containers)`. */
  why: string;
}

export interface ConfigConsumer {
  workload: PlanEntry;
  /** How it reads the object: `volume settings`, `env GREETING in container web`, `envFrom in init container setup`. */
  uses: string[];
  restarts: boolean;
}

export interface ConfigImpact {
  entry: PlanEntry;
  consumers: ConfigConsumer[];
}

export interface RolloutImpact {
  workloads: WorkloadRollout[];
  configs: ConfigImpact[];
}

const isChange = (e: PlanEntry): boolean => e.action === 'update' || e.action === 'replace';

function isWorkload(ref: ObjectRef): boolean {
  return ref.group === 'apps' && WORKLOAD_KINDS.has(ref.kind);
}

function isConfig(ref: ObjectRef): boolean {
  return ref.group === '' && (ref.kind === 'ConfigMap' || ref.kind === 'Secret');
}

function field(value: JsonValue | undefined, ...path: string[]): JsonValue | undefined {
  let node = value;
  for (const key of path) node = isJsonObject(node ?? null) ? (node as JsonObject)[key] : undefined;
  return node;
}

function list(value: JsonValue | undefined): JsonObject[] {
  return Array.isArray(value) ? value.filter((v): v is JsonObject => isJsonObject(v)) : [];
}

const nameOf = (v: JsonObject): string => (typeof v.name === 'string' ? v.name : '');

const dotted = (paths: readonly string[][]): string => paths.map((p) => `\`${p.join('.')}\``).join(', ');

/** Restarts, or why not: a template change held back by OnDelete or a paused Deployment does not roll. */
function workloadRollout(entry: PlanEntry): WorkloadRollout | undefined {
  const { before, after } = entry;
  if (!isWorkload(entry.ref) || !isChange(entry) || !before || !after) return undefined;
  if (entry.action === 'replace') return { entry, restarts: true, why: 'it is deleted and created again' };
  const template = differingPaths(field(before, 'spec', 'template'), field(after, 'spec', 'template'), ['spec', 'template']);
  if (template.length === 0) {
    const rest = differingPaths(before, after).filter((p) => !(p[0] === 'spec' && p[1] === 'template'));
    return { entry, restarts: false, why: `only ${dotted(rest)} change, not the pod template` };
  }
  const changes = `the pod template changes (${dotted(template.slice(0, 3))}${template.length > 3 ? ', …' : ''})`;
  if (field(after, 'spec', 'updateStrategy', 'type') === 'OnDelete') {
    return { entry, restarts: false, why: `${changes}, but its updateStrategy is OnDelete: each pod takes it only when deleted` };
  }
  if (field(after, 'spec', 'paused') === true) return { entry, restarts: false, why: `${changes}, but the Deployment is paused` };
  return { entry, restarts: true, why: changes };
}

/** How a pod spec reads the ConfigMap or Secret `name`. */
export function usesOf(podSpec: JsonValue | undefined, kind: 'ConfigMap' | 'Secret', name: string): string[] {
  const ref =
    kind === 'ConfigMap'
      ? { volume: ['configMap', 'name'], key: 'configMapKeyRef', from: 'configMapRef' }
      : { volume: ['secret', 'secretName'], key: 'secretKeyRef', from: 'secretRef' };
  const projected = kind === 'ConfigMap' ? 'configMap' : 'secret';
  const uses: string[] = [];
  for (const v of list(field(podSpec, 'volumes'))) {
    const direct = field(v, ...ref.volume) === name;
    const inProjection = list(field(v, 'projected', 'sources')).some((s) => field(s, projected, 'name') === name);
    if (direct || inProjection) uses.push(`${inProjection ? 'projected volume' : 'volume'} ${nameOf(v)}`);
  }
  for (const [key, label] of [
    ['initContainers', 'init container'],
    ['containers', 'container'],
  ] as const) {
    for (const c of list(field(podSpec, key))) {
      const where = `${label} ${nameOf(c)}`;
      for (const e of list(field(c, 'env'))) if (field(e, 'valueFrom', ref.key, 'name') === name) uses.push(`env ${nameOf(e)} in ${where}`);
      if (list(field(c, 'envFrom')).some((e) => field(e, ref.from, 'name') === name)) uses.push(`envFrom in ${where}`);
    }
  }
  return uses;
}

function consumersOf(config: PlanEntry, workloads: readonly PlanEntry[], rollouts: ReadonlyMap<PlanEntry, WorkloadRollout>): ConfigConsumer[] {
  const kind = config.ref.kind === 'Secret' ? 'Secret' : 'ConfigMap';
  return workloads.flatMap((w) => {
    const obj: KubeObject | undefined = w.after;
    if (w.ref.namespace !== config.ref.namespace || !obj) return [];
    const uses = usesOf(field(obj, 'spec', 'template', 'spec'), kind, config.ref.name);
    return uses.length > 0 ? [{ workload: w, uses, restarts: rollouts.get(w)?.restarts ?? false }] : [];
  });
}

export function rolloutImpact(entries: readonly PlanEntry[]): RolloutImpact {
  const workloads = entries.filter((e) => isWorkload(e.ref) && e.after && e.action !== 'create');
  const rollouts = new Map<PlanEntry, WorkloadRollout>();
  for (const w of workloads) {
    const r = workloadRollout(w);
    if (r) rollouts.set(w, r);
  }
  const configs = entries.filter((e) => isConfig(e.ref) && isChange(e)).map((entry) => ({ entry, consumers: consumersOf(entry, workloads, rollouts) }));
  return { workloads: [...rollouts.values()], configs: configs.filter((c) => c.consumers.length > 0) };
}
