// Whether one commit may be applied, as a rule table: the first rule that speaks decides, with the
// reason a refusal gives. Pure: facts (CommitSignature) and policy in, verdict out.
import { describeSigner, type CommitSignature } from './commit-signature.js';
import type { SigningPolicy } from './signing-policy.js';

export interface CommitVerdict {
  sha: string;
  accepted: boolean;
  /** `unsigned`, or who signed with which key. */
  signer: string;
  /** Why: "is unsigned", "is signed by a key not in allowed-signers", "is signed by …". */
  reason: string;
}

type Decision = Pick<CommitVerdict, 'accepted' | 'reason'>;
type Rule = (s: CommitSignature, policy: SigningPolicy) => Decision | undefined;

const accept = (reason: string): Decision => ({ accepted: true, reason });
const refuse = (reason: string): Decision => ({ accepted: false, reason });

const RULES: readonly Rule[] = [
  (s) => (s.status === 'unsigned' ? refuse('is unsigned') : undefined),
  (s) => (s.keyRestriction && !s.trusted ? refuse(s.keyRestriction) : undefined),
  (s) => (s.status === 'bad' ? refuse('has a bad signature: the commit was changed after it was signed, or the signature is corrupt') : undefined),
  (s, p) => (s.webFlow ? webFlowDecision(s, p) : undefined),
  (s, p) => (s.trusted ? accept(p.mode === 'github' ? 'is verified by GitHub' : 'is signed by an allowed key') : undefined),
  (s) => (s.status === 'revoked' ? refuse('is signed by a revoked key') : undefined),
  (s) => (s.status === 'expired-key' ? refuse('is signed by an expired key') : undefined),
  (s) => (s.status === 'expired-signature' ? refuse('has an expired signature') : undefined),
  (s, p) =>
    p.mode === 'github' ? refuse(`is not verified by GitHub (reason: ${s.githubReason ?? 'unknown'})`) : refuse('is signed by a key not in allowed-signers'),
];

function webFlowDecision(s: CommitSignature, policy: SigningPolicy): Decision {
  if (!policy.trustWebFlow) return refuse("is signed by GitHub's web-flow key (a merge or squash made in the web UI), and trust-github-web-flow is false");
  if (s.webFlowConfirmed) return accept("is signed by GitHub's web-flow key, as GitHub's verification confirms");
  return refuse("carries a web-flow signature that GitHub's verification API did not confirm (a github-token is needed to ask it)");
}

export function verdictOf(s: CommitSignature, policy: SigningPolicy): CommitVerdict {
  const decision = RULES.reduce<Decision | undefined>((found, rule) => found ?? rule(s, policy), undefined) ?? refuse('cannot be verified');
  return { sha: s.sha, signer: describeSigner(s), ...decision };
}
