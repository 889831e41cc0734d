// Amounts of resources while they are computed: CPU, memory and storage as BigInt nano-units, so a
// sum of 100m and 200m is 300m exactly, and counts as whole numbers. Turned into plain numbers
// (cores, bytes) only for the plan's data (src/model/resources.ts).
import type { ResourceAmounts, WorkloadResources } from '../model/resources.js';
import { unitsOf } from './resource-quantity.js';

export interface Amounts {
  cpuRequests: bigint;
  cpuLimits: bigint;
  memoryRequests: bigint;
  memoryLimits: bigint;
  storage: bigint;
  pods: number;
  claims: number;
}

/** A workload's change as shown, and exactly for the sums. */
export interface CountedWorkload {
  view: WorkloadResources;
  low: Amounts;
  high: Amounts;
}

/** At an HPA's minReplicas (`low`) or maxReplicas (`high`). */
export type Scenario = 'low' | 'high';

export const ZERO_AMOUNTS: Amounts = { cpuRequests: 0n, cpuLimits: 0n, memoryRequests: 0n, memoryLimits: 0n, storage: 0n, pods: 0, claims: 0 };

export function addAmounts(a: Amounts, b: Amounts): Amounts {
  return {
    cpuRequests: a.cpuRequests + b.cpuRequests,
    cpuLimits: a.cpuLimits + b.cpuLimits,
    memoryRequests: a.memoryRequests + b.memoryRequests,
    memoryLimits: a.memoryLimits + b.memoryLimits,
    storage: a.storage + b.storage,
    pods: a.pods + b.pods,
    claims: a.claims + b.claims,
  };
}

export function sumAmounts(list: readonly Amounts[]): Amounts {
  return list.reduce(addAmounts, ZERO_AMOUNTS);
}

export function isZero(a: Amounts): boolean {
  return Object.values(a).every((v) => v === 0n || v === 0);
}

export function amountsOf(a: Amounts): ResourceAmounts {
  return {
    cpuRequests: unitsOf(a.cpuRequests),
    cpuLimits: unitsOf(a.cpuLimits),
    memoryRequests: unitsOf(a.memoryRequests),
    memoryLimits: unitsOf(a.memoryLimits),
    pods: a.pods,
    storage: unitsOf(a.storage),
    claims: a.claims,
  };
}
