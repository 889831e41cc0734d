// Reading the `spec` and `status` of a live object for the health check: conditions, counters
// and the generation its controller has observed. Everything is narrowed from untrusted JSON.
import { isJsonObject, type JsonObject, type KubeObject } from '../objects/kube-object.js';

export interface Condition {
  type: string;
  status: string;
  reason: string;
  message: string;
}

export function specOf(obj: KubeObject): JsonObject {
  return isJsonObject(obj.spec) ? obj.spec : {};
}

export function statusOf(obj: KubeObject): JsonObject {
  return isJsonObject(obj.status) ? obj.status : {};
}

/** A number field, or `fallback` when it is absent (the API omits zero counters). */
export function numberAt(source: JsonObject, key: string, fallback = 0): number {
  const value = source[key];
  return typeof value === 'number' ? value : fallback;
}

export function stringAt(source: JsonObject, key: string): string | undefined {
  const value = source[key];
  return typeof value === 'string' ? value : undefined;
}

export function objectAt(source: JsonObject, key: string): JsonObject {
  const value = source[key];
  return isJsonObject(value) ? value : {};
}

export function conditionsOf(obj: KubeObject): Condition[] {
  const list = statusOf(obj).conditions;
  if (!Array.isArray(list)) return [];
  return list.filter(isJsonObject).flatMap((c) => {
    const type = stringAt(c, 'type');
    if (!type) return [];
    return [{ type, status: stringAt(c, 'status') ?? 'Unknown', reason: stringAt(c, 'reason') ?? '', message: stringAt(c, 'message') ?? '' }];
  });
}

export function findCondition(obj: KubeObject, type: string): Condition | undefined {
  return conditionsOf(obj).find((c) => c.type === type);
}

export function isConditionTrue(obj: KubeObject, type: string): boolean {
  return findCondition(obj, type)?.status === 'True';
}

/** `Ready=False (Reason: message)`, leaving out what the condition does not say. */
export function formatCondition(c: Condition): string {
  const detail = [c.reason, c.message].filter((s) => s !== '').join(': ');
  return detail ? `${c.type}=${c.status} (${detail})` : `${c.type}=${c.status}`;
}

/** Every condition of the object, or undefined when it has none. */
export function describeConditions(obj: KubeObject): string | undefined {
  const conditions = conditionsOf(obj);
  return conditions.length > 0 ? conditions.map(formatCondition).join(', ') : undefined;
}

/**
 * Why the object is not settled while its controller has not yet seen the latest spec, or undefined when it
 * has. With `required`, a missing `status.observedGeneration` counts as 0 (workload controllers
 * always set it); otherwise objects that do not report it are taken as observed.
 */
export function unobservedGeneration(obj: KubeObject, required: boolean): string | undefined {
  const generation = obj.metadata.generation;
  const observed = statusOf(obj).observedGeneration;
  if (typeof generation !== 'number') return undefined;
  if (typeof observed !== 'number' && !required) return undefined;
  const seen = typeof observed === 'number' ? observed : 0;
  if (seen >= generation) return undefined;
  return seen === 0
    ? `the controller has not observed generation ${generation} yet`
    : `the controller has not observed generation ${generation} yet (last observed ${seen})`;
}
