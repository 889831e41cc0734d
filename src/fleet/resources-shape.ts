// A plan file's `resources` read back as data from another job (plan-file-shape.ts reads the rest):
// the totals, the quota verdicts, the estimate and how DaemonSets were counted, each checked to have
// its type (every amount a finite number), or the field that does not, named. The per-workload
// lines stay in each target's job summary and plan file: the fleet shows totals.
import { isJsonObject, type JsonObject } from '../objects/kube-object.js';
import type { AmountRange, QuotaCheck, ResourceAmounts, ResourceDelta } from '../model/resources.js';

const AMOUNTS: readonly (keyof ResourceAmounts)[] = ['cpuRequests', 'cpuLimits', 'memoryRequests', 'memoryLimits', 'pods', 'storage', 'claims'];
const VERDICTS: ReadonlySet<string> = new Set<QuotaCheck['verdict']>(['fits', 'exceeds', 'unknown']);

type Read<T> = T | { why: string };

const bad = (where: string, what: string): { why: string } => ({ why: `${where}: ${what}` });
const isBad = <T>(r: Read<T>): r is { why: string } => isJsonObject(r) && typeof (r as { why?: unknown }).why === 'string' && Object.keys(r).length === 1;

function amounts(value: unknown, where: string): Read<ResourceAmounts> {
  if (!isJsonObject(value)) return bad(where, 'not an object');
  const out: Partial<ResourceAmounts> = {};
  for (const k of AMOUNTS) {
    const v = value[k];
    if (typeof v !== 'number' || !Number.isFinite(v)) return bad(`${where}.${k}`, 'not a finite number');
    out[k] = v;
  }
  return out as ResourceAmounts;
}

function range(value: unknown, where: string): Read<AmountRange> {
  if (!isJsonObject(value)) return bad(where, 'not an object');
  const low = amounts(value.low, `${where}.low`);
  if (isBad(low)) return low;
  const high = amounts(value.high, `${where}.high`);
  return isBad(high) ? high : { low, high };
}

function quota(value: unknown, where: string): Read<QuotaCheck> {
  if (!isJsonObject(value)) return bad(where, 'not an object');
  const { quota: name, verdict, exceeded, note } = value;
  if (typeof name !== 'string') return bad(`${where}.quota`, 'not a string');
  if (typeof verdict !== 'string' || !VERDICTS.has(verdict)) return bad(`${where}.verdict`, 'not fits, exceeds or unknown');
  if (!Array.isArray(exceeded) || !exceeded.every((e) => typeof e === 'string')) return bad(`${where}.exceeded`, 'not a list of strings');
  if (note !== undefined && typeof note !== 'string') return bad(`${where}.note`, 'not a string');
  return {
    quota: name,
    verdict: verdict as QuotaCheck['verdict'],
    exceeded: exceeded.filter((e): e is string => typeof e === 'string'),
    ...(note === undefined ? {} : { note }),
  };
}

function monthly(value: JsonObject): Read<{ low: number; high: number } | undefined> {
  const m = value.monthly;
  if (m === undefined) return undefined;
  if (!isJsonObject(m) || typeof m.low !== 'number' || typeof m.high !== 'number' || !Number.isFinite(m.low) || !Number.isFinite(m.high)) {
    return bad('resources.monthly', 'not low and high numbers');
  }
  return { low: m.low, high: m.high };
}

/** `resources` of a plan file, or why it does not read. */
export function readResources(value: unknown): Read<ResourceDelta> {
  if (!isJsonObject(value)) return bad('resources', 'not an object');
  const total = range(value.total, 'resources.total');
  if (isBad(total)) return total;
  if (!Array.isArray(value.quotas)) return bad('resources.quotas', 'not a list');
  const quotas: QuotaCheck[] = [];
  for (const [i, q] of value.quotas.entries()) {
    const read = quota(q, `resources.quotas[${i}]`);
    if (isBad(read)) return read;
    quotas.push(read);
  }
  const money = monthly(value);
  if (money && isBad(money)) return money;
  if (value.daemonSets !== undefined && typeof value.daemonSets !== 'string') return bad('resources.daemonSets', 'not a string');
  return {
    total,
    workloads: [],
    runs: [],
    quotas,
    ...(typeof value.daemonSets === 'string' ? { daemonSets: value.daemonSets } : {}),
    ...(money ? { monthly: money } : {}),
    problems: [],
  };
}

export { isBad as isUnreadResources };
