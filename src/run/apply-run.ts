// The merge pipeline: plan → guards → apply (staged) → prune → record → wait.
import type { ClusterClient, ResourceType } from '../cluster/cluster-client.js';
import { applyChanges, type ApplyOutcome } from '../apply/applier.js';
import { pruneChanges, type PruneOutcome } from '../apply/pruner.js';
import { systemClock, type Clock } from '../wait/clock.js';
import { waitForHealth, type HealthResult } from '../wait/health-wait.js';
import { formatProblem } from '../problems/problem.js';
import type { Logger } from '../logging.js';
import type { DesiredObject } from '../objects/desired-object.js';
import { groupKind } from '../objects/object-ref.js';
import { APPLIED_AT_ANNOTATION, isParentCurrent, parentObject, type Inventory } from '../inventory/applyset.js';
import { getAnnotations } from '../objects/kube-object.js';
import { isEmptyStateProblem } from '../plan/empty-state.js';
import { logPlanWarnings } from '../plan/plan-warnings.js';
import type { Plan } from '../plan/plan.js';
import { planChanges, type PlanResult, type PlanSettings } from '../plan/planner.js';
import type { SecretRedactor } from '../redaction/secret-redactor.js';
import { Inputs } from '../settings/settings.js';
import { ApplyRefusedError } from './apply-refused.js';

export interface ApplySettings extends PlanSettings {
  allowEmpty: boolean;
  wait: boolean;
  timeoutMs: number;
}

/** How a recorded commit relates to the one being applied (GitHub compare API semantics). */
export type CommitOrder = 'ahead' | 'behind' | 'identical' | 'diverged';

export interface ApplyDeps {
  client: ClusterClient;
  logger: Logger;
  /** Compares the live commit (base) with ours (head); undefined when no GitHub API is available. */
  compareCommits?: (base: string, head: string) => Promise<CommitOrder>;
  version: string;
  /** The time written on the ApplySet parent. */
  now: () => Date;
  /** Durations and the waits (CRDs, replacements, health); default {@link systemClock}. */
  clock?: Clock;
  /** The run's redactor; the plan registers its Secret values with it. */
  redactor?: SecretRedactor;
  /** Asked after planning and the guards, before the first write (the CLI's confirmation); false writes nothing. */
  confirm?: (plan: Plan) => Promise<boolean>;
  /** Once aborted (Ctrl-C), no new write starts, nothing is pruned and nothing waited on. */
  signal?: AbortSignal;
}

export interface ApplyReport {
  planResult: PlanResult;
  outcome: ApplyOutcome;
  prune?: PruneOutcome;
  health: HealthResult[];
  /** The commit live before this run, as the inventory recorded it. */
  previousCommit?: string;
  durationsMs: { plan: number; apply: number; prune: number; wait: number };
  succeeded: boolean;
}


export async function runApply(desired: readonly DesiredObject[], settings: ApplySettings, deps: ApplyDeps): Promise<ApplyReport> {
  const { client, logger } = deps;
  const clock = deps.clock ?? systemClock;
  const t0 = clock.now();
  const planResult = await logger.group('Plan', () => planChanges(desired, client, settings, logger, deps.redactor));
  const { plan, inventory, changes } = planResult;
  const planMs = clock.now() - t0;
  logPlanWarnings(plan, logger);
  if (plan.problems.length > 0) throw refusalOf(plan);
  await guardCommitOrder(inventory, settings.commit, plan, deps);
  if (deps.confirm && !(await deps.confirm(plan))) throw new ApplyRefusedError('Nothing was applied: the plan was not confirmed.', { plan });

  const secretType = (await client.resourceTypes()).find((t) => t.group === '' && t.version === 'v1' && t.kind === 'Secret');
  if (!secretType) throw new Error("the cluster's discovery lists no v1 Secret, so the inventory cannot be written");
  const pendingNamespaces = new Set(changes.filter((c) => c.pending === 'namespace').map((c) => c.entry.ref.namespace));
  let parentWritten = false;
  const writeParentUnion = async (stage: string): Promise<void> => {
    if (parentWritten || (stage === 'definitions' && pendingNamespaces.has(inventory.parentNamespace))) return;
    const members = changes.filter((c) => c.entry.action !== 'delete' || !settings.prune);
    await writeParent(client, secretType, inventory, [...inventory.groupKinds, ...members.map((c) => groupKind(c.entry.ref))],
      [...inventory.namespaces, ...changes.flatMap((c) => (c.entry.ref.namespace ? [c.entry.ref.namespace] : []))], settings, deps);
    parentWritten = true;
  };

  const t1 = clock.now();
  const outcome = await applyChanges(changes, client, {
    fieldManager: settings.fieldManager, forceConflicts: settings.forceConflicts, concurrency: settings.concurrency,
    crdTimeoutMs: Math.min(settings.timeoutMs, 120_000), logger, redactor: planResult.redactor, beforeStage: writeParentUnion,
    clock, ...(deps.signal ? { signal: deps.signal } : {}),
  });
  const applyMs = clock.now() - t1;
  const report: ApplyReport = { planResult, outcome, health: [], durationsMs: { plan: planMs, apply: applyMs, prune: 0, wait: 0 }, succeeded: false,
    ...(inventory.appliedCommit ? { previousCommit: inventory.appliedCommit } : {}) };
  if (outcome.failed.length > 0 || deps.signal?.aborted) {
    logger.error(deps.signal?.aborted && outcome.failed.length === 0
      ? 'The run was interrupted between stages; nothing was pruned.'
      : `Apply failed for ${outcome.failed.length} object(s); nothing was pruned.`);
    return report;
  }

  const t2 = clock.now();
  const prune = await logger.group('Prune', () => pruneChanges(changes, client, settings.concurrency, logger));
  report.prune = prune;
  report.durationsMs.prune = clock.now() - t2;
  const kept = changes.filter((c) => c.entry.action !== 'delete' || prune.failed.some((f) => f.ref === c.entry.ref));
  await writeParent(client, secretType, inventory, kept.map((c) => groupKind(c.entry.ref)),
    kept.flatMap((c) => (c.entry.ref.namespace ? [c.entry.ref.namespace] : [])), settings, deps, true);

  if (settings.wait && outcome.applied.length > 0) {
    const t3 = clock.now();
    report.health = await logger.group('Wait for health', () => waitForHealth(client,
      outcome.applied.map((a) => ({ type: a.type, ref: a.ref })), { timeoutMs: settings.timeoutMs, concurrency: settings.concurrency, logger, clock }));
    report.durationsMs.wait = clock.now() - t3;
  }
  report.succeeded = prune.failed.length === 0 && report.health.every((h) => h.state === 'healthy');
  return report;
}

async function guardCommitOrder(inventory: Inventory, commit: string, plan: Plan, deps: ApplyDeps): Promise<void> {
  const live = inventory.appliedCommit;
  if (!live || live === commit) return;
  if (!deps.compareCommits) {
    deps.logger.warning(`Cannot check that ${short(commit)} is newer than the live commit ${short(live)} (no GitHub API access); applying anyway.`);
    return;
  }
  const order = await deps.compareCommits(live, commit);
  if (order === 'behind') {
    const message = `Refusing to apply ${short(commit)}: it is older than ${short(live)}, which is already live (an older run finishing last?). Re-run the newest workflow run instead, or revert with a new commit.`;
    throw new ApplyRefusedError(message, { problems: [{ message }], plan });
  }
  if (order === 'diverged') deps.logger.warning(`${short(commit)} and the live commit ${short(live)} have diverged (a force push?); applying ${short(commit)}.`);
}

/**
 * Records the set on its parent Secret, only when that changes what the parent records: a re-run
 * of the live commit that changes nothing writes nothing. A new commit is new content (the commit
 * order guard reads it), so it is written, with the time of the write.
 */
async function writeParent(client: ClusterClient, type: ResourceType, inventory: Inventory, groupKinds: string[], namespaces: string[],
  settings: ApplySettings, deps: ApplyDeps, final = false): Promise<void> {
  const live = await client.get(type, { group: '', version: 'v1', kind: 'Secret', namespace: inventory.parentNamespace, name: inventory.parentName });
  const liveAt = live ? getAnnotations(live)[APPLIED_AT_ANNOTATION] : undefined;
  const stamp = final ? { commit: settings.commit, appliedAt: deps.now().toISOString() }
    : { ...(inventory.appliedCommit ? { commit: inventory.appliedCommit } : {}), ...(liveAt ? { appliedAt: liveAt } : {}) };
  const parent = parentObject(inventory, { groupKinds, namespaces, version: deps.version, ...stamp });
  if (isParentCurrent(live, parent)) {
    deps.logger.debug(`the ApplySet parent ${inventory.parentNamespace}/${inventory.parentName} already records this; not written`);
    return;
  }
  await client.apply(type, parent, { fieldManager: settings.fieldManager, force: true, dryRun: false });
}

/** Nothing is applied while the plan has problems; each one is carried for the report. */
function refusalOf(plan: Plan): ApplyRefusedError {
  const listed = plan.problems.map(formatProblem);
  const message = listed.length === 1 ? `Nothing was applied: ${listed.join('')}`
    : `Nothing was applied: ${listed.length} problems were found while planning:\n${listed.map((l) => `  - ${l}`).join('\n')}`;
  return new ApplyRefusedError(message, { problems: plan.problems, plan, ...(plan.problems.some(isEmptyStateProblem) ? { input: Inputs.AllowEmpty } : {}) });
}

function short(sha: string): string {
  return sha.slice(0, 7);
}
