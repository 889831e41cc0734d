// The rollout of one merged commit across a fleet, one row per target of the targets file, from the
// plan files the apply jobs left (read as data, src/fleet/plan-file-read.ts): applied and healthy,
// applied but failed or not healthy, stopped before writing (a refusal: the ring gate, a signature,
// an unreviewed plan), or no report at all (its job did not run: a ring before it failed and
// `needs:` skipped it, it waits for an approval, or it was cancelled). A report of another commit
// is no report of this one. Pure.
import type { PlanFile, PlanFileSet } from './plan-file-read.js';

export interface RolloutTarget {
  name: string;
  ring?: string;
  environment?: string;
}

export type RolloutState = 'applied' | 'failed' | 'stopped' | 'no-report';

export interface RolloutRow {
  target: string;
  ring?: string;
  environment?: string;
  state: RolloutState;
  /** What happened, as plain lines (data from the plan file: the caller escapes them). */
  why: string[];
  runUrl?: string;
}

const NO_REPORT = 'no report of this commit: its job did not run (a ring before it stopped, it waits for approval, or it was cancelled)';

export function rolloutRows(plans: PlanFileSet, targets: readonly RolloutTarget[], sha: string): RolloutRow[] {
  return targets.map((t) => {
    const base = { target: t.name, ...(t.ring === undefined ? {} : { ring: t.ring }), ...(t.environment === undefined ? {} : { environment: t.environment }) };
    const file = plans.files.find((f) => f.plan.target === t.name && f.plan.commit === sha && (f.run.report === 'apply' || f.run.report === 'refused'));
    if (!file) return { ...base, state: 'no-report', why: [NO_REPORT] };
    return { ...base, ...(file.run.runUrl ? { runUrl: file.run.runUrl } : {}), ...stateOf(file) };
  });
}

function stateOf(file: PlanFile): Pick<RolloutRow, 'state' | 'why'> {
  const problems = [...new Set([...(file.run.failure ? [file.run.failure] : []), ...file.plan.problems.map((p) => p.message)])];
  if (file.run.report === 'refused') return { state: 'stopped', why: problems.length > 0 ? problems : ['refused before any write'] };
  const outcome = file.run.outcome ?? (file.run.succeeded ? 'Applied' : 'Failed');
  return file.run.succeeded ? { state: 'applied', why: [outcome] } : { state: 'failed', why: [outcome, ...problems] };
}
