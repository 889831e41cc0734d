// The fields of a targets file (kube-gitops.yaml), defined once: the targets-file parser checks
// entries against them and scripts/targets-schema.ts generates kube-gitops.schema.json from them.
// A target takes the action's per-target inputs under their own names, plus three fields only a
// file has; run-wide inputs and secrets never go in the file.
import { Inputs } from '../model/inputs-outputs.js';

/** The action's inputs that describe one target, in action.yml's order: what an entry (and `defaults:`) may set. */
export const TARGET_INPUTS = [
  Inputs.Path,
  Inputs.Exclude,
  Inputs.Context,
  Inputs.Namespace,
  Inputs.Name,
  Inputs.EnvironmentUrl,
  Inputs.InventoryNamespace,
  Inputs.FieldManager,
  Inputs.ForceConflicts,
  Inputs.Prune,
  Inputs.PruneDangerous,
  Inputs.AllowEmpty,
  Inputs.Adopt,
  Inputs.Wait,
  Inputs.Timeout,
  Inputs.Concurrency,
  Inputs.PreviewPrefix,
  Inputs.PreviewClusterKinds,
  Inputs.PreviewTtl,
  Inputs.PreviewQuota,
  Inputs.PreviewLimits,
] as const;

/** Fields only a targets file has: the GitHub environment, the name of the kubeconfig's secret, the rollout ring and its soak. */
export const FILE_FIELDS = {
  Environment: 'environment',
  KubeconfigSecret: 'kubeconfig-secret',
  Ring: 'ring',
  Soak: 'soak',
} as const;

/** What each file-only field means (the schema's descriptions). */
export const FILE_FIELD_DESCRIPTIONS: Readonly<Record<(typeof FILE_FIELDS)[keyof typeof FILE_FIELDS], string>> = {
  environment:
    "The GitHub environment of the target's jobs (its protection rules and secrets apply to them), where each of its applies is recorded as a GitHub Deployment (the `environment` input of the step overrides it); the matrix and the plan file carry it.",
  'kubeconfig-secret':
    "The name of the GitHub secret that holds the target's kubeconfig (never the kubeconfig itself: secrets never go in this file); the matrix carries it, and the workflow passes `secrets[matrix.kubeconfig-secret]` as the `kubeconfig` input. Targets with the same secret and context are on the same cluster.",
  ring: 'The rollout ring of the target: a whole number from 0 (rings roll out in increasing order), or a name (rings roll out in the order the file first names them; one file uses numbers or names, not both). A target applies a commit only when every target of the rings before it has that commit, or a later one, applied and healthy, as their GitHub Deployments record it; otherwise it writes nothing and says which target is missing or unhealthy. A target without a ring neither waits nor is waited for.',
  soak: 'How long every target of the rings before this target must have been healthy at the commit before this target applies it, such as 10m or 1h (default 0). The apply waits out what is left of it, up to three times, then refuses.',
};

/** What a YAML value of each field may be (a list field also takes one string, one entry per line). */
export type FieldType = 'list' | 'boolean' | 'count' | 'duration' | 'string' | 'ring';

export const FIELD_TYPES: Readonly<Record<string, FieldType>> = {
  [Inputs.Path]: 'list',
  [Inputs.Exclude]: 'list',
  [Inputs.ForceConflicts]: 'boolean',
  [Inputs.Prune]: 'boolean',
  [Inputs.PruneDangerous]: 'boolean',
  [Inputs.AllowEmpty]: 'boolean',
  [Inputs.Adopt]: 'boolean',
  [Inputs.Wait]: 'boolean',
  [Inputs.Concurrency]: 'count',
  [Inputs.Timeout]: 'duration',
  [Inputs.PreviewClusterKinds]: 'list',
  [Inputs.PreviewTtl]: 'duration',
  [Inputs.PreviewQuota]: 'list',
  [Inputs.PreviewLimits]: 'list',
  [FILE_FIELDS.Ring]: 'ring',
  [FILE_FIELDS.Soak]: 'duration',
};

/** Every field an entry may have (`name` is required there). */
export const ENTRY_FIELDS: readonly string[] = [...TARGET_INPUTS, ...Object.values(FILE_FIELDS)];

/** Every field `defaults:` may have: an entry's, but `name` (each target names itself). */
export const DEFAULTS_FIELDS: readonly string[] = ENTRY_FIELDS.filter((f) => f !== Inputs.Name);

/** Inputs that hold a secret: never in a file in the repository. */
export const SECRET_INPUTS: ReadonlySet<string> = new Set([Inputs.Kubeconfig, Inputs.SopsAgeKey, Inputs.GithubToken]);

/**
 * An environment's or a ring's name: letters, digits, space, `.`, `_` and `-`. They go into the
 * matrix, where a workflow may write them into a `run:` script: no quote, `$`, backtick or
 * newline can reach one from a file a pull request controls.
 */
export const MATRIX_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9 ._-]{0,254}$/;

/** A GitHub secret's name, as GitHub allows it (letters, digits, `_`; not starting with a digit or `GITHUB_`). */
export const SECRET_NAME_PATTERN = /^(?![Gg][Ii][Tt][Hh][Uu][Bb]_)[A-Za-z_][A-Za-z0-9_]*$/;
