// The facts about one commit's signature, whichever way they were read (git with the allowed keys,
// or GitHub's verification API): the input of the verdict's rule table.

export type SignatureStatus =
  /** A good signature (not yet saying by whom: see `trusted`). */
  | 'good'
  /** A good signature by a key that is not allowed, or of unknown validity. */
  | 'untrusted'
  /** The signature does not match the commit (rewritten after signing) or is corrupt. */
  | 'bad'
  | 'unsigned'
  | 'expired-signature'
  | 'expired-key'
  | 'revoked'
  /** The signing key is not known here, so it cannot be checked. */
  | 'unknown-key'
  | 'error';

export interface CommitSignature {
  sha: string;
  status: SignatureStatus;
  /** Accepted against the policy's keys: `git verify-commit` with the allowed keys, or GitHub's `verified`. */
  trusted: boolean;
  /** Who signed: the SSH principal, the OpenPGP user id, the GitHub account. */
  signer?: string;
  /** The key: `SHA256:…` (SSH) or an OpenPGP key id / fingerprint. */
  key?: string;
  keyKind?: 'ssh' | 'openpgp';
  /** `Name <email>` of the committer. */
  committer: string;
  /** Signed by GitHub's web-flow key (a merge or squash made in the web UI). */
  webFlow: boolean;
  /** GitHub's API confirmed the web-flow signature (asked only when web-flow commits are trusted). */
  webFlowConfirmed?: boolean;
  /** Why the signing key's own allowed-signers line refused it (its namespaces, valid-before or valid-after). */
  keyRestriction?: string;
  /** GitHub's `verification.reason`, in `github` mode. */
  githubReason?: string;
}

/** `unsigned`, or who signed with which key, for messages. */
export function describeSigner(s: CommitSignature): string {
  if (s.status === 'unsigned') return 'unsigned';
  if (s.webFlow) return "GitHub's web-flow key";
  const kind = s.keyKind === 'ssh' ? 'SSH' : s.keyKind === 'openpgp' ? 'OpenPGP' : '';
  const key = s.key ? `${kind ? `${kind} ` : ''}key ${s.key}` : '';
  if (s.signer && key) return `${s.signer} (${key})`;
  return s.signer || key || 'an unreadable signature';
}
