// What planning one object needs from the plan as a whole, and what it gives back: shared by the
// planner and each way of planning an object (plan-object.ts, undecrypted-plan.ts).
import type { ClusterClient, ResourceType } from '../cluster/cluster-client.js';
import type { Inventory } from '../inventory/applyset.js';
import type { KubeObject } from '../objects/kube-object.js';
import type { CrdSchemaValidator } from '../validation/crd-validator.js';
import type { PlannedChange, PlanSettings } from './planned-change.js';

/** What planning one object needs from the plan as a whole. */
export interface PlanContext {
  client: ClusterClient;
  settings: PlanSettings;
  inventory: Inventory;
  /** Live members of this target's ApplySet, by refKey. */
  members: Map<string, KubeObject>;
  /** Namespaces the change creates. */
  pendingNamespaces: Set<string>;
  /** Existing namespaces to dry-run objects of new namespaces in (asked once, when first needed). */
  standIns: () => Promise<string[]>;
  /** Does the namespace exist in the cluster (one GET per namespace per plan)? */
  namespaceExists: (name: string) => Promise<boolean>;
  crdSchemas: CrdSchemaValidator;
  secretType: ResourceType;
}

export interface ObjectPlan {
  change: PlannedChange;
  warnings: string[];
  /** Proven unchanged from its managed fields, without a dry-run. */
  proven?: true;
}
