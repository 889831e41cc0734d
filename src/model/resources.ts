// What a plan changes in requested resources (`plan.resources` in the plan file): plain data,
// computed by src/plan/resource-delta.ts from the entries' live objects and the server's dry-run
// answers, rendered by src/render/resource-lines.ts. Every amount is a change (after − before):
// CPU in cores, memory and storage in bytes. Where an HPA scales a workload the change is a range
// (`low` at its minReplicas, `high` at its maxReplicas); elsewhere `low` and `high` are the same.

export interface ResourceAmounts {
  cpuRequests: number;
  cpuLimits: number;
  memoryRequests: number;
  memoryLimits: number;
  pods: number;
  /** Persistent storage requested (PersistentVolumeClaims, StatefulSet volumeClaimTemplates). */
  storage: number;
  /** PersistentVolumeClaims made or removed. */
  claims: number;
}

export interface AmountRange {
  low: ResourceAmounts;
  high: ResourceAmounts;
}

/** How many pods a workload runs, before or after: a count, an HPA's range, or one per matching node. */
export type ReplicaCount =
  | { kind: 'count'; count: number }
  | { kind: 'hpa'; min: number; max: number; hpa: string }
  | { kind: 'nodes'; count: number; of: number }
  | { kind: 'per-node' };

export interface WorkloadResources {
  /** `Deployment/shop/web`. */
  workload: string;
  namespace?: string;
  action: string;
  before?: ReplicaCount;
  after?: ReplicaCount;
  change: AmountRange;
  /** Job or CronJob: pods that run and end, counted apart; `parallelism` pods at a time, `completions` in all. */
  runs?: { parallelism: number; completions?: number; schedule?: string };
  /** Why a figure is as it is (PVCs kept on scale-down, an amount that did not read). */
  notes: string[];
}

/** A ResourceQuota of a namespace in the change: what is left of it, and whether the change fits. */
export interface QuotaCheck {
  /** `shop/compute`. */
  quota: string;
  /** `fits`, `exceeds` (naming the resources in `exceeded`) or `unknown` (why in `note`). */
  verdict: 'fits' | 'exceeds' | 'unknown';
  /** `requests.cpu: needs +3, 1 left of 2`. */
  exceeded: string[];
  note?: string;
}

export interface ResourceDelta {
  /** Long-running workloads (everything but Jobs and CronJobs), summed. */
  total: AmountRange;
  workloads: WorkloadResources[];
  /** Jobs and CronJobs: per run, apart from the total. */
  runs: WorkloadResources[];
  quotas: QuotaCheck[];
  /** How DaemonSets were counted: `per matching node (3 nodes read)` or why per node. */
  daemonSets?: string;
  /** With the `prices` input: the monthly cost of the change in requests (730 hours), low and high. */
  monthly?: { low: number; high: number };
  /** Amounts that could not be read, each naming the object and field. */
  problems: string[];
}

export const NO_AMOUNTS: ResourceAmounts = { cpuRequests: 0, cpuLimits: 0, memoryRequests: 0, memoryLimits: 0, pods: 0, storage: 0, claims: 0 };
