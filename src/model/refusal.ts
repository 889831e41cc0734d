// What a refused push is, whichever stage refused it: invalid manifests (a ManifestError from
// loading) or a refusal after planning (ApplyRefusedError: plan problems, an empty set, an older
// commit). Both come before the first write, so the report can say nothing was applied.
import { ManifestError } from './errors.js';
import type { Plan } from './plan.js';
import type { Problem } from './problem.js';
import { ApplyRefusedError } from './apply-refused.js';

export interface Refusal {
  /** Each reason to refuse, at its file and line when it has one. */
  problems: readonly Problem[];
  /** The plan, when planning got that far (masked like every plan). */
  plan?: Plan;
  /** The input to change (allow-empty), when the refusal is about one. */
  input?: string;
  /**
   * Refused as older than the live commit, which contains this one: its change is already live, it
   * went out as part of this commit. Not a failure: the pull request is told so, the step succeeds.
   */
  wentOutWith?: string;
}

/** The refusal an error stands for; undefined for any other error (which may come after writes). */
export function refusalOf(error: unknown): Refusal | undefined {
  if (error instanceof ManifestError) {
    return { problems: error.problems };
  }
  if (!(error instanceof ApplyRefusedError)) return undefined;
  const problems: readonly Problem[] =
    error.details.problems && error.details.problems.length > 0 ? error.details.problems : [{ message: error.message, code: 'refusal' }];
  const { plan, wentOutWith } = error.details;
  return { problems, ...(plan ? { plan } : {}), ...(error.input ? { input: error.input } : {}), ...(wentOutWith ? { wentOutWith } : {}) };
}

/** Problems with a file and line are annotated there; a lone problem without one is the failure line itself. */
export function isAnnotated(refusal: Refusal, problem: Problem): boolean {
  return problem.source !== undefined || refusal.problems.length > 1;
}

/** The one short line the step fails with (the problems themselves are annotations and in the summary). */
export function refusalLine(refusal: Refusal): string {
  const [only] = refusal.problems;
  if (only && refusal.problems.length === 1 && !only.source) {
    const first = only.message.split('\n')[0] ?? only.message;
    return only.code === 'refusal' || only.code === 'commit-refused' ? first : `Nothing was applied: ${first}`;
  }
  return `Nothing was applied: ${refusal.problems.length} problem(s) must be fixed first; see the annotations and the job summary.`;
}

/** What a push refused as older than the live commit that contains it says instead of failing. */
export function wentOutLine(live: string): string {
  return `Nothing to apply: ${live.slice(0, 7)}, already live, contains this commit, so its change went out as part of ${live.slice(0, 7)}.`;
}
