// What a target allows to be applied, as the inputs say it (verify-commits, allowed-signers,
// trust-github-web-flow, verify-commits-since-live), and the facts about GitHub's web-flow key.
import type { AllowedSigners } from './allowed-signers.js';

export type VerifyCommitsMode = 'off' | 'keys' | 'github';

export interface SigningPolicy {
  mode: VerifyCommitsMode;
  /** The keys of `keys` mode (empty otherwise). */
  allowedSigners: AllowedSigners;
  /** Accept GitHub's web-flow signature (merges and squashes in the web UI), confirmed by GitHub's API. */
  trustWebFlow: boolean;
  /** Verify every first-parent commit since the live one, not only the applied one. */
  sinceLive: boolean;
}

/**
 * GitHub's web-flow signing keys (https://github.com/web-flow.gpg), by fingerprint: the current one
 * (since 2024-01-16) and the previous one, whose older signatures GitHub still shows as verified.
 * The key text is not embedded: a web-flow signature is recognised by its key id and then confirmed
 * by GitHub's own verification of that commit (or verified locally when the key is in allowed-signers).
 */
export const WEB_FLOW_FINGERPRINTS: readonly string[] = ['968479A1AFF927E37D1A566BB5690EEEBB952194', '5DE3E0509C47EA3CF04A42D34AEE18F83AFDEB23'];

/** The committer GitHub writes on the commits it makes in the web UI. */
export const WEB_FLOW_COMMITTER_EMAIL = 'noreply@github.com';

/** Whether a key id (16 hex digits) or fingerprint, as git prints it, is one of `fingerprints`. */
export function isKeyOf(key: string, fingerprints: readonly string[]): boolean {
  const k = key.toUpperCase();
  return k.length >= 16 && /^[0-9A-F]+$/.test(k) && fingerprints.some((f) => f.endsWith(k));
}
