// Signatures as GitHub verified them (`verify-commits: github`), and GitHub's confirmation of a
// web-flow signature seen by git (`keys` mode with trust-github-web-flow), through the GitHub port.
import type { CommitVerification, GitHubApi } from '../github/github-port.js';
import type { CommitSignature, SignatureStatus } from './commit-signature.js';
import { WEB_FLOW_COMMITTER_EMAIL } from './signing-policy.js';

/** GitHub's `verification.reason` values for an unverified commit, as our statuses. */
const STATUS_BY_REASON: Readonly<Record<string, SignatureStatus>> = {
  unsigned: 'unsigned',
  invalid: 'bad',
  malformed_signature: 'bad',
  malformed_sig: 'bad',
  bad_cert: 'bad',
  expired_key: 'expired-key',
  unknown_key: 'unknown-key',
  no_user: 'untrusted',
  unverified_email: 'untrusted',
  bad_email: 'untrusted',
  not_signing_key: 'untrusted',
};

export async function readGitHubSignatures(shas: readonly string[], github: GitHubApi): Promise<CommitSignature[]> {
  const out: CommitSignature[] = [];
  for (const sha of shas) out.push(fromVerification(sha, await github.commitVerification(sha)));
  return out;
}

function fromVerification(sha: string, v: CommitVerification): CommitSignature {
  const committer = `${v.committerName} <${v.committerEmail}>`;
  const webFlow = v.verified && isWebFlowCommitter(v);
  return {
    sha,
    status: v.verified ? 'good' : (STATUS_BY_REASON[v.reason] ?? 'error'),
    trusted: v.verified,
    committer,
    webFlow,
    ...(webFlow ? { webFlowConfirmed: true } : {}),
    ...(v.committerLogin ? { signer: v.committerLogin } : {}),
    githubReason: v.reason,
  };
}

function isWebFlowCommitter(v: CommitVerification): boolean {
  return v.committerEmail === WEB_FLOW_COMMITTER_EMAIL;
}

/** Asks GitHub about each web-flow signature git saw; the others are returned as they are. */
export async function confirmWebFlow(signatures: readonly CommitSignature[], github: GitHubApi | undefined): Promise<CommitSignature[]> {
  const out: CommitSignature[] = [];
  for (const s of signatures) {
    if (!s.webFlow) {
      out.push(s);
      continue;
    }
    const v = github ? await github.commitVerification(s.sha) : undefined;
    out.push({ ...s, webFlowConfirmed: v !== undefined && v.verified && isWebFlowCommitter(v) });
  }
  return out;
}
