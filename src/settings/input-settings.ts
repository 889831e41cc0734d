// The one parser of the inputs: each input read from an InputReader, checked, and turned into
// Settings; every message names the input. A targets file's values are read through it too
// (target-settings.ts), so each check and message exists once.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ConfigurationError } from '../model/errors.js';
import { inputDefault } from './input-defaults.js';
import { parseBoolean, type InputReader } from './input-reader.js';
import { type Settings } from './settings.js';
import { Inputs } from '../model/inputs-outputs.js';
import { readSigningPolicy } from './signing-settings.js';
import { readDeploymentSettings } from './deployment-settings.js';
import { readPreviewSettings } from './preview-settings.js';
import { readPreviewLabel } from './preview-label.js';
import { parsePrices } from '../plan/resource-prices.js';

/** Milliseconds per duration unit (the pattern below admits only these). */
const UNIT_MS: ReadonlyMap<string, number> = new Map([
  ['ms', 1],
  ['s', 1000],
  ['m', 60_000],
  ['h', 3_600_000],
]);

/** A DNS label (RFC 1123), at most 63 characters: names, namespaces. */
export const NAME_PATTERN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** The settings the reader's values describe: one target, with the run's settings. */
export function readInputSettings(input: InputReader, env: NodeJS.ProcessEnv): Settings {
  const kube = readKubeconfig(input(Inputs.Kubeconfig), env.KUBECONFIG);
  const namespace = dnsLabel(input, Inputs.Namespace, inputDefault(Inputs.Namespace));
  const token = input(Inputs.GithubToken);
  const context = input(Inputs.Context);
  const sopsAgeKey = input(Inputs.SopsAgeKey).trim();
  const prices = parsePrices(input(Inputs.Prices), Inputs.Prices);
  return {
    mode: parseMode(input(Inputs.Mode) || inputDefault(Inputs.Mode)),
    paths: lines(input, Inputs.Path),
    exclude: lines(input, Inputs.Exclude),
    ...(sopsAgeKey ? { sopsAgeKey } : {}),
    ...kube,
    ...(context ? { context } : {}),
    namespace,
    target: dnsLabel(input, Inputs.Name, inputDefault(Inputs.Name)),
    ...readDeploymentSettings(input),
    inventoryNamespace: input(Inputs.InventoryNamespace) ? dnsLabel(input, Inputs.InventoryNamespace, namespace) : namespace,
    fieldManager: input(Inputs.FieldManager) || inputDefault(Inputs.FieldManager),
    forceConflicts: parseBoolean(input, Inputs.ForceConflicts),
    prune: parseBoolean(input, Inputs.Prune),
    pruneDangerous: parseBoolean(input, Inputs.PruneDangerous),
    allowEmpty: parseBoolean(input, Inputs.AllowEmpty),
    adopt: parseBoolean(input, Inputs.Adopt),
    wait: parseBoolean(input, Inputs.Wait),
    timeoutMs: parseDuration(input(Inputs.Timeout) || inputDefault(Inputs.Timeout), Inputs.Timeout),
    concurrency: parseCount(input(Inputs.Concurrency) || inputDefault(Inputs.Concurrency), Inputs.Concurrency, 1, 64),
    ...(prices ? { prices } : {}),
    preview: readPreviewSettings(input, parseDuration),
    comment: parseBoolean(input, Inputs.Comment),
    labels: parseBoolean(input, Inputs.Labels),
    previewLabel: readPreviewLabel(input),
    ...(token ? { githubToken: token } : {}),
    signing: readSigningPolicy(input),
    failOnDrift: parseBoolean(input, Inputs.FailOnDrift),
    onUnreviewedChanges: parseChoice(input, Inputs.OnUnreviewedChanges, ['warn', 'fail'] as const),
    workspace: env.GITHUB_WORKSPACE || process.cwd(),
  };
}

function parseMode(value: string): Settings['mode'] {
  const modes = ['auto', 'plan', 'apply', 'drift', 'targets', 'fleet', 'preview', 'preview-sweep'] as const;
  const mode = modes.find((m) => m === value);
  if (mode !== undefined) return mode;
  throw new ConfigurationError(
    `Input '${Inputs.Mode}' must be auto, plan, apply, drift, targets, fleet, preview or preview-sweep; got '${value}'.`,
    Inputs.Mode,
  );
}

/** One of `choices`; empty: action.yml's default. */
function parseChoice<T extends string>(input: InputReader, name: string, choices: readonly T[]): T {
  const value = input(name).trim() || inputDefault(name);
  const chosen = choices.find((c) => c === value);
  if (chosen === undefined) throw new ConfigurationError(`Input '${name}' must be ${choices.join(' or ')}; got '${value}'.`, name);
  return chosen;
}

/** One entry per line, blank lines and `#` comments left out; none given: action.yml's default. */
function lines(input: InputReader, name: string): string[] {
  const entries = (value: string): string[] =>
    value
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l !== '' && !l.startsWith('#'));
  const given = entries(input(name));
  return given.length > 0 ? given : entries(inputDefault(name));
}

function dnsLabel(input: InputReader, name: string, fallback: string): string {
  const value = input(name) || fallback;
  if (value.length > 63 || !NAME_PATTERN.test(value)) {
    throw new ConfigurationError(`Input '${name}' must be a DNS label (lowercase letters, digits and '-', at most 63 characters); got '${value}'.`, name);
  }
  return value;
}

/** `90s`, `5m`, `1h30m`, `250ms`, or a plain number of seconds. */
export function parseDuration(value: string, name: string): number {
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const parts = [...trimmed.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g)];
  if (parts.length === 0 || parts.map((p) => p[0]).join('') !== trimmed) {
    throw new ConfigurationError(`Input '${name}' must be a duration such as 90s, 5m or 1h30m; got '${value}'.`, name);
  }
  return parts.reduce((sum, [, amount, unit]) => sum + Number(amount) * (UNIT_MS.get(unit ?? '') ?? Number.NaN), 0);
}

/** A plain decimal whole number in range: `0x8`, `1e1`, `8.0` and `+8` are refused, not read as numbers. */
function parseCount(value: string, name: string, min: number, max: number): number {
  const n = /^\d{1,6}$/.test(value.trim()) ? Number(value.trim()) : NaN;
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new ConfigurationError(`Input '${name}' must be a whole number from ${min} to ${max}; got '${value}'.`, name);
  }
  return n;
}

/** The kubeconfig from the input (YAML or base64 of it), else from the KUBECONFIG file. */
function readKubeconfig(value: string, envPath: string | undefined): { kubeconfig?: string; kubeconfigDir?: string } {
  if (value.trim() !== '') return { kubeconfig: decodeKubeconfig(value.trim()) };
  const file = envPath?.split(path.delimiter).find((p) => p !== '');
  if (!file) return {};
  try {
    return { kubeconfig: readFileSync(file, 'utf8'), kubeconfigDir: path.dirname(path.resolve(file)) };
  } catch (error) {
    throw new ConfigurationError(`The KUBECONFIG file '${file}' cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'}).`, Inputs.Kubeconfig);
  }
}

function decodeKubeconfig(value: string): string {
  if (/^[A-Za-z0-9+/=\s]+$/.test(value) && !value.includes(':')) {
    const decoded = Buffer.from(value.replace(/\s+/g, ''), 'base64').toString('utf8');
    if (/apiVersion|clusters/.test(decoded)) return decoded;
  }
  if (!/clusters\s*:|apiVersion\s*:/.test(value)) {
    throw new ConfigurationError(`Input '${Inputs.Kubeconfig}' is neither kubeconfig YAML nor base64 of it (no 'clusters:' found).`, Inputs.Kubeconfig);
  }
  return value;
}
