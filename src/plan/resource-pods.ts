// What one pod of a pod spec requests and is limited to, by Kubernetes' effective-request rule:
// max(sum of containers + sum of sidecars, the largest init container + the sidecars started before
// it) + the pod's overhead, for each of CPU and memory requests and limits. Sidecars are init
// containers with `restartPolicy: Always`: they run beside the containers, so they add. A container
// with a limit and no request requests its limit (the API server's defaulting); then the namespace's
// LimitRange defaults fill what is still unset (the LimitRanger admission plugin does this to each
// pod as it is created, so a Deployment's dry-run answer never shows them: they are applied here).
// An amount that does not read counts as none and is named in `problems`.
import { getNamespace, isJsonObject, type JsonObject, type JsonValue, type KubeObject } from '../objects/kube-object.js';
import { readQuantity } from './resource-quantity.js';

/** Per pod, in nano-units (cores × 10^9, bytes × 10^9). */
export interface PodAmounts {
  cpuRequests: bigint;
  cpuLimits: bigint;
  memoryRequests: bigint;
  memoryLimits: bigint;
}

type Key = keyof PodAmounts;
const KEYS: readonly Key[] = ['cpuRequests', 'cpuLimits', 'memoryRequests', 'memoryLimits'];
const ZERO: PodAmounts = { cpuRequests: 0n, cpuLimits: 0n, memoryRequests: 0n, memoryLimits: 0n };

export function field(value: JsonValue | undefined, ...path: string[]): JsonValue | undefined {
  let node = value;
  for (const key of path) node = isJsonObject(node ?? null) ? (node as JsonObject)[key] : undefined;
  return node;
}

export function objects(value: JsonValue | undefined): JsonObject[] {
  return Array.isArray(value) ? value.filter((v): v is JsonObject => isJsonObject(v)) : [];
}

const max = (a: bigint, b: bigint): bigint => (a > b ? a : b);

function each(f: (k: Key) => bigint): PodAmounts {
  return { cpuRequests: f('cpuRequests'), cpuLimits: f('cpuLimits'), memoryRequests: f('memoryRequests'), memoryLimits: f('memoryLimits') };
}

export function addPod(a: PodAmounts, b: PodAmounts): PodAmounts {
  return each((k) => a[k] + b[k]);
}

/** A quantity at `where`, or 0 with the reason added to `problems`. */
export function quantityAt(value: JsonValue | undefined, where: string, problems: string[]): bigint {
  if (value === undefined || value === null) return 0n;
  const read = readQuantity(value);
  if (read.ok && read.nano >= 0n) return read.nano;
  problems.push(`${where} ${read.ok ? 'is negative' : read.why}; counted as 0`);
  return 0n;
}

/** What a namespace's LimitRanges give a container that sets no request or limit (`defaultRequest`, `default`). */
export interface ContainerDefaults {
  requests: JsonObject;
  limits: JsonObject;
  /** `LimitRange shop/defaults:`, for problems. */
  source: string;
}

export const NO_DEFAULTS: ContainerDefaults = { requests: {}, limits: {}, source: '' };

function containerAmounts(c: JsonObject, where: string, problems: string[], defaults: ContainerDefaults): PodAmounts {
  const name = typeof c.name === 'string' ? c.name : '?';
  const own = (kind: 'requests' | 'limits', resource: string): JsonValue | undefined => field(c, 'resources', kind, resource);
  const read = (value: JsonValue | undefined, path: string): bigint => quantityAt(value, path, problems);
  const limit = (resource: string): bigint => {
    const mine = own('limits', resource);
    if (mine !== undefined) return read(mine, `${where} ${name}: resources.limits.${resource}`);
    return read(defaults.limits[resource], `${defaults.source} default.${resource}`);
  };
  const request = (resource: string): bigint => {
    const kind = own('requests', resource) === undefined ? 'limits' : 'requests';
    const mine = own(kind, resource);
    if (mine !== undefined) return read(mine, `${where} ${name}: resources.${kind}.${resource}`);
    return read(defaults.requests[resource], `${defaults.source} defaultRequest.${resource}`);
  };
  return { cpuRequests: request('cpu'), cpuLimits: limit('cpu'), memoryRequests: request('memory'), memoryLimits: limit('memory') };
}

/** One pod's effective requests and limits; `where` names the object for problems. */
export function podAmounts(podSpec: JsonValue | undefined, where: string, problems: string[], defaults = NO_DEFAULTS): PodAmounts {
  const containers = objects(field(podSpec, 'containers')).reduce(
    (sum, c) => addPod(sum, containerAmounts(c, `${where}: container`, problems, defaults)),
    ZERO,
  );
  let sidecars = ZERO;
  let init = ZERO;
  for (const c of objects(field(podSpec, 'initContainers'))) {
    const amounts = containerAmounts(c, `${where}: init container`, problems, defaults);
    if (c.restartPolicy === 'Always') sidecars = addPod(sidecars, amounts);
    else init = each((k) => max(init[k], amounts[k] + sidecars[k]));
  }
  const running = addPod(containers, sidecars);
  const overhead = field(podSpec, 'overhead');
  const cpu = quantityAt(field(overhead, 'cpu'), `${where}: overhead.cpu`, problems);
  const memory = quantityAt(field(overhead, 'memory'), `${where}: overhead.memory`, problems);
  return addPod(
    each((k) => max(running[k], init[k])),
    { cpuRequests: cpu, cpuLimits: cpu, memoryRequests: memory, memoryLimits: memory },
  );
}

export const NO_POD = ZERO;
export const POD_KEYS = KEYS;

/** The Container defaults of a namespace's LimitRanges, the first to set a resource winning (as LimitRanger applies them in turn). */
export function containerDefaults(limitRanges: readonly KubeObject[], namespace: string | undefined): ContainerDefaults {
  const out: ContainerDefaults = { requests: {}, limits: {}, source: '' };
  for (const lr of limitRanges) {
    if (getNamespace(lr) !== namespace) continue;
    for (const item of objects(field(lr, 'spec', 'limits'))) {
      if (item.type !== 'Container') continue;
      out.source ||= `LimitRange ${namespace ?? ''}/${lr.metadata.name}:`;
      const fill = (into: JsonObject, from: JsonValue | undefined): void => {
        if (!isJsonObject(from ?? null)) return;
        for (const [k, v] of Object.entries(from as JsonObject)) if (!(k in into)) into[k] = v;
      };
      fill(out.limits, item.default);
      // A LimitRange the server has stored has defaultRequest filled from default; one from a manifest may not.
      fill(out.requests, item.defaultRequest);
      fill(out.requests, item.default);
    }
  }
  return out;
}
