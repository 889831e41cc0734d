// Staged server-side apply of a plan: definitions (Namespaces, CRDs; CRDs waited on until
// Established, then discovery refreshed), cluster-wide RBAC and classes, the rest, webhooks last.
// Unchanged objects are not written again. The first failed stage stops the apply.
// Replacements (delete, then create) come last in their stage, only once every other write of the
// stage succeeded, and each deletes the old object only after the server accepts the new manifest
// as a create (replace-check.ts): a failed replacement leaves the old object in place.
import type { ClusterClient, ResourceType } from '../cluster/cluster-client.js';
import { deleteAndWait } from './delete-and-wait.js';
import { findType } from '../cluster/resource-catalogue.js';
import { mapLimit } from '../concurrency/map-limit.js';
import { systemClock, type Clock } from '../model/clock.js';
import { crdHealth } from '../wait/health-check.js';
import { progressCounter, type Progress } from '../model/progress.js';
import type { Logger } from '../model/logger.js';
import { APPLY_STAGES, stageOf, type ApplyStage } from '../objects/kind-order.js';
import { formatRef, type ObjectRef } from '../objects/object-ref.js';
import { objectFailure } from '../cluster/object-failure.js';
import type { SecretRedactor } from '../redaction/secret-redactor.js';
import type { PlannedChange } from '../plan/planned-change.js';
import { checkReplacementCreates } from '../plan/replace-check.js';
import type { Action } from '../model/plan.js';
import { failureCause, type FailureCause } from './failure-cause.js';

export interface ApplyOptions {
  fieldManager: string;
  forceConflicts: boolean;
  concurrency: number;
  /** How long to wait for a new CRD to become Established. */
  crdTimeoutMs: number;
  logger: Logger;
  redactor: SecretRedactor;
  /** Called before each stage that has work (e.g. to record the inventory once its namespace exists). */
  beforeStage?: (stage: ApplyStage) => Promise<void>;
  /** Once aborted (Ctrl-C in the CLI), no new write starts; writes under way finish. */
  signal?: AbortSignal;
  /** The time and the pauses of the CRD and replacement waits; default {@link systemClock}. */
  clock?: Clock;
  /** Told as each object's write finishes (written or failed). */
  progress?: Progress;
}

export interface AppliedObject {
  ref: ObjectRef;
  type: ResourceType;
  action: Action;
  durationMs: number;
}

export interface FailedObject {
  ref: ObjectRef;
  message: string;
  /** Why it failed, for the advice the reports give (failure-cause.ts). */
  cause: FailureCause;
}

export interface ApplyOutcome {
  applied: AppliedObject[];
  failed: FailedObject[];
  /** Stages not started because an earlier one failed. */
  skippedStages: ApplyStage[];
}

export async function applyChanges(changes: readonly PlannedChange[], client: ClusterClient, options: ApplyOptions): Promise<ApplyOutcome> {
  const outcome: ApplyOutcome = { applied: [], failed: [], skippedStages: [] };
  const oneDone = progressCounter(options.progress, 'applied', changes.filter((c) => c.desired && c.entry.action !== 'unchanged').length);
  for (const stage of APPLY_STAGES) {
    if (outcome.failed.length > 0 || options.signal?.aborted) {
      outcome.skippedStages.push(stage);
      continue;
    }
    const work = changes.filter((c) => c.desired && stageOf(c.entry.ref) === stage && c.entry.action !== 'unchanged');
    if (work.length === 0) continue;
    await options.logger.group(`Apply ${stage} (${work.length})`, async () => {
      await options.beforeStage?.(stage);
      if (stage !== 'definitions') await resolvePending(work, client);
      const replacements = work.filter((c) => c.entry.action === 'replace');
      await applyAll(
        work.filter((c) => c.entry.action !== 'replace'),
        client,
        options,
        outcome,
        oneDone,
      );
      if (replacements.length > 0 && outcome.failed.length > 0) {
        options.logger.warning(`${replacements.length} replacement(s) not started because another write of this stage failed; the old objects are kept.`);
      } else {
        await applyAll(replacements, client, options, outcome, oneDone);
      }
      if (stage === 'definitions' && outcome.failed.length === 0) outcome.failed.push(...(await settleDefinitions(outcome.applied, client, options)));
    });
  }
  return outcome;
}

async function applyAll(
  work: readonly PlannedChange[],
  client: ClusterClient,
  options: ApplyOptions,
  outcome: ApplyOutcome,
  oneDone: () => void,
): Promise<void> {
  const results = await mapLimit(work, options.concurrency, async (c) => {
    // Not started is not done: the progress counts only the writes that were sent.
    if (options.signal?.aborted) throw new NotStartedError(NOT_STARTED);
    try {
      return await applyOne(c, client, options);
    } finally {
      oneDone();
    }
  });
  results.forEach((r, i) => {
    const change = work[i];
    if (!change) return;
    const ref = change.entry.ref;
    if (r.ok) {
      outcome.applied.push(r.value);
      options.logger.info(`${r.value.action} ${formatRef(ref)} (${r.value.durationMs} ms)`);
    } else {
      const message = options.redactor.redactString(objectFailure(ref, 'apply', r.error));
      outcome.failed.push({ ref, message, cause: r.error instanceof NotStartedError ? 'interrupted' : failureCause(r.error) });
      options.logger.error(message);
    }
  });
}

const NOT_STARTED = 'not applied: the run was interrupted before this write started';

/** A write not started because the run was interrupted. */
class NotStartedError extends Error {}

async function applyOne(change: PlannedChange, client: ClusterClient, options: ApplyOptions): Promise<AppliedObject> {
  const clock = options.clock ?? systemClock;
  const start = clock.now();
  const { type, desired } = change;
  const { ref, action } = change.entry;
  if (!type) throw new Error(`the cluster does not serve ${ref.kind} even after its CustomResourceDefinition was applied`);
  if (!desired) throw new Error('the plan holds no manifest to apply');
  if (action === 'replace') {
    await checkReplacementCreates(client, type, desired, options.fieldManager);
    await deleteAndWait(client, type, ref, clock);
  }
  await client.apply(type, desired, { fieldManager: options.fieldManager, force: options.forceConflicts, dryRun: false });
  return { ref, type, action, durationMs: clock.now() - start };
}

/** Kinds whose CRD arrived in this run get their resource type from a refreshed discovery. */
async function resolvePending(work: PlannedChange[], client: ClusterClient): Promise<void> {
  if (!work.some((c) => !c.type)) return;
  const types = await client.resourceTypes(true);
  for (const c of work) {
    if (c.type) continue;
    const found = findType(types, c.entry.ref);
    if (found) c.type = found;
  }
}

/**
 * Waits until applied CRDs are Established, then refreshes discovery so their kinds can be applied.
 * A CRD that is not Established in time fails the stage like a failed write: it is returned, the
 * outcome keeps what was applied, and the later stages are not started.
 */
async function settleDefinitions(applied: AppliedObject[], client: ClusterClient, options: ApplyOptions): Promise<FailedObject[]> {
  const crds = applied.filter((a) => a.ref.kind === 'CustomResourceDefinition' && a.ref.group === 'apiextensions.k8s.io');
  if (crds.length === 0) return [];
  const clock = options.clock ?? systemClock;
  const deadline = clock.now() + options.crdTimeoutMs;
  const failed: FailedObject[] = [];
  for (const crd of crds) {
    for (;;) {
      const live = await client.get(crd.type, crd.ref);
      const verdict = live ? crdHealth(live) : undefined;
      if (verdict?.state === 'healthy') break;
      if (clock.now() >= deadline) {
        const message = `${formatRef(crd.ref)} did not become Established in time: ${verdict?.message ?? 'not found'}`;
        options.logger.error(message);
        failed.push({ ref: crd.ref, message, cause: 'not-established' });
        break;
      }
      await clock.sleep(200);
    }
  }
  if (failed.length > 0) return failed;
  await client.resourceTypes(true);
  options.logger.info(`${crds.length} CustomResourceDefinition(s) established; discovery refreshed`);
  return [];
}
