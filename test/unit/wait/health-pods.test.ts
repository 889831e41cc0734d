import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isCurrentRevisionPod, newReplicaSet, selectorString, stuckContainer } from '../../../src/wait/health-pods.js';
import type { JsonObject, KubeObject } from '../../../src/objects/kube-object.js';

function pod(status: JsonObject, metadata: JsonObject = {}): KubeObject {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web-1', namespace: 'ns', ...metadata }, status };
}

const waiting = (name: string, reason: string, message?: string): JsonObject => ({ name, state: { waiting: { reason, ...(message ? { message } : {}) } } });

describe('stuckContainer', () => {
  for (const reason of ['CrashLoopBackOff', 'ImagePullBackOff', 'ErrImagePull', 'CreateContainerConfigError', 'InvalidImageName']) {
    it(`reports a container waiting in ${reason}`, () => {
      assert.equal(stuckContainer(pod({ containerStatuses: [waiting('app', reason, 'why')] })), `pod web-1: container app is in ${reason}: why`);
    });
  }

  it('reports init containers as such', () => {
    assert.equal(
      stuckContainer(pod({ initContainerStatuses: [waiting('migrate', 'CrashLoopBackOff')] })),
      'pod web-1: init container migrate is in CrashLoopBackOff',
    );
  });

  it('ignores containers that are starting, running, or only crashed before', () => {
    assert.equal(
      stuckContainer(
        pod({
          containerStatuses: [waiting('a', 'ContainerCreating'), { name: 'b', state: { running: {} }, lastState: { waiting: { reason: 'CrashLoopBackOff' } } }],
        }),
      ),
      undefined,
    );
    assert.equal(stuckContainer(pod({})), undefined);
  });
});

describe('selectorString', () => {
  const workload = (selector: JsonObject): KubeObject => ({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'w' }, spec: { selector } });

  it('joins matchLabels', () => {
    assert.equal(selectorString(workload({ matchLabels: { app: 'web', tier: 'front' } })), 'app=web,tier=front');
  });

  it('adds matchExpressions', () => {
    assert.equal(
      selectorString(
        workload({
          matchLabels: { app: 'web' },
          matchExpressions: [
            { key: 'env', operator: 'In', values: ['a', 'b'] },
            { key: 'zone', operator: 'NotIn', values: ['x'] },
            { key: 'canary', operator: 'Exists' },
            { key: 'legacy', operator: 'DoesNotExist' },
          ],
        }),
      ),
      'app=web,env in (a,b),zone notin (x),canary,!legacy',
    );
  });

  it('gives up on an empty selector or an unknown operator rather than listing every pod', () => {
    assert.equal(selectorString(workload({})), undefined);
    assert.equal(selectorString(workload({ matchLabels: { app: 'w' }, matchExpressions: [{ key: 'k', operator: 'Gt' }] })), undefined);
  });
});

describe('current revision', () => {
  const owner = (uid: string): JsonObject => ({ ownerReferences: [{ uid, kind: 'X', name: 'x', apiVersion: 'v1' }] });

  it('finds the ReplicaSet of the Deployment revision among those it owns', () => {
    const dep: KubeObject = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'd', uid: 'd1', annotations: { 'deployment.kubernetes.io/revision': '2' } },
    };
    const rs = (name: string, revision: string, ownerUid: string): KubeObject => ({
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: { name, annotations: { 'deployment.kubernetes.io/revision': revision }, ...owner(ownerUid) },
    });
    assert.equal(newReplicaSet(dep, [rs('old', '1', 'd1'), rs('foreign', '2', 'zz'), rs('new', '2', 'd1')])?.metadata.name, 'new');
    assert.equal(newReplicaSet({ ...dep, metadata: { name: 'd', uid: 'd1' } }, [rs('new', '2', 'd1')]), undefined);
  });

  it('keeps StatefulSet pods of the update revision', () => {
    const sts: KubeObject = { apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 's', uid: 's1' }, status: { updateRevision: 's-2' } };
    assert.equal(isCurrentRevisionPod(sts, pod({}, { ...owner('s1'), labels: { 'controller-revision-hash': 's-2' } })), true);
    assert.equal(isCurrentRevisionPod(sts, pod({}, { ...owner('s1'), labels: { 'controller-revision-hash': 's-1' } })), false);
    assert.equal(isCurrentRevisionPod(sts, pod({}, { ...owner('other'), labels: { 'controller-revision-hash': 's-2' } })), false);
  });

  it('keeps DaemonSet pods of the current template generation', () => {
    const ds: KubeObject = {
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: { name: 'd', uid: 'd1', annotations: { 'deprecated.daemonset.template.generation': '3' } },
    };
    assert.equal(isCurrentRevisionPod(ds, pod({}, { ...owner('d1'), labels: { 'pod-template-generation': '3' } })), true);
    assert.equal(isCurrentRevisionPod(ds, pod({}, { ...owner('d1'), labels: { 'pod-template-generation': '2' } })), false);
  });
});
