// The input `allowed-signers`, parsed once: OpenSSH allowed_signers lines and armored OpenPGP public
// key blocks, in any order. Each entry keeps its line so an error names where to fix it.
import { createHash } from 'node:crypto';
import { ConfigurationError } from '../model/errors.js';

/** One allowed_signers line: `principals [options] key-type base64-key [comment]`. */
export interface SshSigner {
  /** The line as given (what git's allowed signers file holds). */
  line: string;
  principals: string;
  keyType: string;
  /** `SHA256:…`, as ssh-keygen and git print it. */
  fingerprint: string;
  lineNumber: number;
}

/** One `-----BEGIN PGP PUBLIC KEY BLOCK-----` … `-----END PGP PUBLIC KEY BLOCK-----` block. */
export interface PgpKeyBlock {
  armored: string;
  lineNumber: number;
}

export interface AllowedSigners {
  ssh: SshSigner[];
  pgp: PgpKeyBlock[];
}

const BEGIN_PGP = '-----BEGIN PGP PUBLIC KEY BLOCK-----';
const END_PGP = '-----END PGP PUBLIC KEY BLOCK-----';
const SSH_KEY_TYPE = /^(ssh-(ed25519|rsa|dss)|ecdsa-sha2-nistp(256|384|521)|sk-ssh-ed25519@openssh\.com|sk-ecdsa-sha2-nistp256@openssh\.com)$/;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

export function parseAllowedSigners(text: string, input: string): AllowedSigners {
  const lines = text.split(/\r?\n/).map((l) => l.trim());
  const out: AllowedSigners = { ssh: [], pgp: [] };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (line === '' || line.startsWith('#')) continue;
    if (line === BEGIN_PGP) {
      const end = lines.indexOf(END_PGP, i + 1);
      if (end < 0) throw new ConfigurationError(`Input '${input}' line ${i + 1}: the OpenPGP key block has no '${END_PGP}' line.`, input);
      out.pgp.push({ armored: `${lines.slice(i, end + 1).join('\n')}\n`, lineNumber: i + 1 });
      i = end;
      continue;
    }
    out.ssh.push(sshSigner(line, i + 1, input));
  }
  return out;
}

/** Splits on blanks outside double quotes (options such as `valid-after="20260101"` may hold quoted text). */
function tokens(line: string): string[] {
  return line.match(/(?:[^\s"]+|"[^"]*")+/g) ?? [];
}

function sshSigner(line: string, lineNumber: number, input: string): SshSigner {
  const parts = tokens(line);
  const at = parts.findIndex((t) => SSH_KEY_TYPE.test(t));
  const where = `Input '${input}' line ${lineNumber}`;
  if (at < 0) {
    throw new ConfigurationError(
      `${where} is neither an allowed_signers entry ('dev@example.com ssh-ed25519 AAAA…') nor the start of an OpenPGP public key block ('${BEGIN_PGP}').`,
      input,
    );
  }
  if (at === 0) {
    throw new ConfigurationError(`${where} is a bare SSH public key: put the signer's principal first, e.g. 'dev@example.com ${parts[0] ?? ''} AAAA…'.`, input);
  }
  const keyType = parts[at] ?? '';
  const blob = Buffer.from(parts[at + 1] ?? '', 'base64');
  if (!BASE64.test(parts[at + 1] ?? '') || !blobHasType(blob, keyType)) {
    throw new ConfigurationError(`${where}: the ${keyType} key is not a valid base64 public key of that type.`, input);
  }
  return {
    line,
    principals: parts[0] ?? '',
    keyType,
    fingerprint: `SHA256:${createHash('sha256').update(blob).digest('base64').replace(/=+$/, '')}`,
    lineNumber,
  };
}

/** An SSH public key blob starts with its type as a length-prefixed string. */
function blobHasType(blob: Buffer, keyType: string): boolean {
  if (blob.length < 4) return false;
  const length = blob.readUInt32BE(0);
  return blob.subarray(4, 4 + length).toString('latin1') === keyType;
}

export function hasAllowedSigners(signers: AllowedSigners): boolean {
  return signers.ssh.length > 0 || signers.pgp.length > 0;
}
