// The apply of a target that uses hooks or waves: the setup phase (Namespaces, CRDs, the change's
// configuration objects), each pre-apply hook run to completion, each wave applied and waited on
// until healthy, then each post-apply hook. The first step that fails (a failed write, a hook that
// does not complete, a wave that does not become healthy) stops the run: later steps are not
// started, and the caller prunes nothing.
import type { ClusterClient } from '../cluster/cluster-client.js';
import { formatRef } from '../objects/object-ref.js';
import { runSteps, stepLabel, type RunStep } from '../phases/run-order.js';
import type { PlannedChange } from '../plan/planned-change.js';
import { systemClock } from '../model/clock.js';
import { waitForHealth, type HealthResult, type WaitOptions } from '../wait/health-wait.js';
import { applyChanges, type ApplyOptions, type ApplyOutcome } from './applier.js';
import { deleteByPolicy, hasDeletePolicy, runHook, type HookResult } from './hook-runner.js';

export interface PhasedApplyOptions extends ApplyOptions {
  /** How each hook is waited on to complete, and each wave to become healthy (the run's one set of wait options). */
  wait: WaitOptions;
}

export interface PhasedOutcome extends ApplyOutcome {
  hooks: HookResult[];
  /** The health of each wave, decided before the next step started. */
  health: HealthResult[];
  /** Steps not started because an earlier one failed (or the run was interrupted). */
  skippedSteps: string[];
  /** The step that stopped the run. */
  stoppedAt?: string;
}

export async function applyPhased(changes: readonly PlannedChange[], client: ClusterClient, options: PhasedApplyOptions): Promise<PhasedOutcome> {
  const outcome: PhasedOutcome = { applied: [], failed: [], skippedStages: [], hooks: [], health: [], skippedSteps: [] };
  const steps = [...runSteps(changes)];
  // hook-succeeded hooks of the phase running now, deleted once the phase's last hook succeeded.
  let succeeded: { change: PlannedChange; result: HookResult }[] = [];
  for (const [i, step] of steps.entries()) {
    const label = stepLabel(step, (e) => formatRef(e.ref));
    if (outcome.stoppedAt !== undefined || options.signal?.aborted) {
      outcome.skippedSteps.push(label);
      continue;
    }
    const ok = step.kind === 'hook' ? await hookStep(step, label, client, options, outcome) : await applyStep(step, label, client, options, outcome);
    if (!ok) {
      outcome.stoppedAt = label;
      options.logger.error(`The run stopped at ${label}: later steps are not started, and nothing is pruned.`);
      continue;
    }
    if (step.kind !== 'hook') continue;
    const result = outcome.hooks.at(-1);
    if (result && hasDeletePolicy(step.item, 'hook-succeeded')) succeeded.push({ change: step.item, result });
    const next = steps[i + 1];
    if (next?.kind === 'hook' && next.phase === step.phase) continue;
    await deleteSucceededHooks(succeeded, client, options);
    succeeded = [];
  }
  return outcome;
}

/** Helm's order: once every hook of the phase succeeded, the hook-succeeded ones go, the last run first. */
async function deleteSucceededHooks(
  hooks: readonly { change: PlannedChange; result: HookResult }[],
  client: ClusterClient,
  options: PhasedApplyOptions,
): Promise<void> {
  for (const { change, result } of [...hooks].reverse()) result.deleted = await deleteByPolicy(change, client, options);
}

async function hookStep(
  step: Extract<RunStep<PlannedChange>, { kind: 'hook' }>,
  label: string,
  client: ClusterClient,
  options: PhasedApplyOptions,
  outcome: PhasedOutcome,
): Promise<boolean> {
  await options.beforeStage?.('workloads');
  const clock = options.clock ?? systemClock;
  const result = await options.logger.group(`Run the ${label}`, () => runHook(step.item, step.phase, client, { ...options, clock }));
  outcome.hooks.push(result);
  if (result.health) outcome.health.push(result.health);
  if (result.state === 'succeeded') return true;
  outcome.failed.push({ ref: result.ref, message: `the ${step.phase} hook ${formatRef(result.ref)} did not complete: ${result.message}`, cause: 'hook' });
  return false;
}

async function applyStep(
  step: Extract<RunStep<PlannedChange>, { kind: 'apply' }>,
  label: string,
  client: ClusterClient,
  options: PhasedApplyOptions,
  outcome: PhasedOutcome,
): Promise<boolean> {
  options.logger.info(`Applying ${label}: ${step.items.length} object(s)`);
  const result = await applyChanges(step.items, client, options);
  outcome.applied.push(...result.applied);
  outcome.failed.push(...result.failed);
  outcome.skippedStages.push(...result.skippedStages);
  if (result.failed.length > 0) return false;
  if (step.phase !== 'wave' || result.applied.length === 0) return true;
  const targets = result.applied.map((a) => ({ type: a.type, ref: a.ref }));
  const health = await options.logger.group(`Wait for ${label} to become healthy`, () => waitForHealth(client, targets, options.wait));
  outcome.health.push(...health);
  return health.every((h) => h.state === 'healthy');
}
