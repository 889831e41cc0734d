// Where a manifest says when it is applied, as data: the annotations read (ours first, then
// Argo CD's, then Helm's) and what each of their values means here.
import type { HookPhase, DeletePolicy } from '../model/phase.js';

/** Wave annotations, the first present wins. */
export const WAVE_ANNOTATIONS: readonly string[] = ['kube-gitops.io/apply-wave', 'argocd.argoproj.io/sync-wave'];

/** Helm orders its hooks by weight: read after the wave annotations, for hooks only. */
export const HOOK_WEIGHT_ANNOTATION = 'helm.sh/hook-weight';

/** A hook annotation and what each of its values means (`never`: not applied at all, e.g. a Helm test). */
export interface HookVocabulary {
  annotation: string;
  /** Helm lists several hooks in one value, comma-separated. */
  list: boolean;
  values: Readonly<Record<string, HookPhase | 'never'>>;
}

export const HOOK_VOCABULARIES: readonly HookVocabulary[] = [
  { annotation: 'kube-gitops.io/hook', list: false, values: { 'pre-apply': 'pre-apply', 'post-apply': 'post-apply' } },
  { annotation: 'argocd.argoproj.io/hook', list: false, values: { PreSync: 'pre-apply', PostSync: 'post-apply' } },
  {
    annotation: 'helm.sh/hook',
    list: true,
    values: {
      'pre-install': 'pre-apply',
      'pre-upgrade': 'pre-apply',
      'post-install': 'post-apply',
      'post-upgrade': 'post-apply',
      test: 'never',
      'test-success': 'never',
      'pre-delete': 'never',
      'post-delete': 'never',
      'pre-rollback': 'never',
      'post-rollback': 'never',
    },
  },
];

/** Delete-policy annotations, the first present wins; each maps its spellings to ours. */
export const DELETE_POLICY_ANNOTATIONS: readonly { annotation: string; values: Readonly<Record<string, DeletePolicy>> }[] = [
  {
    annotation: 'kube-gitops.io/hook-delete-policy',
    values: { 'before-hook-creation': 'before-hook-creation', 'hook-succeeded': 'hook-succeeded', 'hook-failed': 'hook-failed' },
  },
  {
    annotation: 'argocd.argoproj.io/hook-delete-policy',
    values: { BeforeHookCreation: 'before-hook-creation', HookSucceeded: 'hook-succeeded', HookFailed: 'hook-failed' },
  },
  {
    annotation: 'helm.sh/hook-delete-policy',
    values: { 'before-hook-creation': 'before-hook-creation', 'hook-succeeded': 'hook-succeeded', 'hook-failed': 'hook-failed' },
  },
];

/** Kinds that run until stopped: as a hook they could never complete. */
export const NEVER_COMPLETING_KINDS: readonly string[] = ['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController', 'CronJob'];

/** Applied before the pre-apply hooks when they carry no wave: what a hook of the same change reads. */
export const SETUP_KINDS: readonly string[] = ['ServiceAccount', 'ConfigMap', 'Secret', 'Role', 'RoleBinding', 'ClusterRole', 'ClusterRoleBinding'];

/** Always applied first, whatever their wave: everything else may live in or be defined by them. */
export const DEFINITION_KINDS: readonly string[] = ['Namespace', 'CustomResourceDefinition'];
