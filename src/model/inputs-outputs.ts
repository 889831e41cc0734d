// The names of the action's inputs and outputs, as action.yml declares them: every module that
// names one in a message or writes one takes it from here.

/** The action's inputs, by name as action.yml declares them. */
export const Inputs = {
  Mode: 'mode',
  Path: 'path',
  Exclude: 'exclude',
  SopsAgeKey: 'sops-age-key',
  Kubeconfig: 'kubeconfig',
  Context: 'context',
  Namespace: 'namespace',
  Name: 'name',
  InventoryNamespace: 'inventory-namespace',
  FieldManager: 'field-manager',
  ForceConflicts: 'force-conflicts',
  Prune: 'prune',
  PruneDangerous: 'prune-dangerous',
  AllowEmpty: 'allow-empty',
  Adopt: 'adopt',
  Wait: 'wait',
  Timeout: 'timeout',
  Concurrency: 'concurrency',
  Comment: 'comment',
  Labels: 'labels',
  GithubToken: 'github-token',
  VerifyCommits: 'verify-commits',
  AllowedSigners: 'allowed-signers',
  TrustGithubWebFlow: 'trust-github-web-flow',
  VerifyCommitsSinceLive: 'verify-commits-since-live',
  OnUnreviewedChanges: 'on-unreviewed-changes',
  FailOnDrift: 'fail-on-drift',
} as const;

export const Outputs = {
  HasChanges: 'has-changes',
  Creates: 'creates',
  Updates: 'updates',
  Deletes: 'deletes',
  Replaces: 'replaces',
  PlanFile: 'plan-file',
  CommentUrl: 'comment-url',
  Drifted: 'drifted',
  MatchesReview: 'matches-review',
  Drift: 'drift',
} as const;
