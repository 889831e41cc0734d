// The age key given for SOPS files: what of it is secret, and the environment sops gets it in.

/** The secret lines of an age key file; its comments (`# public key: age1…`) are public. */
export function ageKeySecrets(key: string | undefined): string[] {
  return (key ?? '')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'));
}

/** The environment sops runs in: ours without the runner's INPUT_* variables (the other inputs' values are not sops' business). */
export function sopsEnvironment(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(env).filter(([name]) => !name.startsWith('INPUT_')));
}
