// The command line's grammar: `kube-gitops <plan|apply> [flags]`, whose flags are the action's
// inputs under the same names (from the one definition generated from action.yml) plus a few that
// only a terminal needs. Parsed into input values the Action's own settings reader then checks.
import { ConfigurationError } from '../model/errors.js';
import { INPUT_DEFINITIONS, type InputDefinition } from '../settings/input-definitions.js';
import { Inputs } from '../model/inputs-outputs.js';

export type Command = 'plan' | 'apply';

/**
 * Inputs that only make sense on GitHub (events, comments, tokens, reviews), or that the CLI takes
 * differently (a key on the command line would show in `ps` and the shell's history: sops reads
 * SOPS_AGE_KEY or SOPS_AGE_KEY_FILE from the CLI's environment instead).
 */
const NOT_FLAGS: ReadonlySet<string> = new Set([
  Inputs.Mode,
  Inputs.Comment,
  Inputs.GithubToken,
  Inputs.Kubeconfig,
  Inputs.SopsAgeKey,
  Inputs.OnUnreviewedChanges,
  Inputs.FailOnDrift,
]);
/** Inputs of one path or glob per line: the flag is repeated instead. */
const REPEATABLE: ReadonlySet<string> = new Set([Inputs.Path, Inputs.Exclude]);

/** Flags of the command line itself, not inputs of the action. */
export const CLI_FLAGS = {
  kubeconfig: {
    value: 'FILE',
    commands: ['plan', 'apply'],
    help: 'The kubeconfig file. Default: the KUBECONFIG environment variable, then ~/.kube/config, as kubectl reads them.',
  },
  output: {
    value: 'FORMAT',
    commands: ['plan'],
    help: 'terminal (default: counts, table and a diff per object), markdown (the pull request comment) or json (the plan file).',
  },
  'exit-code': {
    value: undefined,
    commands: ['plan'],
    help: 'Exit 2 when the plan has changes, 0 when it has none (as kubectl diff and terraform plan -detailed-exitcode do).',
  },
  yes: { value: undefined, commands: ['apply'], help: 'Apply without asking (needed when stdin is not a terminal).' },
  help: { value: undefined, commands: ['plan', 'apply'], help: 'Show this help.' },
} as const satisfies Record<string, { value: string | undefined; commands: readonly Command[]; help: string }>;

export type CliFlag = keyof typeof CLI_FLAGS;

export interface ParsedCommandLine {
  command: Command | 'help' | 'version';
  /** Input values by input name; repeatable inputs joined by newlines, as the runner passes them. */
  inputs: Map<string, string>;
  flags: Map<CliFlag, string>;
}

export function inputFlags(): InputDefinition[] {
  return INPUT_DEFINITIONS.filter((d) => !NOT_FLAGS.has(d.name));
}

export function isBooleanInput(d: InputDefinition): boolean {
  return d.default === 'true' || d.default === 'false';
}

export function isRepeatable(d: InputDefinition): boolean {
  return REPEATABLE.has(d.name);
}

export function parseCommandLine(argv: readonly string[]): ParsedCommandLine {
  const [first, ...rest] = argv;
  if (first === undefined || first === 'help' || first === '--help' || first === '-h') return { command: 'help', inputs: new Map(), flags: new Map() };
  if (first === '--version' || first === 'version') return { command: 'version', inputs: new Map(), flags: new Map() };
  if (first !== 'plan' && first !== 'apply')
    throw new ConfigurationError(`Unknown command '${first}': use kube-gitops plan or kube-gitops apply (kube-gitops --help).`);
  const parsed: ParsedCommandLine = { command: first, inputs: new Map(), flags: new Map() };
  const byName = new Map(inputFlags().map((d) => [d.name, d]));
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i] ?? '';
    const m = /^--(no-)?([a-z][a-z0-9-]*)(?:=(.*))?$/s.exec(arg);
    if (!m) throw new ConfigurationError(`Unexpected argument '${arg}': flags are --name value or --name=value (kube-gitops ${first} --help).`);
    const [, negated, name = '', inline] = m;
    const takeValue = (): string => {
      if (inline !== undefined) return inline;
      const next = rest[i + 1];
      if (next === undefined || next.startsWith('--')) throw new ConfigurationError(`Flag --${name} needs a value.`);
      i += 1;
      return next;
    };
    const input = byName.get(name);
    if (input) {
      const value = isBooleanInput(input) ? booleanValue(name, negated !== undefined, inline) : negatedValue(name, negated, takeValue);
      const prior = parsed.inputs.get(name);
      parsed.inputs.set(name, isRepeatable(input) && prior !== undefined ? `${prior}\n${value}` : value);
      continue;
    }
    const flag = negated ? undefined : cliFlag(name, first);
    if (!flag) throw unknownFlag(arg.split('=')[0] ?? arg, first);
    parsed.flags.set(flag, CLI_FLAGS[flag].value === undefined ? booleanValue(name, false, inline) : takeValue());
  }
  return parsed;
}

function cliFlag(name: string, command: Command): CliFlag | undefined {
  const known = Object.hasOwn(CLI_FLAGS, name) ? (name as CliFlag) : undefined;
  return known && (CLI_FLAGS[known].commands as readonly Command[]).includes(command) ? known : undefined;
}

function unknownFlag(flag: string, command: Command): ConfigurationError {
  return new ConfigurationError(`Unknown flag ${flag} for kube-gitops ${command} (kube-gitops ${command} --help lists the flags).`);
}

function booleanValue(name: string, negated: boolean, inline: string | undefined): string {
  if (inline === undefined) return negated ? 'false' : 'true';
  if (negated) throw new ConfigurationError(`Flag --no-${name} takes no value.`);
  return inline;
}

function negatedValue(name: string, negated: string | undefined, take: () => string): string {
  if (negated) throw new ConfigurationError(`Flag --no-${name} does not exist: --${name} takes a value.`);
  return take();
}
