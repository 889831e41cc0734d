// The fleet's targets, read from the targets file and checked as a whole before any target runs:
// each entry's values through the inputs' own parser (errors at the value's file:line), each path
// reaching something in the workspace, no two targets on one cluster listing the same path into the
// same namespace (they would manage the same objects). `target: NAME` runs one entry of it, with
// the inputs given on the step over the file's values.
import { ConfigurationError } from '../model/errors.js';
import { Inputs } from '../model/inputs-outputs.js';
import { parseExcludes } from '../load/exclude-globs.js';
import { inputDefault } from './input-defaults.js';
import type { InputReader } from './input-reader.js';
import { readInputSettings } from './input-settings.js';
import { splitSettings, type Settings, type TargetSettings } from './settings.js';
import { FILE_FIELDS, TARGET_INPUTS } from './target-fields.js';
import { quoted } from './target-field-values.js';
import { ringPositions, ringsInOrder } from './ring-order.js';
import type { RingPosition } from '../model/ring-position.js';
import { atFileLines, layerTarget, type GivenInputs } from './target-layers.js';
import { pathEntryProblem } from './target-paths.js';
import { errorAt, parseTargetsFile, type TargetEntry, type TargetsFile } from './targets-file.js';
import { readTargetsFileText } from './targets-file-read.js';

/** One target of the file, ready for a fleet step. */
export interface FleetTarget {
  name: string;
  environment?: string;
  /** The name of the GitHub secret that holds the target's kubeconfig. */
  kubeconfigSecret?: string;
  ring?: string | number;
  /** The target's input values as the file gives them (entry over defaults), by input name. */
  inputs: Readonly<Record<string, string>>;
  /** Its settings from the file's values alone (no kubeconfig: the step gives it). */
  settings: TargetSettings;
}

/** One job of the matrix (the `matrix` output of `mode: targets`), keys as a workflow reads them. */
export interface MatrixEntry {
  target: string;
  environment?: string;
  'kubeconfig-secret'?: string;
  ring?: string | number;
}

/** Every target of the file the step's `targets-file` names (default kube-gitops.yaml), in file order, checked. */
export function readFleetTargets(step: InputReader, env: NodeJS.ProcessEnv): FleetTarget[] {
  return readCheckedFile(step, env).targets;
}

/** Every target of the file, and its rings in rollout order (none when no target has a ring). */
export function readFleetRollout(step: InputReader, env: NodeJS.ProcessEnv): { targets: FleetTarget[]; rings: string[] } {
  const { targets, rings } = readCheckedFile(step, env);
  return { targets, rings: ringsInOrder(rings) };
}

/** What a matrix entry is made of: a target's name and the fields a workflow reads from it. */
export type MatrixSource = Pick<FleetTarget, 'name' | 'environment' | 'kubeconfigSecret' | 'ring'>;

/** The matrix entries of `targets`, in their order; each field only when the target sets it. */
export function matrixEntries(targets: readonly MatrixSource[]): MatrixEntry[] {
  return targets.map((t) => ({
    target: t.name,
    ...(t.environment === undefined ? {} : { environment: t.environment }),
    ...(t.kubeconfigSecret === undefined ? {} : { 'kubeconfig-secret': t.kubeconfigSecret }),
    ...(t.ring === undefined ? {} : { ring: t.ring }),
  }));
}

/** The settings of the file's target `name`, with the inputs given on the step over the file's values. */
export function readTargetSettings(name: string, step: InputReader, env: NodeJS.ProcessEnv, given?: GivenInputs): Settings {
  const { file, targets, rings } = readCheckedFile(step, env);
  const entry = file.targets.find((t) => t.name === name);
  const target = targets.find((t) => t.name === name);
  if (!entry || !target)
    throw new ConfigurationError(
      `Input '${Inputs.Target}': ${file.file} has no target ${quoted(name)}; its targets are ${file.targets.map((t) => t.name).join(', ')}.`,
      Inputs.Target,
    );
  const stepName = step(Inputs.Name).trim();
  if (stepName !== '' && stepName !== inputDefault(Inputs.Name) && stepName !== name)
    throw new ConfigurationError(
      `Input '${Inputs.Name}' is '${stepName}', but input '${Inputs.Target}' is '${name}': a target from the file is named by its entry; leave 'name' out.`,
      Inputs.Name,
    );
  const layered = layerTarget(file, entry, step, given);
  const settings = atFileLines(file, layered, () => readInputSettings(layered.input, env));
  // The step's `environment` input wins over the file's, as every input given on the step does.
  const environment = settings.environment ?? target.environment;
  const rollout = rings.get(name);
  return { ...settings, target: name, ...(environment === undefined ? {} : { environment }), ...(rollout ? { rollout } : {}) };
}

interface CheckedFile {
  file: TargetsFile;
  targets: FleetTarget[];
  /** Each ringed target's place in the rollout. */
  rings: Map<string, RingPosition>;
}

function readCheckedFile(step: InputReader, env: NodeJS.ProcessEnv): CheckedFile {
  const workspace = env.GITHUB_WORKSPACE || process.cwd();
  const { name, text } = readTargetsFileText(workspace, targetsFileName(step));
  const file = parseTargetsFile(name, text);
  const targets = file.targets.map((entry) => readTarget(file, entry, workspace, true));
  checkOverlaps(file, targets);
  return { file, targets, rings: ringPositions(file, targets) };
}

/** The targets file the step names (`targets-file`, default kube-gitops.yaml), as given. */
export function targetsFileName(step: InputReader): string {
  return step(Inputs.TargetsFile).trim() || inputDefault(Inputs.TargetsFile);
}

/**
 * The targets of another version of the file (the pull request's base, read from git), for comparing
 * each target's settings with the head's: the same parser, without checking that its paths exist in
 * the workspace, which holds the head.
 */
export function fleetTargetsOfText(name: string, text: string, workspace: string): FleetTarget[] {
  const file = parseTargetsFile(name, text);
  return file.targets.map((entry) => readTarget(file, entry, workspace, false));
}

/** One entry through the inputs' parser, its excludes (and, at the head, its paths) checked, from the file's values alone. */
function readTarget(file: TargetsFile, entry: TargetEntry, workspace: string, checkPaths: boolean): FleetTarget {
  const layered = layerTarget(file, entry, () => '');
  const settings = atFileLines(file, layered, () => splitSettings(readInputSettings(layered.input, { GITHUB_WORKSPACE: workspace })).targets[0]);
  if (!settings) throw new Error('splitSettings returned no target');
  atFileLines(file, layered, () => parseExcludes(settings.exclude));
  for (const p of checkPaths ? settings.paths : []) {
    const problem = pathEntryProblem(workspace, p);
    if (problem) throw errorAt(file.file, layered.fromFile(Inputs.Path)?.line ?? entry.line, `field 'path': ${problem}`);
  }
  const field = (f: string) => entry.fields.get(f) ?? file.defaults.get(f);
  const inputs = Object.fromEntries(TARGET_INPUTS.flatMap((n) => (layered.fromFile(n) ? [[n, layered.input(n)]] : [])));
  const environment = field(FILE_FIELDS.Environment)?.text;
  const kubeconfigSecret = field(FILE_FIELDS.KubeconfigSecret)?.text;
  const ring = field(FILE_FIELDS.Ring)?.raw;
  return {
    name: entry.name,
    ...(environment === undefined ? {} : { environment }),
    ...(kubeconfigSecret === undefined ? {} : { kubeconfigSecret }),
    ...(typeof ring === 'string' || typeof ring === 'number' ? { ring } : {}),
    inputs,
    settings: { ...settings, ...(environment === undefined ? {} : { environment }) },
  };
}

/** Two targets on one cluster (same kubeconfig-secret and context) listing one path into one namespace manage the same objects. */
function checkOverlaps(file: TargetsFile, targets: readonly FleetTarget[]): void {
  const seen = new Map<string, FleetTarget>();
  targets.forEach((t, i) => {
    for (const p of t.settings.paths) {
      const key = JSON.stringify([t.kubeconfigSecret ?? '', t.settings.context ?? '', t.settings.namespace, normalise(p)]);
      const first = seen.get(key);
      const entry = file.targets[i];
      if (first && entry)
        throw errorAt(
          file.file,
          (entry.fields.get(Inputs.Path) ?? file.defaults.get(Inputs.Path))?.line ?? entry.line,
          `field 'path': targets ${quoted(first.name)} and ${quoted(t.name)} both list path ${quoted(p)} into namespace '${t.settings.namespace}' on the same cluster (kubeconfig-secret ${quoted(t.kubeconfigSecret ?? '')}, context ${quoted(t.settings.context ?? '')}): they would manage the same objects`,
        );
      seen.set(key, t);
    }
  });
}

/** `deploy/`, `./deploy` and `deploy` are one path. */
function normalise(entry: string): string {
  return entry.replace(/^(\.\/)+/, '').replace(/\/+$/, '') || '.';
}
