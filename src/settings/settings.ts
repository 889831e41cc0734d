import type { SigningPolicy } from '../signing/signing-policy.js';

export type Mode = 'plan' | 'apply' | 'drift';

/** Every input, parsed once and checked. */
export interface Settings {
  /** `auto` is resolved from the event; undefined until then. */
  mode: Mode | 'auto';
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
  comment: boolean;
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
