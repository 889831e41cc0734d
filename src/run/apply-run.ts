// The merge pipeline: plan → guards → apply (staged; or, for a target with hooks or waves, setup →
// pre-apply hooks → waves → post-apply hooks) → prune → record → wait.
import { noteThrottling } from './throttling-note.js';
import type { ClusterClient } from '../cluster/cluster-client.js';
import { requireCoreType } from '../cluster/resource-catalogue.js';
import { applyChanges, type ApplyOptions, type ApplyOutcome } from '../apply/applier.js';
import type { HookResult } from '../apply/hook-runner.js';
import { applyPhased } from '../apply/phased-apply.js';
import { refKey } from '../objects/object-ref.js';
import { hookDigestsOf } from '../plan/plan-phases.js';
import { pruneChanges, type PruneOutcome } from '../apply/pruner.js';
import { systemClock, type Clock } from '../model/clock.js';
import { waitForHealth, type HealthResult, type WaitOptions } from '../wait/health-wait.js';
import { formatProblem } from '../model/problem.js';
import type { Logger } from '../model/logger.js';
import type { DesiredObject } from '../objects/desired-object.js';
import { recordedAfterPrune, recordedWhileApplying } from '../inventory/parent-content.js';
import { writeParent, type ParentWriteOptions } from '../inventory/parent-write.js';
import { logPlanWarnings } from '../plan/plan-warnings.js';
import type { Plan } from '../model/plan.js';
import { planChanges, type PlanResult } from '../plan/planner.js';
import type { PlanSettings } from '../plan/planned-change.js';
import type { SecretRedactor } from '../redaction/secret-redactor.js';
import { Inputs } from '../model/inputs-outputs.js';
import { refuseUndecrypted } from './sops-refusal.js';
import { ApplyRefusedError } from '../model/apply-refused.js';
import { refuseConflicts } from './conflict-refusal.js';
import { commitOrderGate, runGates, type CompareCommits, type WriteGate } from './write-gates.js';
import { inventoryMoved, needsLease, takeTargetLease } from './target-lease.js';
import type { Progress } from '../model/progress.js';

export interface ApplySettings extends PlanSettings {
  allowEmpty: boolean;
  wait: boolean;
  timeoutMs: number;
}

export interface ApplyDeps {
  client: ClusterClient;
  logger: Logger;
  /** Compares the live commit (base) with ours (head) for the commit order gate; undefined when no GitHub API is available. */
  compareCommits?: CompareCommits;
  version: string;
  /** The time written on the ApplySet parent. */
  now: () => Date;
  /** Durations and the waits (CRDs, replacements, health); default {@link systemClock}. */
  clock?: Clock;
  /** The run's redactor; the plan registers its Secret values with it. */
  redactor?: SecretRedactor;
  /** Run in order after the commit order gate, before the first write (write-gates.ts): signatures, review, confirmation. */
  gates?: readonly WriteGate[];
  /** Once aborted (Ctrl-C), no new write starts, nothing is pruned and nothing waited on. */
  signal?: AbortSignal;
  /** Told as objects are planned, applied and decided healthy or not (the CLI's progress on a terminal). */
  progress?: Progress;
  /** Serialise writes to the target with its Lease, held as `holder` (a run URL; user@host for the CLI). */
  lease?: { holder: string };
}

export interface ApplyReport {
  planResult: PlanResult;
  outcome: ApplyOutcome;
  prune?: PruneOutcome;
  health: HealthResult[];
  /** The hooks run, in order (a target with hooks). */
  hooks: HookResult[];
  /** Steps of a phased run not started because an earlier one failed. */
  skippedSteps: string[];
  /** The step of a phased run that stopped it. */
  stoppedAt?: string;
  /** The commit live before this run, as the inventory recorded it. */
  previousCommit?: string;
  durationsMs: { plan: number; apply: number; prune: number; wait: number };
  succeeded: boolean;
}

export async function runApply(desired: readonly DesiredObject[], settings: ApplySettings, deps: ApplyDeps): Promise<ApplyReport> {
  refuseUndecrypted(desired);
  let { planResult, planMs } = await planAndCheck(desired, settings, deps);
  const lease = deps.lease && needsLease(planResult, settings) ? await takeTargetLease(planResult, settings, deps, deps.lease.holder) : undefined;
  try {
    if (lease && (await inventoryMoved(deps.client, planResult.inventory))) {
      deps.logger.info('Another run wrote this target while this one waited for its lease: planning again.');
      ({ planResult, planMs } = await planAndCheck(desired, settings, deps));
    }
    const signal = lease ? (deps.signal ? AbortSignal.any([deps.signal, lease.lost]) : lease.lost) : deps.signal;
    return await applyPlanned(planResult, settings, { ...deps, ...(signal ? { signal } : {}) }, planMs);
  } finally {
    await lease?.release();
    noteThrottling(deps.client, deps.logger);
  }
}

/** Everything between the plan and the first write: a refusal throws {@link ApplyRefusedError}. */
async function planAndCheck(desired: readonly DesiredObject[], settings: ApplySettings, deps: ApplyDeps): Promise<{ planResult: PlanResult; planMs: number }> {
  const { client, logger } = deps;
  const clock = deps.clock ?? systemClock;
  const t0 = clock.now();
  // An apply shows no resource delta: its reads (HPAs, LimitRanges, quotas, nodes) are left out.
  const planResult = await logger.group('Plan', () =>
    planChanges(desired, client, { ...settings, resourceDelta: false }, logger, deps.redactor, deps.progress),
  );
  const planMs = clock.now() - t0;
  const { plan, inventory } = planResult;
  logPlanWarnings(plan, logger);
  if (plan.problems.length > 0) throw refusalOf(plan);
  if (!settings.forceConflicts) refuseConflicts(plan);
  await runGates([commitOrderGate(deps.compareCommits, logger), ...(deps.gates ?? [])], { plan, inventory, commit: settings.commit });
  return { planResult, planMs };
}

async function applyPlanned(planResult: PlanResult, settings: ApplySettings, deps: ApplyDeps, planMs: number): Promise<ApplyReport> {
  const { client, logger } = deps;
  const clock = deps.clock ?? systemClock;
  const { plan, inventory, changes } = planResult;
  const parent: ParentWriteOptions = {
    secretType: requireCoreType(await client.resourceTypes(), 'Secret', ', so the inventory cannot be written'),
    fieldManager: settings.fieldManager,
    version: deps.version,
    logger,
  };
  const writeParentUnion = parentUnionWriter(planResult, settings, client, parent);

  /** Every wait of the run (hooks, waves, the health of what was applied) with the same options. */
  const wait: WaitOptions = {
    timeoutMs: settings.timeoutMs,
    concurrency: settings.concurrency,
    logger,
    clock,
    ...(deps.progress ? { progress: deps.progress } : {}),
  };
  const t1 = clock.now();
  const applyOptions: ApplyOptions = {
    fieldManager: settings.fieldManager,
    forceConflicts: settings.forceConflicts,
    concurrency: settings.concurrency,
    crdTimeoutMs: Math.min(settings.timeoutMs, 120_000),
    logger,
    redactor: planResult.redactor,
    beforeStage: writeParentUnion,
    clock,
    ...(deps.signal ? { signal: deps.signal } : {}),
    ...(deps.progress ? { progress: deps.progress } : {}),
  };
  const phased = plan.entries.some((e) => e.phase) ? await applyPhased(changes, client, { ...applyOptions, wait }) : undefined;
  const outcome = phased ?? (await applyChanges(changes, client, applyOptions));
  const applyMs = clock.now() - t1;
  const report: ApplyReport = {
    planResult,
    outcome,
    health: phased?.health ?? [],
    hooks: phased?.hooks ?? [],
    skippedSteps: phased?.skippedSteps ?? [],
    ...(phased?.stoppedAt ? { stoppedAt: phased.stoppedAt } : {}),
    durationsMs: { plan: planMs, apply: applyMs, prune: 0, wait: 0 },
    succeeded: false,
    ...(inventory.appliedCommit ? { previousCommit: inventory.appliedCommit } : {}),
  };
  if (outcome.failed.length > 0 || phased?.stoppedAt || deps.signal?.aborted) {
    logger.error(
      phased?.stoppedAt && outcome.failed.length === 0
        ? `${phased.stoppedAt} did not become healthy; nothing was pruned.`
        : deps.signal?.aborted && outcome.failed.length === 0
          ? 'The run was interrupted between stages; nothing was pruned.'
          : `Apply failed for ${outcome.failed.length} object(s); nothing was pruned.`,
    );
    return report;
  }

  const t2 = clock.now();
  const prune = await logger.group('Prune', () => pruneChanges(changes, client, settings.concurrency, logger));
  report.prune = prune;
  report.durationsMs.prune = clock.now() - t2;
  const kept = changes.filter((c) => c.entry.action !== 'delete' || prune.failed.some((f) => f.ref === c.entry.ref));
  await writeParent(
    client,
    inventory,
    recordedAfterPrune(
      kept.map((c) => c.entry.ref),
      hookDigestsOf(changes),
    ),
    { final: true, commit: settings.commit, appliedAt: deps.now().toISOString() },
    parent,
  );

  const waited = new Set(report.health.map((h) => refKey(h.ref)));
  const unwaited = outcome.applied.filter((a) => !waited.has(refKey(a.ref)));
  if (settings.wait && unwaited.length > 0) {
    const t3 = clock.now();
    report.health.push(
      ...(await logger.group('Wait for health', () =>
        waitForHealth(
          client,
          unwaited.map((a) => ({ type: a.type, ref: a.ref })),
          wait,
        ),
      )),
    );
    report.durationsMs.wait = clock.now() - t3;
  }
  report.succeeded = prune.failed.length === 0 && report.health.every((h) => h.state === 'healthy');
  return report;
}

/**
 * Before the first stage with work, once: the parent records the union of what it held and what
 * the change touches. Not before the definitions stage when that stage creates the parent's namespace.
 */
function parentUnionWriter(
  planResult: PlanResult,
  settings: ApplySettings,
  client: ClusterClient,
  parent: ParentWriteOptions,
): (stage: string) => Promise<void> {
  const { inventory, changes } = planResult;
  // The namespaces this change creates: those its objects wait for, and every Namespace it creates
  // (a target of only a Namespace has nothing waiting for it, and its parent still lives there).
  const pendingNamespaces = new Set([
    ...changes.filter((c) => c.pending === 'namespace').map((c) => c.entry.ref.namespace),
    ...changes.filter((c) => c.entry.action === 'create' && c.entry.ref.group === '' && c.entry.ref.kind === 'Namespace').map((c) => c.entry.ref.name),
  ]);
  let written = false;
  return async (stage) => {
    if (written || (stage === 'definitions' && pendingNamespaces.has(inventory.parentNamespace))) return;
    await writeParent(
      client,
      inventory,
      recordedWhileApplying(
        inventory,
        changes.map((c) => c.entry),
        settings.prune,
      ),
      { final: false },
      parent,
    );
    written = true;
  };
}

/** Nothing is applied while the plan has problems; each one is carried for the report. */
function refusalOf(plan: Plan): ApplyRefusedError {
  const listed = plan.problems.map(formatProblem);
  const message =
    listed.length === 1
      ? `Nothing was applied: ${listed.join('')}`
      : `Nothing was applied: ${listed.length} problems were found while planning:\n${listed.map((l) => `  - ${l}`).join('\n')}`;
  return new ApplyRefusedError(message, {
    problems: plan.problems,
    plan,
    ...(plan.problems.some((p) => p.code === 'empty-state') ? { input: Inputs.AllowEmpty } : {}),
  });
}
