// The verification stage: the commits in scope, their signatures (git with the allowed keys, or
// GitHub's API), a verdict for each. Reads only: nothing here writes to the cluster or the repository.
import { ConfigurationError } from '../model/errors.js';
import type { GitHubApi } from '../github/github-port.js';
import { Inputs } from '../model/inputs-outputs.js';
import type { CommitSignature } from './commit-signature.js';
import { commitsInScope } from './commit-scope.js';
import { readGitSignatures } from './git-signatures.js';
import { confirmWebFlow, readGitHubSignatures } from './github-signatures.js';
import { openSignerKeyring, type PgpKey } from './signer-keyring.js';
import { WEB_FLOW_FINGERPRINTS, type SigningPolicy } from './signing-policy.js';
import { verdictOf, type CommitVerdict } from './signature-verdict.js';

export interface VerificationRequest {
  policy: SigningPolicy;
  /** The git checkout holding the commits. */
  workspace: string;
  /** The commit to apply (or, for a pull request, its head). */
  head: string;
  /** Where the since-live scope starts (the live commit; a pull request's base). */
  live?: string;
  /** What `live` is, in messages; default "the live commit". */
  liveLabel?: string;
  github?: GitHubApi;
  /** Where the key files go (RUNNER_TEMP on a runner). */
  tempRoot: string;
  /** Fingerprints taken for GitHub's web-flow key; default the published ones. */
  webFlowKeys?: readonly string[];
}

export interface VerificationReport {
  head: string;
  live?: string;
  /** What `live` is: "the live commit", "the base commit". */
  liveLabel: string;
  /** One per commit verified, newest first. */
  verdicts: CommitVerdict[];
  /** Why the commits could not be read at all (history missing): a refusal too. */
  missing?: string;
  /** What the policy allows, in words. */
  allowed: string;
}

export function isRefused(report: VerificationReport): boolean {
  return report.missing !== undefined || report.verdicts.some((v) => !v.accepted);
}

export async function verifyCommitSignatures(request: VerificationRequest): Promise<VerificationReport> {
  const { policy } = request;
  if (policy.mode === 'github' && !request.github) {
    throw new ConfigurationError(
      `'${Inputs.VerifyCommits}: github' asks GitHub's API, and no github-token is available here; use '${Inputs.VerifyCommits}: keys' with '${Inputs.AllowedSigners}' instead.`,
      Inputs.VerifyCommits,
    );
  }
  const scope = await commitsInScope({
    workspace: request.workspace,
    head: request.head,
    sinceLive: policy.sinceLive,
    ...(request.live ? { live: request.live } : {}),
  });
  const base = { head: request.head, liveLabel: request.liveLabel ?? 'the live commit', ...(request.live ? { live: request.live } : {}) };
  if ('missing' in scope) return { ...base, verdicts: [], missing: scope.missing, allowed: allowedText(policy, []) };
  const { signatures, pgpKeys } = await readSignatures(scope.commits, request);
  return { ...base, verdicts: signatures.map((s) => verdictOf(s, policy)), allowed: allowedText(policy, pgpKeys) };
}

async function readSignatures(shas: string[], request: VerificationRequest): Promise<{ signatures: CommitSignature[]; pgpKeys: PgpKey[] }> {
  const { policy, github } = request;
  if (policy.mode === 'github' && github) return { signatures: await readGitHubSignatures(shas, github), pgpKeys: [] };
  const keyring = await openSignerKeyring(policy.allowedSigners, request.tempRoot);
  try {
    const read = await readGitSignatures(shas, { workspace: request.workspace, keyring, webFlowKeys: request.webFlowKeys ?? WEB_FLOW_FINGERPRINTS });
    return { signatures: policy.trustWebFlow ? await confirmWebFlow(read, github) : read, pgpKeys: keyring.pgpKeys };
  } finally {
    await keyring.close();
  }
}

/** "signatures by dev@example.com (SSH key SHA256:…), Dev <dev@example.com> (OpenPGP key …)", and web-flow when trusted. */
function allowedText(policy: SigningPolicy, pgpKeys: readonly PgpKey[]): string {
  const webFlow = policy.trustWebFlow ? "GitHub's web-flow key (trust-github-web-flow)" : undefined;
  if (policy.mode === 'github') {
    return `commits GitHub verifies (verify-commits: github)${webFlow ? ', web-flow signatures included' : ", except those signed by GitHub's web-flow key (trust-github-web-flow is false)"}`;
  }
  const keys = [
    ...policy.allowedSigners.ssh.map((s) => `${s.principals} (SSH key ${s.fingerprint})`),
    ...(pgpKeys.length > 0
      ? pgpKeys.map((k) => `${k.uid || 'no user id'} (OpenPGP key ${k.fingerprint})`)
      : policy.allowedSigners.pgp.map((b) => `the OpenPGP key at line ${b.lineNumber}`)),
    ...(webFlow ? [webFlow] : []),
  ];
  return `signatures by ${keys.join(', ')}`;
}
