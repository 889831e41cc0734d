// The apply report's one outcome line, and the tally it is made from: what was written, what failed
// (and why, by the typed cause of each failure), what was never attempted, what the skipped prune
// left in place. Pure; names from the cluster or the manifests are data (inline code), never markup.
import type { AppliedObject, FailedObject } from '../apply/applier.js';
import type { FailureCause } from '../apply/failure-cause.js';
import type { PruneOutcome } from '../apply/pruner.js';
import type { HookResult } from '../apply/hook-runner.js';
import type { HealthResult } from '../wait/health-wait.js';
import type { PlanEntry } from '../model/plan.js';
import { formatRef, refKey, type ObjectRef } from '../objects/object-ref.js';
import { escapeText, inlineCode } from '../text/markdown-escape.js';

/** What the outcome line reads of a run (AppliedRun, apply-markdown.ts). */
export interface OutcomeRun {
  planResult: { plan: { entries: readonly PlanEntry[] } };
  outcome: { applied: readonly AppliedObject[]; failed: readonly FailedObject[] };
  prune?: PruneOutcome;
  health: readonly HealthResult[];
  hooks: readonly HookResult[];
  stoppedAt?: string;
  succeeded: boolean;
}

/** Which outcome the run had: the first that holds, in this order. */
export type OutcomeKind = 'failed' | 'interrupted' | 'prune-failed' | 'unhealthy' | 'applied';

export interface ApplyTally {
  kind: OutcomeKind;
  /** Writes done: objects applied and hooks that completed. */
  written: number;
  /** Writes that failed (an interrupted write is not attempted, not failed). */
  failed: readonly FailedObject[];
  /** Planned writes never started, because the run stopped first. */
  notAttempted: readonly ObjectRef[];
  /** Objects due to be pruned that stay, because the prune was skipped. */
  unpruned: readonly ObjectRef[];
  unhealthy: readonly HealthResult[];
}

const WRITES = new Set(['create', 'update', 'replace']);

export function tallyOf(run: OutcomeRun): ApplyTally {
  const { applied } = run.outcome;
  const failed = run.outcome.failed.filter((f) => f.cause !== 'interrupted');
  const done = new Set([...applied.map((a) => refKey(a.ref)), ...run.hooks.filter((h) => h.state === 'succeeded').map((h) => refKey(h.ref))]);
  const tried = new Set([...done, ...failed.map((f) => refKey(f.ref)), ...run.hooks.map((h) => refKey(h.ref))]);
  const entries = run.planResult.plan.entries;
  const notAttempted = entries.filter((e) => WRITES.has(e.action) && !tried.has(refKey(e.ref))).map((e) => e.ref);
  const unpruned = run.prune ? [] : entries.filter((e) => e.action === 'delete').map((e) => e.ref);
  const unhealthy = run.health.filter((h) => h.state !== 'healthy');
  return { kind: kindOf(run, failed, unhealthy), written: done.size, failed, notAttempted, unpruned, unhealthy };
}

function kindOf(run: OutcomeRun, failed: readonly FailedObject[], unhealthy: readonly HealthResult[]): OutcomeKind {
  if (run.succeeded) return 'applied';
  if (failed.length > 0) return 'failed';
  // Writes not started because the run was interrupted (a phased run also records where it stopped).
  if (run.outcome.failed.length > 0) return 'interrupted';
  if (run.stoppedAt !== undefined) return 'failed';
  if (!run.prune) return 'interrupted';
  if (run.prune.failed.length > 0) return 'prune-failed';
  return unhealthy.length > 0 ? 'unhealthy' : 'failed';
}

const CAUSE_LABELS: Record<FailureCause, string> = {
  conflict: 'field conflict',
  invalid: 'invalid',
  forbidden: 'forbidden',
  hook: 'hook did not complete',
  'not-established': 'definition not established',
  interrupted: 'interrupted',
  other: 'error',
};

/** Named objects in the outcome line, before "and N more". */
const NAMED = 3;

/** The report's first line: one outcome, with the counts that back it. */
export function outcomeLine(run: OutcomeRun, t: ApplyTally): string {
  const pruned = run.prune?.deleted.length ?? 0;
  const unhealthy = t.unhealthy.length > 0 ? `; ${t.unhealthy.length} not healthy: ${named(t.unhealthy.map((h) => h.ref))}` : '';
  switch (t.kind) {
    case 'applied':
      return `✅ **Applied**: ${t.written} written, ${pruned} pruned${run.health.length > 0 ? ', all healthy' : ''}.`;
    case 'unhealthy':
      return `⚠️ **Applied, not healthy**: ${t.written} written, ${pruned} pruned${unhealthy}.`;
    case 'prune-failed': {
      const failed = run.prune?.failed.map((f) => f.ref) ?? [];
      return `❌ **Prune failed**: ${t.written} written, ${pruned} pruned, ${failed.length} could not be deleted: ${named(failed)}${unhealthy}.`;
    }
    case 'interrupted':
      return `⏹️ **Interrupted**: ${progress(t)}; nothing was pruned.`;
    case 'failed':
      return `❌ **Failed**: ${progress(t)}; ${stopped(run, t)}nothing was pruned.`;
  }
}

/** `2 of 5 changes applied, 1 failed (field conflict), 2 not attempted`. */
function progress(t: ApplyTally): string {
  const total = t.written + t.failed.length + t.notAttempted.length;
  const causes = [...new Set(t.failed.map((f) => CAUSE_LABELS[f.cause]))];
  return [
    `${t.written} of ${total} change${total === 1 ? '' : 's'} applied`,
    ...(t.failed.length > 0 ? [`${t.failed.length} failed (${causes.join(', ')})`] : []),
    ...(t.notAttempted.length > 0 ? [`${t.notAttempted.length} not attempted`] : []),
  ].join(', ');
}

/** A phased run stopped by a wave that did not become healthy (no write failed). */
function stopped(run: OutcomeRun, t: ApplyTally): string {
  if (t.failed.length > 0 || run.stoppedAt === undefined) return '';
  const who = t.unhealthy.length > 0 ? ` (${named(t.unhealthy.map((h) => h.ref))})` : '';
  return `${escapeText(run.stoppedAt)} did not become healthy${who}, so `;
}

function named(refs: readonly ObjectRef[]): string {
  const shown = refs.slice(0, NAMED).map((r) => inlineCode(formatRef(r)));
  return refs.length > NAMED ? `${shown.join(', ')} and ${refs.length - NAMED} more` : shown.join(', ');
}

/** The outcome as one line of plain text (a deployment's description, a plan file's record): `Applied: 3 written, 1 pruned`. */
export function outcomeText(run: OutcomeRun): string {
  const t = tallyOf(run);
  const failed = t.failed.length > 0 ? `, ${t.failed.length} failed` : '';
  const unhealthy = t.unhealthy.length > 0 ? `, ${t.unhealthy.length} not healthy` : '';
  return `${KIND_LABELS[t.kind]}: ${t.written} written${failed}, ${run.prune?.deleted.length ?? 0} pruned${unhealthy}`;
}

const KIND_LABELS: Record<OutcomeKind, string> = {
  applied: 'Applied',
  unhealthy: 'Applied, not healthy',
  'prune-failed': 'Prune failed',
  interrupted: 'Interrupted',
  failed: 'Failed',
};
