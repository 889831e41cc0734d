// Generated from action.yml by `npm run docs`; do not edit (test/unit/input-definitions.test.ts checks it).

/** One input of action.yml: its name, its default as written there, and its description. */
export interface InputDefinition {
  name: string;
  default: string;
  description: string;
}

export const INPUT_DEFINITIONS: readonly InputDefinition[] = [
  { name: "mode", default: "auto", description: "What to do: `plan` (server-side dry-run diff, posted on the pull request), `apply` (server-side apply, prune, wait), or `auto`: `plan` on pull_request events and `apply` on a push to the default branch. Any other event needs an explicit mode." },
  { name: "path", default: ".", description: "Manifests to manage, one per line: files, directories (read recursively; a directory with a kustomization is built with kustomize) and globs, relative to the workspace. A line that matches nothing is an error." },
  { name: "exclude", default: "", description: "Globs to leave out of `path`, one per line (e.g. `**/testdata/**`)." },
  { name: "sops-age-key", default: "", description: "The age private key(s) that decrypt SOPS-encrypted manifests (files with a top-level `sops:` block), usually `${{ secrets.SOPS_AGE_KEY }}`: one `AGE-SECRET-KEY-1…` per line, as age-keygen writes them. Passed to the sops CLI only (which must be on PATH: add a setup step), never logged, masked; every decrypted value is hidden like a Secret's. Empty: only keys the environment gives sops (SOPS_AGE_KEY_FILE, KMS keys through cloud credentials). Without any key, a plan shows encrypted objects as such and an apply refuses them." },
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
  { name: "github-token", default: "${{ github.token }}", description: "Token used to comment on pull requests and to compare commits. Needs `pull-requests: write` and `contents: read`." },
  { name: "verify-commits", default: "off", description: "Apply only signed commits: `off` (default), `keys` (a good signature, checked with `git verify-commit`, by a key listed in `allowed-signers`), or `github` (GitHub's own verification, `verified: true` in the REST API, which accepts any key registered to the committer's account: weaker). A commit that fails is refused before anything is written; on pull requests the plan comment says whether the merge would be refused. See \"Signed commits\" in the README." },
  { name: "allowed-signers", default: "", description: "For `verify-commits: keys`: the keys allowed to sign, one per line in OpenSSH allowed_signers format (`dev@example.com ssh-ed25519 AAAA...`) and/or armored OpenPGP public key blocks (`-----BEGIN PGP PUBLIC KEY BLOCK-----`). Public keys only; they are written to a temporary directory for git and removed afterwards." },
  { name: "trust-github-web-flow", default: "false", description: "Accept commits signed by GitHub's web-flow key (merge commits and squashes made in the web UI), as confirmed by GitHub's verification API. \"Rebase and merge\" in the web UI makes unsigned commits, which are refused whatever this says." },
  { name: "verify-commits-since-live", default: "false", description: "Verify every first-parent commit between the commit live in the cluster (recorded on the ApplySet) and the one applied, not only the latter. Needs the history: `fetch-depth: 0` on actions/checkout; a missing history is an error, never a silent pass." },
];
