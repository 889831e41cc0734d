// `kube-gitops --help` and `kube-gitops <command> --help`, written from the same definitions the
// flags are parsed with.
import { CLI_FLAGS, inputFlags, isBooleanInput, isRepeatable, type CliFlag, type Command } from './cli-flags.js';

const SUMMARY: Record<Command, string> = {
  plan: 'Show what an apply would change in the cluster (server-side dry-run). Never writes.',
  apply: 'Apply the manifests: server-side apply in order, prune what left them, wait for health. Asks first on a terminal.',
};

/** The action's sops-age-key input is no flag: a key on the command line would show in ps and the shell's history. */
const SOPS_KEYS =
  'SOPS-encrypted manifests are decrypted with the sops CLI, which reads SOPS_AGE_KEY or SOPS_AGE_KEY_FILE (or KMS credentials) from the environment.';

export function generalHelp(): string {
  return [
    'kube-gitops: GitOps for Kubernetes from a terminal, with the engine the GitHub Action runs.',
    '',
    'Usage:',
    `  kube-gitops plan  [flags]   ${SUMMARY.plan}`,
    `  kube-gitops apply [flags]   ${SUMMARY.apply}`,
    '',
    "kube-gitops <command> --help lists the flags: the action's inputs, under the same names and defaults.",
    'Exit codes: 0 done; 1 error, refused or failed apply; 2 changes found (plan --exit-code).',
    SOPS_KEYS,
    '',
  ].join('\n');
}

export function commandHelp(command: Command): string {
  const lines = [`kube-gitops ${command} [flags]`, '', SUMMARY[command], '', "Flags (the action's inputs):"];
  for (const d of inputFlags()) {
    const usage = isBooleanInput(d) ? `--${d.name}[=true|false], --no-${d.name}` : `--${d.name} VALUE${isRepeatable(d) ? ' (repeatable)' : ''}`;
    lines.push(`  ${usage}`, `      ${d.description}${d.default !== '' ? ` Default: ${d.default}.` : ''}`);
  }
  lines.push('', 'Flags of the command line:');
  for (const [name, flag] of Object.entries(CLI_FLAGS) as [CliFlag, (typeof CLI_FLAGS)[CliFlag]][]) {
    if (!(flag.commands as readonly Command[]).includes(command)) continue;
    lines.push(`  --${name}${flag.value ? ` ${flag.value}` : ''}`, `      ${flag.help}`);
  }
  lines.push('', SOPS_KEYS);
  return `${lines.join('\n')}\n`;
}
