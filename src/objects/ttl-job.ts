// A Job with spec.ttlSecondsAfterFinished: the cluster deletes it some time after it finishes, so
// its absence says nothing about whether it ran.
import { isJsonObject, type KubeObject } from './kube-object.js';

export function isTtlJob(object: KubeObject | undefined): boolean {
  return object?.apiVersion === 'batch/v1' && object.kind === 'Job' && isJsonObject(object.spec) && typeof object.spec.ttlSecondsAfterFinished === 'number';
}
