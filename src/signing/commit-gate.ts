// The apply's signature gate, built once per run from the policy. It checks three times, and a
// refusal throws before anything is written:
// - before the commit's manifests are read (so no chart is pulled, no file decrypted, no hook
//   planned for a commit whose own signature is refused): the checkout is the commit, nothing under
//   the manifest paths differs from it, and the commit is signed as allowed;
// - after loading: every file and directory the load read (its read set: kustomize bases, charts,
//   values files and link targets outside the paths too) is exactly the commit's;
// - after planning, with verify-commits-since-live: every commit since the live one the inventory
//   recorded (known only once the ApplySet parent is read, so a signed head on top of an unsigned
//   commit is loaded and planned first; it is still refused before the first write).
import type { GitHubApi } from '../github/github-port.js';
import type { Logger } from '../model/logger.js';
import type { Plan } from '../model/plan.js';
import { ApplyRefusedError } from '../model/apply-refused.js';
import { Inputs } from '../model/inputs-outputs.js';
import type { ReadSet } from '../load/read-set.js';
import { checkoutMismatch, readSetMismatch } from './checkout-state.js';
import { short } from './commit-scope.js';
import { isRefused, verifyCommitSignatures, type VerificationReport } from './commit-verification.js';
import { signatureRefusal, verdictText } from './signature-refusal.js';
import type { SigningPolicy } from './signing-policy.js';

export interface CommitGate {
  /** Before loading: the checkout and the applied commit's own signature. Throws an ApplyRefusedError. */
  beforeLoad: () => Promise<void>;
  /** After loading, before planning: every file and directory the load read is the commit's. Throws an ApplyRefusedError. */
  afterLoad: (reads: ReadSet) => Promise<void>;
  /** After planning, before the first write: the commits since the live one (since-live only). Throws an ApplyRefusedError. */
  afterPlan: (liveCommit: string | undefined, plan: Plan) => Promise<void>;
}

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
  const verify = (live: string | undefined): Promise<VerificationReport> =>
    context.logger.group('Verify commit signatures', async () => {
      const r = await verifyCommitSignatures({
        policy: { ...policy, sinceLive: live !== undefined },
        workspace: context.workspace,
        head: context.commit,
        tempRoot: context.tempRoot,
        ...(live ? { live } : {}),
        ...(context.github ? { github: context.github } : {}),
        ...(context.webFlowKeys ? { webFlowKeys: context.webFlowKeys } : {}),
      });
      logReport(r, context.logger);
      return r;
    });
  return {
    beforeLoad: async () => {
      const mismatch = await checkoutMismatch(context.workspace, context.commit, context.paths);
      if (mismatch) throw new ApplyRefusedError(`Refusing to apply ${short(context.commit)}: ${mismatch}.`, { input: Inputs.VerifyCommits });
      const report = await verify(undefined);
      if (isRefused(report)) throw signatureRefusal(report);
    },
    afterLoad: async (reads) => {
      const mismatch = await readSetMismatch(context.workspace, context.commit, reads);
      if (mismatch) throw new ApplyRefusedError(`Refusing to apply ${short(context.commit)}: ${mismatch}.`, { input: Inputs.VerifyCommits });
    },
    afterPlan: async (liveCommit, plan) => {
      // The head itself passed before loading; the first apply (no live commit) has nothing more.
      if (!policy.sinceLive || !liveCommit || liveCommit === context.commit) return;
      const report = await verify(liveCommit);
      if (isRefused(report)) throw signatureRefusal(report, plan);
    },
  };
}

export function logReport(report: VerificationReport, logger: Logger): void {
  if (report.missing) logger.warning(`Cannot verify the commits: ${report.missing}.`);
  for (const v of report.verdicts) logger.info(`${v.accepted ? 'accepted' : 'refused'}: ${verdictText(report, v)}`);
  if (!report.missing && report.verdicts.length > 1)
    logger.info(`${report.verdicts.length} commits verified since ${report.liveLabel} ${short(report.live ?? '')}.`);
}
