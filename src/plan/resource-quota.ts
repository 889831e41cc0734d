// Whether a plan's change fits the ResourceQuotas of the namespaces it changes: for each quota (live,
// with the plan's version of it in its place when the change edits it) of a namespace whose
// workloads change, what is left (status.hard − status.used; spec.hard when the quota controller has
// not filled its status) against the namespace's change at its high end (an HPA's maxReplicas).
// Checked: requests.cpu (or cpu), requests.memory (or memory), limits.cpu, limits.memory, pods,
// requests.storage and persistentvolumeclaims. A scoped quota, or one the change creates (its use is
// not known until it exists), is named with why it was not checked.
import type { PlanEntry } from '../model/plan.js';
import type { QuotaCheck } from '../model/resources.js';
import { getNamespace, type KubeObject } from '../objects/kube-object.js';
import { refKey, refOf } from '../objects/object-ref.js';
import { sumAmounts, type Amounts, type CountedWorkload } from './resource-amounts.js';
import { field } from './resource-pods.js';
import { readQuantity, unitsOf } from './resource-quantity.js';

type Checked = keyof Amounts;

/** Quota resource names and the amount each limits. */
const LIMITED: readonly (readonly [string, Checked])[] = [
  ['requests.cpu', 'cpuRequests'],
  ['cpu', 'cpuRequests'],
  ['requests.memory', 'memoryRequests'],
  ['memory', 'memoryRequests'],
  ['limits.cpu', 'cpuLimits'],
  ['limits.memory', 'memoryLimits'],
  ['pods', 'pods'],
  ['requests.storage', 'storage'],
  ['persistentvolumeclaims', 'claims'],
];

const NANO = 1_000_000_000n;

function isQuota(obj: KubeObject | undefined): obj is KubeObject {
  return obj?.kind === 'ResourceQuota' && obj.apiVersion === 'v1';
}

/** Nano-units of the amount (counts are whole numbers). */
function nanoOf(a: Amounts, key: Checked): bigint {
  const v = a[key];
  return typeof v === 'bigint' ? v : BigInt(v) * NANO;
}

function shown(nano: bigint, key: Checked): string {
  const units = unitsOf(nano);
  if (key.startsWith('memory') || key === 'storage') return `${Number((units / 1024 ** 3).toPrecision(4))} GiB`;
  return String(Number(units.toPrecision(6)));
}

function quantity(value: unknown): bigint | undefined {
  const read = readQuantity(value);
  return read.ok ? read.nano : undefined;
}

function check(quota: KubeObject, live: KubeObject | undefined, change: Amounts): QuotaCheck {
  const name = `${getNamespace(quota) ?? ''}/${quota.metadata.name}`;
  if (field(quota, 'spec', 'scopes') !== undefined || field(quota, 'spec', 'scopeSelector') !== undefined) {
    return { quota: name, verdict: 'unknown', exceeded: [], note: 'a scoped quota (scopes or scopeSelector): not checked' };
  }
  if (!live) return { quota: name, verdict: 'unknown', exceeded: [], note: 'created by this change: what the namespace uses is counted once it exists' };
  const used = field(live, 'status', 'used');
  const status = field(live, 'status', 'hard');
  const exceeded: string[] = [];
  for (const [resource, key] of LIMITED) {
    // The plan's hard limit wins over the live status's: the change may raise the quota itself.
    const hard = quantity(field(quota, 'spec', 'hard', resource)) ?? quantity(field(status, resource));
    const delta = nanoOf(change, key);
    if (hard === undefined || delta <= 0n) continue;
    const left = hard - (quantity(field(used, resource)) ?? 0n);
    if (delta > left) exceeded.push(`${resource}: needs +${shown(delta, key)}, ${shown(left < 0n ? 0n : left, key)} left of ${shown(hard, key)}`);
  }
  const note = used === undefined ? 'its status.used is not filled in yet: counted as nothing used' : undefined;
  return { quota: name, verdict: exceeded.length ? 'exceeds' : 'fits', exceeded, ...(note ? { note } : {}) };
}

export function quotaChecks(entries: readonly PlanEntry[], counted: readonly CountedWorkload[], liveQuotas: readonly KubeObject[]): QuotaCheck[] {
  const byNamespace = new Map<string, Amounts[]>();
  for (const w of counted) if (w.view.namespace) byNamespace.set(w.view.namespace, [...(byNamespace.get(w.view.namespace) ?? []), w.high]);
  const live = new Map(liveQuotas.filter(isQuota).map((q) => [refKey(refOf(q)), q]));
  const planned = new Map(entries.filter((e) => e.action !== 'retain' && isQuota(e.before ?? e.after)).map((e) => [refKey(e.ref), e.after]));
  const quotas = [...[...live].filter(([k]) => !planned.has(k)).map(([, q]) => q), ...[...planned.values()].filter(isQuota)];
  return quotas
    .filter((q) => byNamespace.has(getNamespace(q) ?? ''))
    .map((q) => check(q, live.get(refKey(refOf(q))), sumAmounts(byNamespace.get(getNamespace(q) ?? '') ?? [])))
    .sort((a, b) => a.quota.localeCompare(b.quota));
}
