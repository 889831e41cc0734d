// The command line's grammar: `kube-gitops <plan|apply|targets|preview> [flags]`, whose flags are the
// action's inputs under the same names (from the one definition generated from action.yml) plus a
// few that only a terminal needs. `targets` takes only the targets file of the inputs (as the
// Action's `mode: targets` reads only that one); only `preview` takes the preview-* inputs. Parsed into input values the Action's own settings
// reader then checks.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { ConfigurationError, errorCode, getErrorMessage } from '../model/errors.js';
import { INPUT_DEFINITIONS, type InputDefinition } from '../settings/input-definitions.js';
import { Inputs } from '../model/inputs-outputs.js';

export type Command = 'plan' | 'apply' | 'targets' | 'preview';
const COMMANDS: readonly Command[] = ['plan', 'apply', 'targets', 'preview'];

/**
 * Inputs that only make sense on GitHub (events, comments, tokens, reviews, the fleet's plan files, Deployments, previews), or that the CLI takes
 * differently (a key on the command line would show in `ps` and the shell's history: sops reads
 * SOPS_AGE_KEY or SOPS_AGE_KEY_FILE from the CLI's environment instead).
 */
const NOT_FLAGS: ReadonlySet<string> = new Set([
  Inputs.Mode,
  Inputs.Plans,
  Inputs.Comment,
  Inputs.Labels,
  Inputs.PreviewLabel,
  Inputs.GithubToken,
  Inputs.Kubeconfig,
  Inputs.SopsAgeKey,
  Inputs.OnUnreviewedChanges,
  Inputs.FailOnDrift,
  Inputs.Environment,
  Inputs.EnvironmentUrl,
]);
/** The inputs of `mode: preview`: flags of `kube-gitops preview` only. */
const PREVIEW_INPUTS: ReadonlySet<string> = new Set([
  Inputs.PreviewPrefix,
  Inputs.PreviewClusterKinds,
  Inputs.PreviewTtl,
  Inputs.PreviewQuota,
  Inputs.PreviewLimits,
]);
/** Inputs of one path or glob per line: the flag is repeated instead. */
const REPEATABLE: ReadonlySet<string> = new Set([Inputs.Path, Inputs.Exclude]);

/** Flags of the command line itself, not inputs of the action. */
export const CLI_FLAGS = {
  all: {
    value: undefined,
    commands: ['plan'],
    help: "Plan every target of the targets file (--targets-file), each with its settings from the file and this kubeconfig's context the entry names, several at once; print them grouped: each distinct change once, with the targets it is planned in. The other flags given apply to every target. Not with --target, --name or --diff.",
  },
  parallel: {
    value: 'N',
    commands: ['plan'],
    help: 'With --all: how many targets are planned at once (1 to 32). Default: 4.',
  },
  base: {
    value: 'REF',
    commands: ['targets'],
    help: "The branch (or any revision) this branch's changes are counted from: the files changed between its merge base with HEAD and HEAD, as committed (changes not committed are not counted). Default: main, else master, whichever this clone has.",
  },
  pr: {
    value: 'N',
    commands: ['preview'],
    help: "The pull request's number: the preview lives in the namespace <preview-prefix>-pr-<N>, as mode: preview puts it. The working tree is applied there (or, with --delete, the preview removed).",
  },
  delete: {
    value: undefined,
    commands: ['preview'],
    help: "With --pr: remove the preview as a closed pull request's is removed: every member, then the namespace, waited for until it is gone. Asks first on a terminal.",
  },
  sweep: {
    value: undefined,
    commands: ['preview'],
    help: 'Remove the previews of this repository (under --preview-prefix) whose pull request is one of --closed, or whose TTL ran out; list every other namespace labelled as a preview and leave it alone. The command line cannot ask GitHub: say which pull requests are closed with --closed, or pass --ttl-only. Asks first on a terminal.',
  },
  closed: { value: 'N,N…', commands: ['preview'], help: 'With --sweep: the numbers of the pull requests that are closed, comma-separated.' },
  'ttl-only': { value: undefined, commands: ['preview'], help: 'With --sweep: remove only the previews past their TTL.' },
  repository: {
    value: 'OWNER/REPO',
    commands: ['preview'],
    help: "The GitHub repository whose previews these are, as the Action records it on the preview's Namespace. Default: read from the git remote origin's GitHub URL.",
  },
  kubeconfig: {
    value: 'FILE',
    commands: ['plan', 'apply', 'preview'],
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
  diff: {
    value: 'all|auto',
    commands: ['plan', 'apply', 'preview'],
    help: 'Which diffs the terminal shows: auto (default) shows every diff up to 20 changed objects, above that only deletes, replaces, conflicts and drift; all shows every one.',
  },
  yes: { value: undefined, commands: ['apply', 'preview'], help: 'Apply (or remove) without asking (needed when stdin is not a terminal).' },
  help: { value: undefined, commands: ['plan', 'apply', 'targets', 'preview'], help: 'Show this help.' },
} as const satisfies Record<string, { value: string | undefined; commands: readonly Command[]; help: string }>;

export type CliFlag = keyof typeof CLI_FLAGS;

export interface ParsedCommandLine {
  command: Command | 'help' | 'version';
  /** Input values by input name; repeatable inputs joined by newlines, as the runner passes them. */
  inputs: Map<string, string>;
  flags: Map<CliFlag, string>;
}

/** The inputs a command takes as flags: every one a terminal can give, but `targets` takes only the targets file. */
export function inputFlags(command: Command = 'plan'): InputDefinition[] {
  if (command === 'targets') return INPUT_DEFINITIONS.filter((d) => d.name === Inputs.TargetsFile);
  return INPUT_DEFINITIONS.filter((d) => !NOT_FLAGS.has(d.name) && (command === 'preview' || !PREVIEW_INPUTS.has(d.name)));
}

export function isBooleanInput(d: InputDefinition): boolean {
  return d.default === 'true' || d.default === 'false';
}

export function isRepeatable(d: InputDefinition): boolean {
  return REPEATABLE.has(d.name);
}

/** kubectl's and helm's short flags, for the same things. */
const SHORT: Readonly<Record<string, string>> = { [Inputs.Namespace]: 'n', [Inputs.Path]: 'f', output: 'o', help: 'h', yes: 'y' };

export function shortFlag(name: string): string | undefined {
  return SHORT[name];
}

type Options = NonNullable<ParseArgsConfig['options']>;

/** Node's own parser (util.parseArgs, strict), with the action's inputs and the command's flags as its options. */
export function parseCommandLine(argv: readonly string[]): ParsedCommandLine {
  const [first, ...rest] = argv;
  if (first === undefined || first === 'help' || first === '--help' || first === '-h') return { command: 'help', inputs: new Map(), flags: new Map() };
  if (first === '--version' || first === 'version') return { command: 'version', inputs: new Map(), flags: new Map() };
  const command = COMMANDS.find((c) => c === first);
  if (!command) throw new ConfigurationError(`Unknown command '${first}': use kube-gitops plan, apply, targets or preview (kube-gitops --help).`);
  const options = optionsOf(command);
  let values: Record<string, string | boolean | (string | boolean)[] | undefined>;
  try {
    ({ values } = parseArgs({ args: withBooleanValues(rest, options), options, strict: true, allowPositionals: false, allowNegative: true }));
  } catch (error) {
    throw parseError(error, command, options);
  }
  const parsed: ParsedCommandLine = { command, inputs: new Map(), flags: new Map() };
  for (const [name, value] of Object.entries(values)) {
    if (value === undefined) continue;
    const text = Array.isArray(value) ? value.map(String).join('\n') : String(value);
    if (Object.hasOwn(CLI_FLAGS, name)) parsed.flags.set(name as CliFlag, text);
    else parsed.inputs.set(name, text);
  }
  return parsed;
}

function optionsOf(command: Command): Options {
  const options: Options = {};
  const withShort = (name: string) => (SHORT[name] ? { short: SHORT[name] } : {});
  for (const d of inputFlags(command)) options[d.name] = { type: isBooleanInput(d) ? 'boolean' : 'string', multiple: isRepeatable(d), ...withShort(d.name) };
  for (const [name, flag] of Object.entries(CLI_FLAGS) as [CliFlag, (typeof CLI_FLAGS)[CliFlag]][]) {
    if ((flag.commands as readonly Command[]).includes(command)) options[name] = { type: flag.value === undefined ? 'boolean' : 'string', ...withShort(name) };
  }
  return options;
}

/** `--prune=false` as the action's inputs are written: util.parseArgs takes it as `--no-prune`. */
function withBooleanValues(args: readonly string[], options: Options): string[] {
  return args.map((arg) => {
    const m = /^--([a-z][a-z0-9-]*)=(.*)$/s.exec(arg);
    if (!m || options[m[1] ?? '']?.type !== 'boolean') return arg;
    const [, name = '', value] = m;
    if (value === 'true') return `--${name}`;
    if (value === 'false') return `--no-${name}`;
    throw new ConfigurationError(`Flag --${name} is true or false, not '${value ?? ''}'.`);
  });
}

/** util.parseArgs' refusal in our words: the flag, and where the command's flags are listed. */
function parseError(error: unknown, command: Command, options: Options): unknown {
  const code = errorCode(error);
  const message = getErrorMessage(error);
  // "Unknown option '--x'", "Option '-n, --namespace <value>' argument missing", "Unexpected argument 'x'".
  const token = /'(?:-[a-z], )?([^' ]+)/.exec(message)?.[1] ?? '';
  const long = Object.entries(options).find(([, o]) => `-${o.short ?? ''}` === token)?.[0];
  const named = long ? `--${long}` : token;
  switch (code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return new ConfigurationError(`Unknown flag ${named} for kube-gitops ${command} (kube-gitops ${command} --help lists the flags).`);
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return new ConfigurationError(`Flag ${named} needs a value (kube-gitops ${command} --help).`);
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return new ConfigurationError(`Unexpected argument '${named}': flags are --name value or --name=value (kube-gitops ${command} --help).`);
    default:
      return error;
  }
}

/** `--diff`: which diffs the terminal view shows. */
export function diffsOf(line: ParsedCommandLine): 'all' | 'auto' {
  const value = line.flags.get('diff') ?? 'auto';
  if (value !== 'all' && value !== 'auto') throw new ConfigurationError(`--diff must be all or auto; got '${value}'.`);
  return value;
}

/** A boolean flag given (and not given as `=false`). */
export function flagOn(line: ParsedCommandLine, flag: CliFlag): boolean {
  return line.flags.has(flag) && line.flags.get(flag) !== 'false';
}

const MAX_PARALLEL = 32;

/** `--parallel N`: how many targets `plan --all` plans at once (default 4). */
export function parallelOf(line: ParsedCommandLine): number {
  const value = line.flags.get('parallel');
  if (value === undefined) return 4;
  const n = Number(value);
  if (!/^[0-9]+$/.test(value) || n < 1 || n > MAX_PARALLEL)
    throw new ConfigurationError(`--parallel must be a whole number from 1 to ${MAX_PARALLEL}; got '${value}'.`);
  return n;
}
