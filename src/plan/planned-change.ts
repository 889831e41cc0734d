// What a plan hands to the stages after it, below the planner so that they (phases, apply, the
// planner's own helpers) need not import the planner: the settings a plan is made with, and each
// change as the apply needs it.
import type { ResourceType } from '../cluster/cluster-client.js';
import type { FieldPath } from '../objects/field-path.js';
import type { KubeObject } from '../objects/kube-object.js';
import type { PlanEntry } from '../model/plan.js';
import type { Prices } from './resource-prices.js';

export interface PlanSettings {
  target: string;
  commit: string;
  /** Namespace for namespaced objects whose manifest sets none. */
  namespace: string;
  inventoryNamespace: string;
  fieldManager: string;
  forceConflicts: boolean;
  prune: boolean;
  pruneDangerous: boolean;
  concurrency: number;
  /** Take over objects that another ApplySet's label claims (the `adopt` input); refused when false or absent. */
  adopt?: boolean;
  /** Accept an empty set of manifests (the `allow-empty` input); refused as a plan problem when false or absent. */
  allowEmpty?: boolean;
  /** Prices per CPU-hour and GiB-hour (the `prices` input): the resource delta adds a monthly estimate. */
  prices?: Prices;
  /** false: leave out the resource delta and the reads it needs (an apply shows none); computed when absent. */
  resourceDelta?: boolean;
}

/** What apply needs beyond the masked PlanEntry. */
export interface PlannedChange {
  entry: PlanEntry;
  /** Undefined while the kind waits on a CRD applied in the same run. */
  type?: ResourceType;
  /** The object to apply: namespace resolved, ApplySet member label set. Absent for deletions. */
  desired?: KubeObject;
  /**
   * Why the dry-run could not be the real one: `namespace`, its Namespace is new (dry-run in a
   * stand-in namespace); `crd`, its CRD is new (checked against the CRD's schema).
   */
  pending?: 'namespace' | 'crd';
  /** For a chart's output: the paths the chart renders anew every time (left out of a hook's digest). */
  generated?: readonly FieldPath[];
}
