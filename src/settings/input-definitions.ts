// Generated from action.yml by `npm run docs`; do not edit (test/unit/input-definitions.test.ts checks it).

/** One input of action.yml: its name, its default as written there, and its description. */
export interface InputDefinition {
  name: string;
  default: string;
  description: string;
}

export const INPUT_DEFINITIONS: readonly InputDefinition[] = [
  { name: "mode", default: "auto", description: "What to do: `plan` (server-side dry-run diff, posted on the pull request), `apply` (server-side apply, prune, wait), `drift` (for `schedule` and `workflow_dispatch` events: plan the checked-out default branch against the cluster, write nothing to it, and keep one GitHub issue per target open while the cluster differs from Git), or `auto`: `plan` on pull_request events and `apply` on a push to the default branch. Any other event needs an explicit mode." },
  { name: "path", default: ".", description: "Manifests to manage, one per line: files, directories (read recursively; a directory with a kustomization is built with kustomize) and globs, relative to the workspace. A line that matches nothing is an error." },
  { name: "exclude", default: "", description: "Globs to leave out of `path`, one per line (e.g. `**/testdata/**`)." },
  { name: "kubeconfig", default: "", description: "The kubeconfig, as YAML or base64 of it, usually from a secret. Empty: the file named by the KUBECONFIG environment variable (as written by cloud login actions). Never logged; its tokens, keys and passwords are masked." },
  { name: "context", default: "", description: "The kubeconfig context to use. Empty: its current-context. A context the kubeconfig does not have fails the step with a message that lists the contexts it has." },
  { name: "namespace", default: "default", description: "Namespace for namespaced objects whose manifest sets none." },
  { name: "name", default: "default", description: "Name of this target (one per environment). It names the sticky comment, the ApplySet that records what this target owns, and the job summary. Two targets must not manage the same objects." },
  { name: "inventory-namespace", default: "", description: "Namespace of the ApplySet parent Secret that records what this target owns. Empty: the `namespace` input." },
  { name: "field-manager", default: "kube-gitops", description: "Server-side apply field manager." },
  { name: "force-conflicts", default: "false", description: "Take over fields that another field manager owns (server-side apply `force`). When false, such conflicts are listed on the pull request and fail the apply." },
  { name: "prune", default: "true", description: "Delete objects this target applied before that are no longer in the manifests." },
  { name: "prune-dangerous", default: "false", description: "Also prune Namespaces, CustomResourceDefinitions and PersistentVolumeClaims (deleting them deletes their contents or data). When false they are left in place and listed." },
  { name: "allow-empty", default: "false", description: "Allow an empty set of manifests, which would prune everything this target owns. When false, an empty set fails the pull request plan and is refused on merge, with the same message." },
  { name: "adopt", default: "false", description: "Take over objects that another ApplySet already owns (another kube-gitops target, or kubectl apply --applyset), as its `applyset.kubernetes.io/part-of` label says. When false, such an object fails the plan and the apply, and nothing is written. When true, it is relabelled as a member of this target and the other set stops managing it: its next apply reports it as foreign, and if the object is still in its manifests the two targets fight over it. Set it for one run to move an object between targets on purpose, then set it back to false." },
  { name: "wait", default: "true", description: "After apply, wait until workloads are healthy (rollouts complete, Jobs done, CRDs established, Ready conditions true)." },
  { name: "timeout", default: "5m", description: "How long to wait for health, e.g. `5m`, `90s`, `1h`." },
  { name: "concurrency", default: "8", description: "How many API requests run at once: a plain whole number from 1 to 64." },
  { name: "comment", default: "true", description: "Post the plan (and the apply report) as a sticky pull request comment." },
  { name: "github-token", default: "${{ github.token }}", description: "Token used to comment on pull requests and to compare commits. Needs `pull-requests: write` and `contents: read`; `mode: drift` needs `issues: write` (a read-only token is a warning: the check is then in the job summary only)." },
  { name: "on-unreviewed-changes", default: "warn", description: "On merge, what to do when the plan differs from the one reviewed on the merged pull request (its plan comment carries a hidden digest of the reviewed plan): `warn` applies it and says so at the top of the report, listing each object whose planned change differs and why (drift since the review, main moved on, the pull request changed after its last plan); `fail` applies nothing, fails the step and says how to go on. When no review can be found (no pull request, no plan comment, no token) the plan is applied with `matches-review: unknown` either way." },
  { name: "fail-on-drift", default: "false", description: "`mode: drift`: fail the step when the cluster differs from Git. When false, the step succeeds either way and the `drift` output and the issue say what differs." },
];
