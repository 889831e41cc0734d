// Runs one hook: the object left from its last run is deleted (a Job's pod template is immutable,
// so a hook runs again only as a new object), the manifest is created, and the hook is waited on
// until it completes, fails (a failed Job, a pod in CrashLoopBackOff or ImagePullBackOff) or runs
// out of time. A failed hook with hook-failed is deleted at once; a hook-succeeded hook is deleted
// by the caller only once every hook of its phase has succeeded, as Helm does (a later hook of the
// phase may need it: cert-manager's startupapicheck Job runs as a ServiceAccount that is a hook too).
import type { ClusterClient } from '../cluster/cluster-client.js';
import { getErrorMessage } from '../model/errors.js';
import type { Logger } from '../model/logger.js';
import { formatRef, type ObjectRef } from '../objects/object-ref.js';
import type { HookPhase } from '../model/phase.js';
import type { PlannedChange } from '../plan/planned-change.js';
import { objectFailure } from '../cluster/object-failure.js';
import type { SecretRedactor } from '../redaction/secret-redactor.js';
import type { Clock } from '../model/clock.js';
import { waitForHealth, type HealthResult, type WaitOptions } from '../wait/health-wait.js';
import { deleteAndWait } from './delete-and-wait.js';

export interface HookRunOptions {
  fieldManager: string;
  forceConflicts: boolean;
  /** How the hook is waited on to complete (the run's wait options; one object at a time). */
  wait: WaitOptions;
  logger: Logger;
  redactor: SecretRedactor;
  clock: Clock;
}

export interface HookResult {
  ref: ObjectRef;
  phase: HookPhase;
  state: 'succeeded' | 'failed';
  /** How it completed, or why it failed (its pods and their reasons). */
  message: string;
  durationMs: number;
  /** Deleted after the run by its delete policy. */
  deleted: boolean;
  /** The wait's verdict, with the latest Events of the hook and its pods when it failed. */
  health?: HealthResult;
}

export async function runHook(change: PlannedChange, phase: HookPhase, client: ClusterClient, options: HookRunOptions): Promise<HookResult> {
  const { ref } = change.entry;
  const start = options.clock.now();
  const done = (state: HookResult['state'], message: string, extra: Partial<HookResult> = {}): HookResult => ({
    ref,
    phase,
    state,
    message: options.redactor.redactString(message),
    durationMs: options.clock.now() - start,
    deleted: false,
    ...extra,
  });
  const { type, desired } = change;
  if (!type || !desired) return done('failed', `${formatRef(ref)}: the cluster does not serve its kind, or the plan holds no manifest for it`);
  try {
    if (await client.get(type, ref)) {
      options.logger.info(`deleting ${formatRef(ref)} from its last run`);
      await deleteAndWait(client, type, ref, options.clock);
    }
    await client.apply(type, desired, { fieldManager: options.fieldManager, force: options.forceConflicts, dryRun: false });
    options.logger.info(`created ${formatRef(ref)}`);
  } catch (error) {
    const message = objectFailure(ref, 'apply', error);
    options.logger.error(options.redactor.redactString(message));
    return done('failed', message);
  }
  const [health] = await waitForHealth(client, [{ type, ref }], { ...options.wait, concurrency: 1 });
  const state = health?.state === 'healthy' ? 'succeeded' : 'failed';
  const deleted = state === 'failed' && hasDeletePolicy(change, 'hook-failed') && (await deleteByPolicy(change, client, options));
  return done(state, health?.message ?? 'not waited on', { deleted, ...(health ? { health } : {}) });
}

export function hasDeletePolicy(change: PlannedChange, policy: 'hook-succeeded' | 'hook-failed'): boolean {
  return (change.entry.phase?.deletePolicies ?? []).includes(policy);
}

/** Deletes a hook by its delete policy; a failure is a warning (the hook did its work). */
export async function deleteByPolicy(change: PlannedChange, client: ClusterClient, options: Pick<HookRunOptions, 'logger' | 'redactor'>): Promise<boolean> {
  const { ref } = change.entry;
  if (!change.type) return false;
  try {
    await client.delete(change.type, ref);
    options.logger.info(`deleted ${formatRef(ref)} (its delete policy)`);
    return true;
  } catch (error) {
    options.logger.warning(options.redactor.redactString(`${formatRef(ref)} could not be deleted by its delete policy: ${getErrorMessage(error)}`));
    return false;
  }
}
