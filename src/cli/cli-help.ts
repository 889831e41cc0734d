// `kube-gitops --help` and `kube-gitops <command> --help`, written from the same definitions the
// flags are parsed with.
import { Inputs } from '../model/inputs-outputs.js';
import { CLI_FLAGS, inputFlags, isBooleanInput, isRepeatable, shortFlag, type CliFlag, type Command } from './cli-flags.js';

const SUMMARY: Record<Command, string> = {
  plan: 'Show what an apply would change in the cluster (server-side dry-run). Never writes.',
  apply: 'Apply the manifests: server-side apply in order, prune what left them, wait for health. Asks first on a terminal.',
  targets:
    "Print the fleet's matrix (as mode: targets sets it) for what this branch changed since its base: the targets whose inputs changed, why on stderr. Reaches no cluster.",
  preview:
    "A pull request's preview, as mode: preview makes it, from this working tree: --pr N applies it into <preview-prefix>-pr-N; --pr N --delete removes it; --sweep removes the previews whose pull request is --closed or whose TTL ran out. No GitHub call: no deployment, no comment.",
};

/** The action's sops-age-key input is no flag: a key on the command line would show in ps and the shell's history. */
const SOPS_KEYS =
  'SOPS-encrypted manifests are decrypted with the sops CLI, which reads SOPS_AGE_KEY or SOPS_AGE_KEY_FILE (or KMS credentials) from the environment.';

/** The inputs whose action.yml text speaks of steps, comments and pull requests, said for a terminal. */
const AT_A_TERMINAL: Readonly<Record<string, string>> = {
  [Inputs.Target]: 'Run the target of this name from the targets file (--targets-file): its settings come from the file, and the flags given override them.',
  [Inputs.TargetsFile]:
    "The file that declares the fleet's targets, relative to the working directory: a `targets:` list whose entries take the flags' names, and an optional `defaults:` map (JSON Schema: kube-gitops.schema.json). Read with --target or --all, and by kube-gitops targets.",
  [Inputs.Context]:
    'The kubeconfig context to use. Empty: its current-context. A context the kubeconfig does not have is an error that lists the contexts it has.',
  [Inputs.Name]:
    'Name of this target: it names the ApplySet that records what the target owns, the same as the Action names it. Two targets must not manage the same objects.',
  [Inputs.ForceConflicts]:
    'Take over fields that another field manager owns (server-side apply `force`). When false, such conflicts are listed and the apply is refused.',
  [Inputs.AllowEmpty]: 'Allow an empty set of manifests, which would prune everything this target owns. When false, an empty set is refused.',
  [Inputs.VerifyCommits]:
    "Apply only signed commits: `off`, `keys` (a good signature by a key in `allowed-signers`, checked with `git verify-commit`) or `github` (GitHub's own verification). A commit that fails is refused before anything is written.",
};

export function generalHelp(): string {
  return [
    'kube-gitops: GitOps for Kubernetes from a terminal, with the engine the GitHub Action runs.',
    '',
    'Usage:',
    `  kube-gitops plan  [flags]   ${SUMMARY.plan}`,
    `  kube-gitops apply [flags]   ${SUMMARY.apply}`,
    `  kube-gitops targets [flags] ${SUMMARY.targets}`,
    `  kube-gitops preview [flags] ${SUMMARY.preview}`,
    '',
    'Examples:',
    '  kube-gitops plan -f deploy/ -n shop              what merging deploy/ would change in the current context',
    '  kube-gitops plan -f deploy/ --context prod -o markdown > plan.md',
    '  kube-gitops apply -f deploy/ --name shop          asks before writing; --yes in scripts',
    '  kube-gitops plan --all                            every target of kube-gitops.yaml, grouped as in the fleet comment',
    '  kube-gitops targets --base origin/main            the matrix for what this branch changed',
    "  kube-gitops preview --pr 12 -f deploy/             the working tree as pull request #12's preview; --delete removes it",
    '  kube-gitops preview --sweep --closed 12,15         remove the previews of closed pull requests 12 and 15 (and expired ones)',
    '',
    "kube-gitops <command> --help lists the flags: the action's inputs, under the same names and defaults.",
    'Exit codes: 0 done; 1 error, refused or failed apply, or a target of plan --all not planned or failed; 2 changes found (plan --exit-code).',
    SOPS_KEYS,
    '',
  ].join('\n');
}

export function commandHelp(command: Command): string {
  const lines = [`kube-gitops ${command} [flags]`, '', SUMMARY[command], '', "Flags (the action's inputs):"];
  for (const d of inputFlags(command)) {
    const usage = isBooleanInput(d) ? `--${d.name}[=true|false], --no-${d.name}` : `--${d.name} VALUE${isRepeatable(d) ? ' (repeatable)' : ''}`;
    lines.push(`  ${withShort(d.name, usage)}`, `      ${AT_A_TERMINAL[d.name] ?? d.description}${d.default !== '' ? ` Default: ${d.default}.` : ''}`);
  }
  lines.push('', 'Flags of the command line:');
  for (const [name, flag] of Object.entries(CLI_FLAGS) as [CliFlag, (typeof CLI_FLAGS)[CliFlag]][]) {
    if (!(flag.commands as readonly Command[]).includes(command)) continue;
    lines.push(`  ${withShort(name, `--${name}${flag.value ? ` ${flag.value}` : ''}`)}`, `      ${flag.help}`);
  }
  lines.push('', SOPS_KEYS);
  return `${lines.join('\n')}\n`;
}

function withShort(name: string, usage: string): string {
  const short = shortFlag(name);
  return short ? `-${short}, ${usage}` : usage;
}
