// The words of a refused commit: what was refused, which commit, its signer (or "unsigned") and what
// is allowed. One problem per refused commit; the apply's refusal error carries them to the reports.
import type { Plan } from '../model/plan.js';
import type { Problem } from '../model/problem.js';
import { ApplyRefusedError } from '../model/apply-refused.js';
import { Inputs } from '../model/inputs-outputs.js';
import { short } from './commit-scope.js';
import type { VerificationReport } from './commit-verification.js';
import type { CommitVerdict } from './signature-verdict.js';

/** "commit 1a2b3c4 is unsigned (signer: unsigned)", with where it sits when it is not the head. */
export function verdictText(report: VerificationReport, v: CommitVerdict): string {
  const where = v.sha !== report.head && report.live ? ` (between ${report.liveLabel} ${short(report.live)} and ${short(report.head)})` : '';
  return `commit ${short(v.sha)}${where} ${v.reason} (signer: ${v.signer})`;
}

/** Why each refused commit is refused, without the lead naming the applied commit (the reports say it once). */
export function refusalReasons(report: VerificationReport): string[] {
  const allowed = `Allowed: ${report.allowed}.`;
  if (report.missing) return [`${report.missing}. ${allowed}`];
  return report.verdicts.filter((v) => !v.accepted).map((v) => `${verdictText(report, v)}. ${allowed}`);
}

export function refusalProblems(report: VerificationReport): Problem[] {
  return refusalReasons(report).map((reason) => ({ message: `Refusing to apply ${short(report.head)}: ${reason}`, code: 'commit-refused' }));
}

/** The refusal; with the plan when it was made (a since-live refusal after planning). */
export function signatureRefusal(report: VerificationReport, plan?: Plan): ApplyRefusedError {
  const problems = refusalProblems(report);
  const first = problems[0]?.message ?? `Refusing to apply ${short(report.head)}.`;
  const message = problems.length > 1 ? `Refusing to apply ${short(report.head)}: ${problems.length} commits fail signature verification.` : first;
  return new ApplyRefusedError(message, { problems, ...(plan ? { plan } : {}), input: Inputs.VerifyCommits });
}
