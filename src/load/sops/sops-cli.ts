// Runs `sops decrypt` on one file's text, sent on stdin: the plaintext comes back on stdout into
// memory and is never written anywhere. The age key (the `sops-age-key` input) goes to the child
// process only, as SOPS_AGE_KEY; everything else sops reads (SOPS_AGE_KEY_FILE, cloud credentials
// for KMS keys, Vault tokens) is the runner's, as child-environment.ts allows sops.
import { execFile, type ExecFileException } from 'node:child_process';
import { MAX_MANIFEST_BYTES } from '../manifest-limits.js';
import { childEnvironment } from '../../tools/child-environment.js';

const TIMEOUT_MS = 120_000;

/** sops' exit statuses that we explain (github.com/getsops/sops cmd/sops/codes). */
export const SopsExit = {
  ErrorDecryptingTree: 25,
  MacMismatch: 51,
  MacNotFound: 52,
  CouldNotRetrieveKey: 128,
} as const;

export type SopsFormat = 'yaml' | 'json';

export type SopsResult =
  | { ok: true; plaintext: string }
  | { ok: false; missing: true }
  | { ok: false; missing?: false; exitCode: number | undefined; stderr: string; timedOut: boolean };

export interface SopsRequest {
  ciphertext: string;
  format: SopsFormat;
  /** The age key(s) to decrypt with; absent: only what the environment offers sops. */
  ageKey?: string;
  env: NodeJS.ProcessEnv;
}

export function sopsDecryptArgs(format: SopsFormat): string[] {
  return ['decrypt', '--input-type', format, '--output-type', format];
}

export function sopsDecrypt(request: SopsRequest): Promise<SopsResult> {
  const env = childEnvironment('sops', request.env, request.ageKey ? { SOPS_AGE_KEY: request.ageKey } : {});
  return new Promise((resolve) => {
    const child = execFile(
      'sops',
      sopsDecryptArgs(request.format),
      { env, timeout: TIMEOUT_MS, maxBuffer: 2 * MAX_MANIFEST_BYTES },
      (error: ExecFileException | null, stdout: string, stderr: string) => {
        if (!error) resolve({ ok: true, plaintext: stdout });
        else if (error.code === 'ENOENT') resolve({ ok: false, missing: true });
        else
          resolve({
            ok: false,
            exitCode: typeof error.code === 'number' ? error.code : undefined,
            stderr,
            timedOut: error.killed === true || Boolean(error.signal),
          });
      },
    );
    child.stdin?.on('error', () => undefined);
    child.stdin?.end(request.ciphertext);
  });
}
