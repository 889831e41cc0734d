// The wait stage: polls every applied object each interval (bounded concurrency) until each is
// healthy or failed. Objects stop being polled once decided; a failure that needs a fix (progress
// deadline exceeded, a container in CrashLoopBackOff, a failed Job) is decided at once, and only
// what is still progressing at the timeout waits for it. Failed objects carry their latest Events.
import type { ClusterClient, ResourceType } from '../cluster/cluster-client.js';
import { isClusterError } from '../cluster/cluster-error.js';
import { mapLimit } from '../concurrency/map-limit.js';
import { ConfigurationError, getErrorMessage } from '../model/errors.js';
import type { Logger } from '../model/logger.js';
import { progressCounter, type Progress } from '../model/progress.js';
import type { KubeObject } from '../objects/kube-object.js';
import { formatRef, type ObjectRef } from '../objects/object-ref.js';
import { NOTHING_TO_WAIT_FOR } from './health-check.js';
import { latestEvents, type EventSubject } from './health-events.js';
import { probe, type Probe } from './health-probe.js';
import { formatDuration, timeoutMessage } from './health-report.js';
import { systemClock, type Clock } from '../model/clock.js';
import { failed, isDecided, progressing, type HealthState, type HealthVerdict } from './health-verdict.js';

export type { HealthState } from './health-verdict.js';

/** An object the apply stage created, updated or replaced. */
export interface WaitTarget {
  type: ResourceType;
  ref: ObjectRef;
}

export interface WaitOptions {
  /** How long objects may take, from the start of the wait, before those not yet healthy fail. */
  timeoutMs: number;
  /** Pause between polls; default {@link DEFAULT_WAIT_INTERVAL_MS}. */
  intervalMs?: number;
  /** Objects read at the same time. */
  concurrency: number;
  logger: Logger;
  /** The time and the pause between polls; default {@link systemClock}. */
  clock?: Clock;
  /** Told as each object is decided (healthy or failed). */
  progress?: Progress;
}

export interface HealthResult {
  ref: ObjectRef;
  state: HealthState;
  /** Why it is healthy, why it failed, or (at the timeout) what it was still waiting for. */
  message: string;
  /** From the start of the wait until it was decided. */
  durationMs: number;
  /** For objects that are not healthy: their latest Events as `Reason: message`, newest last. */
  events: string[];
}

const DEFAULT_WAIT_INTERVAL_MS = 1000;
/** How often a summary of what is still awaited is logged. */
const PROGRESS_LOG_INTERVAL_MS = 30_000;
/** HTTP statuses that will not change by polling again. */
const UNREADABLE_STATUS = new Set([401, 403]);

/** One target during the wait. */
interface Tracked {
  target: WaitTarget;
  last?: HealthVerdict;
  live?: KubeObject;
  subjects: EventSubject[];
  result?: HealthResult;
}

interface WaitRun {
  client: ClusterClient;
  options: WaitOptions;
  clock: Clock;
  start: number;
  oneDecided: () => void;
}

export async function waitForHealth(client: ClusterClient, targets: readonly WaitTarget[], options: WaitOptions): Promise<HealthResult[]> {
  if (targets.length === 0) return [];
  const clock = options.clock ?? systemClock;
  const run: WaitRun = { client, options, clock, start: clock.now(), oneDecided: progressCounter(options.progress, 'decided', targets.length) };
  const tracked: Tracked[] = targets.map((target) => ({ target, subjects: [] }));
  options.logger.info(`Waiting up to ${formatDuration(options.timeoutMs)} for ${targets.length} object(s) to become healthy`);
  let progressLoggedAt = run.start;
  for (;;) {
    await pollOnce(run, undecided(tracked));
    const open = undecided(tracked);
    if (open.length === 0) break;
    const remaining = run.start + options.timeoutMs - clock.now();
    if (remaining <= 0) {
      await mapLimit(open, options.concurrency, (t) => decide(run, t, failed(timeoutMessage(t.last, options.timeoutMs, t.live))));
      break;
    }
    if (clock.now() - progressLoggedAt >= PROGRESS_LOG_INTERVAL_MS) {
      logProgress(open, options.logger);
      progressLoggedAt = clock.now();
    }
    await clock.sleep(Math.min(options.intervalMs ?? DEFAULT_WAIT_INTERVAL_MS, remaining));
  }
  const results = tracked.map(resultOf);
  const idle = results.filter(isIdle).length;
  if (idle > 0) options.logger.info(`${idle} object(s) have no status to wait for (healthy once written)`);
  return results;
}

/** Healthy with nothing to watch (a ConfigMap, a Service): one line for all of them, not a line each. */
function isIdle(result: HealthResult): boolean {
  return result.state === 'healthy' && result.message === NOTHING_TO_WAIT_FOR;
}

/** The loop above ends only once every object is decided. */
function resultOf(t: Tracked): HealthResult {
  if (!t.result) throw new Error(`the wait ended with ${formatRef(t.target.ref)} undecided`);
  return t.result;
}

function undecided(tracked: readonly Tracked[]): Tracked[] {
  return tracked.filter((t) => !t.result);
}

async function pollOnce(run: WaitRun, open: readonly Tracked[]): Promise<void> {
  // A read that fails is a verdict too, so every object comes back with what was read of it.
  const reads = await mapLimit(open, run.options.concurrency, async (t) => ({
    t,
    read: await probe(run.client, t.target.type, t.target.ref).catch(unreadable),
  }));
  const decided: { t: Tracked; verdict: HealthVerdict }[] = [];
  for (const r of reads) {
    if (!r.ok) continue;
    const { t, read } = r.value;
    const before = t.last?.message;
    record(t, read);
    if (isDecided(read.verdict)) decided.push({ t, verdict: read.verdict });
    else if (read.verdict.message !== before) run.options.logger.debug(`${formatRef(t.target.ref)}: ${read.verdict.message}`);
  }
  await mapLimit(decided, run.options.concurrency, (d) => decide(run, d.t, d.verdict));
}

function record(t: Tracked, p: Probe): void {
  t.last = p.verdict;
  if (p.live) t.live = p.live;
  if (p.subjects.length > 0) t.subjects = p.subjects;
}

/** A read that failed: permission problems are final, anything else is retried next round. */
function unreadable(error: unknown): Probe {
  const message = `cannot read it: ${getErrorMessage(error)}`;
  // A kubeconfig problem (an expired token: 401) will not fix itself either.
  const final = error instanceof ConfigurationError || (isClusterError(error) && UNREADABLE_STATUS.has(error.status));
  return { verdict: final ? failed(message) : progressing(message), subjects: [] };
}

async function decide(run: WaitRun, t: Tracked, verdict: HealthVerdict): Promise<void> {
  const durationMs = run.clock.now() - run.start;
  const events = verdict.state === 'failed' ? await eventsOf(run, t) : [];
  t.result = { ref: t.target.ref, state: verdict.state, message: verdict.message, durationMs, events };
  logResult(run.options.logger, t.result);
  run.oneDecided();
}

async function eventsOf(run: WaitRun, t: Tracked): Promise<string[]> {
  const { kind, name, namespace } = t.target.ref;
  const subjects = t.subjects.length > 0 ? t.subjects : [{ kind, name, ...(namespace ? { namespace } : {}) }];
  try {
    return await latestEvents(run.client, subjects);
  } catch (error) {
    run.options.logger.warning(`Cannot read the Events of ${formatRef(t.target.ref)}: ${getErrorMessage(error)}`);
    return [];
  }
}

function logResult(logger: Logger, result: HealthResult): void {
  const id = formatRef(result.ref);
  const after = formatDuration(result.durationMs);
  if (result.state === 'healthy') {
    const line = `${id} is healthy after ${after}: ${result.message}`;
    if (isIdle(result)) logger.debug(line);
    else logger.info(line);
    return;
  }
  const events = result.events.map((e) => `\n  ${e}`).join('');
  logger.error(`${id} is not healthy after ${after}: ${result.message}${events}`);
}

function logProgress(open: readonly Tracked[], logger: Logger): void {
  const shown = open.slice(0, 10).map((t) => `${formatRef(t.target.ref)} (${t.last?.message ?? 'not read yet'})`);
  const more = open.length > shown.length ? `, and ${open.length - shown.length} more` : '';
  logger.info(`Still waiting for ${open.length} object(s): ${shown.join(', ')}${more}`);
}
