// Every input, parsed once and checked, in two parts: what holds for the whole run, and what
// describes one target. A run holds a list of targets (one today: the inputs name one); each stage
// of a target's pipeline reads `Settings`, the target's part with the run's.
import type { RingPosition } from '../model/ring-position.js';
import type { SigningPolicy } from '../signing/signing-policy.js';
import type { Prices } from '../plan/resource-prices.js';

export type Mode = 'plan' | 'apply' | 'drift' | 'preview' | 'preview-sweep';

/** The fleet's two steps: list the targets a change reaches (the matrix), and gather their plans into one comment. */
export type FleetMode = 'targets' | 'fleet';

/** What holds for the whole run, whichever target. */
export interface RunSettings {
  /** `auto` is resolved from the event; undefined until then. */
  mode: Mode | FleetMode | 'auto';
  comment: boolean;
  /** Label the pull request with what its plan does (`kube-gitops:*`). */
  labels: boolean;
  /** The label that lets a fork's pull request deploy its preview (`preview-label`). */
  previewLabel: string;
  githubToken?: string;
  /** Which commits may be applied (verify-commits and the inputs beside it); undefined: any (off). */
  signing?: SigningPolicy;
  /** On merge, a plan that differs from the one reviewed on the pull request: apply it and say so (`warn`), or apply nothing (`fail`). */
  onUnreviewedChanges: 'warn' | 'fail';
  /** Mode drift: fail the step when the cluster differs from Git (else it only reports). */
  failOnDrift: boolean;
  /** The workspace the paths are relative to (GITHUB_WORKSPACE, else the working directory). */
  workspace: string;
}

/** `mode: preview`: where a pull request's preview goes and what it may hold. */
export interface PreviewSettings {
  /** The preview's namespace is `<prefix>-pr-<number>`. */
  prefix: string;
  /** Cluster-scoped kinds a preview may hold, as `Kind` (core) or `Kind.group`; none by default. */
  clusterKinds: string[];
  /** How long a preview may live after its last apply (recorded on its Namespace for a sweep); undefined: no expiry. */
  ttlMs?: number;
  /** The preview namespace's ResourceQuota `spec.hard`; undefined: none. */
  quota?: Record<string, string>;
  /** The preview namespace's LimitRange for containers, by field (`default`, `defaultRequest`, `max`, `min`); undefined: none. */
  limits?: Partial<Record<LimitField, Record<string, string>>>;
}

/** The fields of a LimitRange's Container item that `preview-limits` sets. */
export type LimitField = 'default' | 'defaultRequest' | 'max' | 'min';

/** One target: its manifests, its cluster, and how it is applied. */
export interface TargetSettings {
  /** Files, directories and globs relative to the workspace. */
  paths: string[];
  exclude: string[];
  /** The age key(s) for SOPS-encrypted manifests (the `sops-age-key` input); never logged. */
  sopsAgeKey?: string;
  /** Kubeconfig YAML, from the input or the KUBECONFIG file; undefined when neither is set. */
  kubeconfig?: string;
  /** Directory that relative paths inside the kubeconfig are resolved against. */
  kubeconfigDir?: string;
  context?: string;
  /** Namespace for namespaced objects whose manifest sets none. */
  namespace: string;
  /** Target name: names the comment, the ApplySet and the summary. */
  target: string;
  /** The target's GitHub environment: the `environment` input, else the targets file's (the matrix and the plan file carry it). */
  environment?: string;
  /** The URL where the target's application is reached: its deployments' `environment_url`. */
  environmentUrl?: string;
  /** The target's ring in the targets file and the rings before it, when its entry has a ring. */
  rollout?: RingPosition;
  inventoryNamespace: string;
  fieldManager: string;
  forceConflicts: boolean;
  prune: boolean;
  pruneDangerous: boolean;
  allowEmpty: boolean;
  /** Take over objects that another ApplySet (another target, kubectl) labels as its own. */
  adopt: boolean;
  wait: boolean;
  timeoutMs: number;
  concurrency: number;
  /** Prices for the resource delta's monthly estimate (the `prices` input); absent: no estimate. */
  prices?: Prices;
  /** What `mode: preview` needs; read whatever the mode. */
  preview: PreviewSettings;
}

/** One target with the run's settings: what each stage of that target's pipeline reads. */
export type Settings = RunSettings & TargetSettings;

/** A run: the run-wide settings and its targets, in order. */
export interface RunConfig {
  run: RunSettings;
  targets: TargetSettings[];
}

/** The settings read from the inputs (one target) as a run of one target. */
export function splitSettings(settings: Settings): RunConfig {
  const { mode, comment, labels, previewLabel, githubToken, signing, onUnreviewedChanges, failOnDrift, workspace, ...target } = settings;
  const run: RunSettings = {
    mode,
    comment,
    labels,
    previewLabel,
    ...(githubToken === undefined ? {} : { githubToken }),
    ...(signing === undefined ? {} : { signing }),
    onUnreviewedChanges,
    failOnDrift,
    workspace,
  };
  return { run, targets: [target] };
}

/** What the stages of one target's pipeline read. */
export function targetSettings(run: RunSettings, target: TargetSettings): Settings {
  return { ...run, ...target };
}
