// A plan file's `resources` read back as data from another job (plan-file-shape.ts reads the rest):
// the totals, the quota verdicts, the estimate and how DaemonSets were counted, each checked to have
// its type (every amount a finite number), or the field that does not, named. The per-workload
// lines stay in each target's job summary and plan file: the fleet shows totals.
import { isJsonObject, type JsonObject } from '../objects/kube-object.js';
import type { AmountRange, QuotaCheck, ResourceAmounts, ResourceDelta } from '../model/resources.js';

const AMOUNTS: readonly (keyof ResourceAmounts)[] = ['cpuRequests', 'cpuLimits', 'memoryRequests', 'memoryLimits', 'pods', 'storage', 'claims'];
const VERDICTS: ReadonlySet<string> = new Set<QuotaCheck['verdict']>(['fits', 'exceeds', 'unknown']);

class ResourcesShapeError extends Error {}

function fail(where: string, what: string): never {
  throw new ResourcesShapeError(`${where}: ${what}`);
}

function object(value: unknown, where: string): JsonObject {
  return isJsonObject(value) ? value : fail(where, 'not an object');
}

function finite(value: unknown, where: string): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : fail(where, 'not a finite number');
}

function amounts(value: unknown, where: string): ResourceAmounts {
  const o = object(value, where);
  const out = { cpuRequests: 0, cpuLimits: 0, memoryRequests: 0, memoryLimits: 0, pods: 0, storage: 0, claims: 0 };
  for (const k of AMOUNTS) out[k] = finite(o[k], `${where}.${k}`);
  return out;
}

function range(value: unknown, where: string): AmountRange {
  const o = object(value, where);
  return { low: amounts(o.low, `${where}.low`), high: amounts(o.high, `${where}.high`) };
}

function strings(value: unknown, where: string): string[] {
  return Array.isArray(value) ? value.map((v, i) => (typeof v === 'string' ? v : fail(`${where}[${i}]`, 'not a string'))) : fail(where, 'not a list');
}

function quota(value: unknown, where: string): QuotaCheck {
  const { quota: name, verdict, exceeded, note } = object(value, where);
  if (typeof name !== 'string') fail(`${where}.quota`, 'not a string');
  if (typeof verdict !== 'string' || !VERDICTS.has(verdict)) fail(`${where}.verdict`, 'not fits, exceeds or unknown');
  if (note !== undefined && typeof note !== 'string') fail(`${where}.note`, 'not a string');
  return { quota: name, verdict: verdict as QuotaCheck['verdict'], exceeded: strings(exceeded, `${where}.exceeded`), ...(note === undefined ? {} : { note }) };
}

function monthly(value: unknown): { low: number; high: number } | undefined {
  if (value === undefined) return undefined;
  const o = object(value, 'resources.monthly');
  return { low: finite(o.low, 'resources.monthly.low'), high: finite(o.high, 'resources.monthly.high') };
}

function delta(value: unknown): ResourceDelta {
  const o = object(value, 'resources');
  const quotas = Array.isArray(o.quotas) ? o.quotas.map((q, i) => quota(q, `resources.quotas[${i}]`)) : fail('resources.quotas', 'not a list');
  const money = monthly(o.monthly);
  if (o.daemonSets !== undefined && typeof o.daemonSets !== 'string') fail('resources.daemonSets', 'not a string');
  return {
    total: range(o.total, 'resources.total'),
    workloads: [],
    runs: [],
    quotas,
    ...(typeof o.daemonSets === 'string' ? { daemonSets: o.daemonSets } : {}),
    ...(money ? { monthly: money } : {}),
    problems: [],
  };
}

/** `resources` of a plan file, or why it does not read (`resources.total.low.pods: not a finite number`). */
export function readResources(value: unknown): { resources: ResourceDelta } | { why: string } {
  try {
    return { resources: delta(value) };
  } catch (error) {
    if (error instanceof ResourcesShapeError) return { why: error.message };
    throw error;
  }
}
