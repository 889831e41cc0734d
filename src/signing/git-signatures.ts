// Signatures read by the checkout's own git against the allowed keys: `git log --format=%G?…` for
// the facts, and `git verify-commit` (with gpg.minTrustLevel=fully) for the decision. The user's
// own gpg and ssh settings are overridden, and replace refs are ignored (they could swap a commit).
import { firstLine } from '../text/first-line.js';
import type { CommitSignature, SignatureStatus } from './commit-signature.js';
import { isKeyOf } from './signing-policy.js';
import type { SignerKeyring } from './signer-keyring.js';
import { runTool } from './signing-tool.js';
import { childEnvironment } from '../tools/child-environment.js';

/** git's `%G?` letters. */
const STATUS_BY_LETTER: Readonly<Record<string, SignatureStatus>> = {
  G: 'good',
  U: 'untrusted',
  B: 'bad',
  N: 'unsigned',
  X: 'expired-signature',
  Y: 'expired-key',
  R: 'revoked',
  E: 'unknown-key',
};

const FIELD = '\x1f';
const RECORD = '\x1e';

export interface GitSignatureOptions {
  workspace: string;
  keyring: SignerKeyring;
  /** Fingerprints recognised as GitHub's web-flow key. */
  webFlowKeys: readonly string[];
}

export async function readGitSignatures(shas: readonly string[], options: GitSignatureOptions): Promise<CommitSignature[]> {
  if (shas.length === 0) return [];
  const log = await git(options, [
    'log',
    '--no-walk=unsorted',
    `--format=%H${FIELD}%G?${FIELD}%GK${FIELD}%GS${FIELD}%cn <%ce>${FIELD}%GG${RECORD}`,
    ...shas,
    '--',
  ]);
  if (log.code !== 0) throw new Error(`git log could not read the commits' signatures: ${firstLine(log.stderr.trim())}`);
  const signatures: CommitSignature[] = [];
  for (const record of log.stdout.split(RECORD)) {
    const [sha = '', letter = '', key = '', signer = '', committer = '', raw = ''] = record.trim().split(FIELD);
    if (!/^[0-9a-f]{40,64}$/.test(sha)) continue;
    const status = STATUS_BY_LETTER[letter] ?? 'error';
    const trusted = status === 'good' && (await git(options, ['verify-commit', sha])).code === 0;
    const keyKind = key === '' ? undefined : key.startsWith('SHA256:') ? 'ssh' : 'openpgp';
    const restriction = trusted || keyKind === 'openpgp' ? undefined : allowedSignerRestriction(raw);
    signatures.push({
      sha,
      status,
      trusted,
      committer,
      webFlow: !trusted && keyKind === 'openpgp' && isKeyOf(key, options.webFlowKeys),
      ...(signer ? { signer } : {}),
      ...(key ? { key } : {}),
      ...(keyKind ? { keyKind } : {}),
      ...(restriction ? { keyRestriction: restriction } : {}),
    });
  }
  return signatures;
}

/**
 * Why the allowed-signers line of the signing key itself refused the signature, from ssh-keygen's
 * words in `%GG`: git reports a key not allowed for the "git" namespace as a bad signature, and a
 * key outside its valid-before / valid-after window as an unknown signer.
 */
function allowedSignerRestriction(raw: string): string | undefined {
  const namespace = /key is not permitted for use in signature namespace "([^"]*)"/.exec(raw);
  if (namespace)
    return `is signed by a key whose allowed-signers line does not allow the "${namespace[1] ?? ''}" namespace (its namespaces= option must include "git" for commit signatures)`;
  const expired = /key has expired: verify time \S+ > valid-before (\S+)/.exec(raw);
  if (expired) return `is signed by a key whose allowed-signers line expired (valid-before ${expired[1] ?? ''})`;
  const early = /key is not yet valid: verify time \S+ < valid-after (\S+)/.exec(raw);
  if (early) return `is signed by a key whose allowed-signers line is not valid yet (valid-after ${early[1] ?? ''})`;
  return undefined;
}

function git(options: GitSignatureOptions, args: string[]) {
  const { keyring } = options;
  const config = ['gpg.program=gpg', 'gpg.ssh.program=ssh-keygen', `gpg.ssh.allowedSignersFile=${keyring.allowedSignersFile}`, 'gpg.minTrustLevel=fully'];
  return runTool('git', [...config.flatMap((c) => ['-c', c]), '-C', options.workspace, ...args], {
    env: childEnvironment('git', process.env, { GNUPGHOME: keyring.gnupgHome, GIT_NO_REPLACE_OBJECTS: '1' }),
  });
}
