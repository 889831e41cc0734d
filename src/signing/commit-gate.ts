// The apply's signature gate, built once per run from the policy: asked after planning and before
// the first write, with the live commit the inventory recorded; a refusal throws, nothing is written.
import type { GitHubApi } from '../github/github-port.js';
import type { Logger } from '../logging.js';
import type { Plan } from '../plan/plan.js';
import { ApplyRefusedError } from '../run/apply-refused.js';
import { Inputs } from '../settings/settings.js';
import { checkoutMismatch } from './checkout-state.js';
import { short } from './commit-scope.js';
import { isRefused, verifyCommitSignatures, type VerificationReport } from './commit-verification.js';
import { signatureRefusal, verdictText } from './signature-refusal.js';
import type { SigningPolicy } from './signing-policy.js';

/** Throws an ApplyRefusedError when a commit in scope fails verification. */
export type CommitGate = (liveCommit: string | undefined, plan: Plan) => Promise<void>;

export interface GateContext {
  workspace: string;
  /** The commit applied. */
  commit: string;
  /** The manifest paths (the `path` input): nothing under them may differ from the commit. */
  paths: readonly string[];
  github?: GitHubApi;
  tempRoot: string;
  logger: Logger;
  webFlowKeys?: readonly string[];
}

/** Undefined when verify-commits is off. */
export function commitGate(policy: SigningPolicy | undefined, context: GateContext): CommitGate | undefined {
  if (!policy || policy.mode === 'off') return undefined;
  return async (liveCommit, plan) => {
    const mismatch = await checkoutMismatch(context.workspace, context.commit, context.paths);
    if (mismatch) throw new ApplyRefusedError(`Refusing to apply ${short(context.commit)}: ${mismatch}.`, { plan, input: Inputs.VerifyCommits });
    const report = await context.logger.group('Verify commit signatures', async () => {
      const r = await verifyCommitSignatures({
        policy,
        workspace: context.workspace,
        head: context.commit,
        tempRoot: context.tempRoot,
        ...(liveCommit ? { live: liveCommit } : {}),
        ...(context.github ? { github: context.github } : {}),
        ...(context.webFlowKeys ? { webFlowKeys: context.webFlowKeys } : {}),
      });
      logReport(r, context.logger);
      return r;
    });
    if (isRefused(report)) throw signatureRefusal(report, plan);
  };
}

export function logReport(report: VerificationReport, logger: Logger): void {
  if (report.missing) logger.warning(`Cannot verify the commits: ${report.missing}.`);
  for (const v of report.verdicts) logger.info(`${v.accepted ? 'accepted' : 'refused'}: ${verdictText(report, v)}`);
  if (!report.missing && report.verdicts.length > 1)
    logger.info(`${report.verdicts.length} commits verified since ${report.liveLabel} ${short(report.live ?? '')}.`);
}
