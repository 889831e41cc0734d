// The age key given for SOPS files: what of it is secret, and the environment sops gets it in.
import { childEnvironment } from '../../tools/child-environment.js';

/** The secret lines of an age key file; its comments (`# public key: age1…`) are public. */
export function ageKeySecrets(key: string | undefined): string[] {
  return (key ?? '')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'));
}

/** The environment sops runs in: what child-environment.ts allows sops (never the runner's INPUT_* variables). */
export function sopsEnvironment(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return childEnvironment('sops', env);
}
