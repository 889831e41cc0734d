// Signatures read by the checkout's own git against the allowed keys: `git log --format=%G?…` for
// the facts, and `git verify-commit` (with gpg.minTrustLevel=fully) for the decision. The user's
// own gpg and ssh settings are overridden, and replace refs are ignored (they could swap a commit).
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
  const log = await git(options, ['log', '--no-walk=unsorted', `--format=%H${FIELD}%G?${FIELD}%GK${FIELD}%GS${FIELD}%cn <%ce>${RECORD}`, ...shas, '--']);
  if (log.code !== 0) throw new Error(`git log could not read the commits' signatures: ${firstLine(log.stderr)}`);
  const signatures: CommitSignature[] = [];
  for (const record of log.stdout.split(RECORD)) {
    const [sha = '', letter = '', key = '', signer = '', committer = ''] = record.trim().split(FIELD);
    if (!/^[0-9a-f]{40,64}$/.test(sha)) continue;
    const status = STATUS_BY_LETTER[letter] ?? 'error';
    const trusted = status === 'good' && (await git(options, ['verify-commit', sha])).code === 0;
    const keyKind = key === '' ? undefined : key.startsWith('SHA256:') ? 'ssh' : 'openpgp';
    signatures.push({
      sha,
      status,
      trusted,
      committer,
      webFlow: !trusted && keyKind === 'openpgp' && isKeyOf(key, options.webFlowKeys),
      ...(signer ? { signer } : {}),
      ...(key ? { key } : {}),
      ...(keyKind ? { keyKind } : {}),
    });
  }
  return signatures;
}

function git(options: GitSignatureOptions, args: string[]) {
  const { keyring } = options;
  const config = ['gpg.program=gpg', 'gpg.ssh.program=ssh-keygen', `gpg.ssh.allowedSignersFile=${keyring.allowedSignersFile}`, 'gpg.minTrustLevel=fully'];
  return runTool('git', [...config.flatMap((c) => ['-c', c]), '-C', options.workspace, ...args], {
    env: childEnvironment('git', process.env, { GNUPGHOME: keyring.gnupgHome, GIT_NO_REPLACE_OBJECTS: '1' }),
  });
}

function firstLine(text: string): string {
  return text.trim().split('\n')[0] ?? '';
}
