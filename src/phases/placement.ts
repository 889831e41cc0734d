// Where one manifest goes in the run, as a pure function of its kind and annotations: the setup
// phase, a hook (pre-apply or post-apply, with its order and delete policies), a wave, or never
// (a Helm test hook). An annotation this cannot read is a problem, never a guess.
import { getAnnotations, isJsonObject, type KubeObject } from '../objects/kube-object.js';
import {
  DEFINITION_KINDS,
  DELETE_POLICY_ANNOTATIONS,
  HOOK_VOCABULARIES,
  HOOK_WEIGHT_ANNOTATION,
  NEVER_COMPLETING_KINDS,
  SETUP_KINDS,
  WAVE_ANNOTATIONS,
  type HookVocabulary,
} from './phase-annotations.js';
import type { DeletePolicy, HookPhase, Placement } from '../model/phase.js';

export type PlacementVerdict = { placement: Placement } | { problem: string } | { never: string };

type Read<T> = { value: T } | { problem: string };

/** `id` names the object in messages (`Kind/namespace/name`). */
export function placementOf(object: KubeObject, id: string): PlacementVerdict {
  const annotations = getAnnotations(object);
  const hook = hookOf(annotations, id);
  if (hook && 'problem' in hook) return hook;
  const wave = waveOf(annotations, id, hook !== undefined);
  if ('problem' in wave) return wave;
  if (hook && 'never' in hook) return hook;
  if (hook) {
    const cannot = cannotComplete(object);
    if (cannot) return { problem: `${id} is a ${hook.value} hook, but ${cannot}; a hook must run to completion (make it a Job).` };
    const policies = deletePoliciesOf(annotations, id);
    if ('problem' in policies) return policies;
    return { placement: { phase: hook.value, wave: wave.value ?? 0, deletePolicies: policies.value } };
  }
  if (DEFINITION_KINDS.includes(object.kind)) {
    const note =
      wave.value === undefined
        ? undefined
        : `Applied first, before any wave: a ${object.kind} is needed by what comes after it (its wave ${wave.value} is not used).`;
    return { placement: { phase: 'setup', wave: 0, ...(note ? { note } : {}) } };
  }
  if (wave.value === undefined && SETUP_KINDS.includes(object.kind)) return { placement: { phase: 'setup', wave: 0 } };
  return { placement: { phase: 'wave', wave: wave.value ?? 0 } };
}

/** A placement read from a live object that leaves the manifests: never a problem (it is only deleted). */
export function livePlacementOf(object: KubeObject): Placement {
  const verdict = placementOf(object, '');
  return 'placement' in verdict ? verdict.placement : { phase: 'wave', wave: 0 };
}

function waveOf(annotations: Record<string, string>, id: string, isHook: boolean): Read<number | undefined> {
  const keys = isHook ? [...WAVE_ANNOTATIONS, HOOK_WEIGHT_ANNOTATION] : WAVE_ANNOTATIONS;
  const key = keys.find((k) => annotations[k] !== undefined);
  if (!key) return { value: undefined };
  const text = (annotations[key] ?? '').trim();
  const value = Number(text);
  if (!/^[+-]?\d+$/.test(text) || !Number.isSafeInteger(value)) {
    return { problem: `${id}: ${key} is ${JSON.stringify(annotations[key])}; a wave is a whole number such as -1, 0 or 2.` };
  }
  return { value };
}

function hookOf(annotations: Record<string, string>, id: string): { value: HookPhase } | { problem: string } | { never: string } | undefined {
  const vocabulary = HOOK_VOCABULARIES.find((v) => annotations[v.annotation] !== undefined);
  if (!vocabulary) return undefined;
  const raw = annotations[vocabulary.annotation] ?? '';
  const names = vocabulary.list ? raw.split(',').map((s) => s.trim()) : [raw.trim()];
  const unknown = names.filter((n) => vocabulary.values[n] === undefined);
  if (unknown.length > 0) return { problem: `${id}: ${vocabulary.annotation} ${JSON.stringify(raw)} is not a hook kube-gitops runs; ${accepted(vocabulary)}.` };
  const phases = new Set(names.map((n) => vocabulary.values[n]).filter((p): p is HookPhase => p !== 'never'));
  if (phases.size > 1)
    return { problem: `${id}: ${vocabulary.annotation} ${JSON.stringify(raw)} asks to run both before and after the rollout; split it into two hooks.` };
  const [phase] = phases;
  if (phase) return { value: phase };
  return { never: `${id} is a Helm ${raw} hook: kube-gitops never applies it.` };
}

function accepted(vocabulary: HookVocabulary): string {
  const runs = Object.entries(vocabulary.values).filter(([, p]) => p !== 'never');
  return `it runs ${runs.map(([name, p]) => (name === p ? name : `${name} (${p})`)).join(', ')}`;
}

function deletePoliciesOf(annotations: Record<string, string>, id: string): Read<DeletePolicy[]> {
  const entry = DELETE_POLICY_ANNOTATIONS.find((d) => annotations[d.annotation] !== undefined);
  if (!entry) return { value: ['before-hook-creation'] };
  const raw = annotations[entry.annotation] ?? '';
  const names = raw.split(',').map((s) => s.trim());
  const policies: DeletePolicy[] = [];
  for (const name of names) {
    const policy = entry.values[name];
    if (!policy) return { problem: `${id}: ${entry.annotation} ${JSON.stringify(raw)} is not a delete policy; use ${Object.keys(entry.values).join(', ')}.` };
    policies.push(policy);
  }
  return { value: [...new Set(policies)] };
}

/** Why an object of this kind never completes, or undefined when it can. */
function cannotComplete(object: KubeObject): string | undefined {
  if (DEFINITION_KINDS.includes(object.kind)) return `a ${object.kind} would be deleted, with all it holds, each time the hook runs`;
  if (NEVER_COMPLETING_KINDS.includes(object.kind)) return `a ${object.kind} runs until it is stopped and never completes`;
  if (object.kind === 'Pod') {
    const spec = isJsonObject(object.spec) ? object.spec : {};
    const policy = typeof spec.restartPolicy === 'string' ? spec.restartPolicy : 'Always';
    if (policy === 'Always') return 'a Pod with restartPolicy Always (the default) never completes';
  }
  return undefined;
}
