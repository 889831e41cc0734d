import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { evaluateHealth } from '../../../src/wait/health-check.js';
import type { JsonObject, KubeObject } from '../../../src/objects/kube-object.js';

function object(apiVersion: string, kind: string, body: JsonObject = {}, metadata: JsonObject = {}): KubeObject {
  return { apiVersion, kind, metadata: { name: 'x', namespace: 'ns', generation: 2, ...metadata }, ...body };
}

const deployment = (spec: JsonObject, status: JsonObject, metadata: JsonObject = {}): KubeObject => object('apps/v1', 'Deployment', { spec, status }, metadata);
const statefulSet = (spec: JsonObject, status: JsonObject): KubeObject => object('apps/v1', 'StatefulSet', { spec, status });
const daemonSet = (spec: JsonObject, status: JsonObject): KubeObject => object('apps/v1', 'DaemonSet', { spec, status });

const rolledOut = { observedGeneration: 2, replicas: 2, updatedReplicas: 2, readyReplicas: 2, availableReplicas: 2 };

describe('Deployment health', () => {
  it('is healthy when every replica is updated and available and no old pod is left', () => {
    assert.deepEqual(evaluateHealth(deployment({ replicas: 2 }, rolledOut)), { state: 'healthy', message: '2 of 2 replicas available' });
  });

  it('keeps progressing while the controller has not observed the latest generation, whatever the counters say', () => {
    const v = evaluateHealth(deployment({ replicas: 2 }, { ...rolledOut, observedGeneration: 1 }));
    assert.equal(v.state, 'progressing');
    assert.match(v.message, /not observed generation 2 yet \(last observed 1\)/);
  });

  it('treats a missing status as not observed yet', () => {
    assert.equal(evaluateHealth(deployment({ replicas: 1 }, {})).state, 'progressing');
  });

  it('defaults spec.replicas to 1', () => {
    const one = { observedGeneration: 2, replicas: 1, updatedReplicas: 1, availableReplicas: 1 };
    assert.deepEqual(evaluateHealth(deployment({}, one)), { state: 'healthy', message: '1 of 1 replicas available' });
  });

  it('waits for updated replicas', () => {
    const v = evaluateHealth(deployment({ replicas: 2 }, { ...rolledOut, updatedReplicas: 1 }));
    assert.deepEqual(v, { state: 'progressing', message: '1 of 2 replicas updated' });
  });

  it('waits for old pods to go away', () => {
    const v = evaluateHealth(deployment({ replicas: 2 }, { ...rolledOut, replicas: 3 }));
    assert.deepEqual(v, { state: 'progressing', message: '1 old replica(s) pending termination' });
  });

  it('waits for available replicas', () => {
    const v = evaluateHealth(deployment({ replicas: 2 }, { ...rolledOut, availableReplicas: 1 }));
    assert.deepEqual(v, { state: 'progressing', message: '1 of 2 replicas available' });
  });

  it('fails at once when the progress deadline is exceeded', () => {
    const v = evaluateHealth(
      deployment(
        { replicas: 2 },
        {
          ...rolledOut,
          availableReplicas: 0,
          conditions: [{ type: 'Progressing', status: 'False', reason: 'ProgressDeadlineExceeded', message: 'ReplicaSet "x-1" has timed out progressing.' }],
        },
      ),
    );
    assert.equal(v.state, 'failed');
    assert.match(v.message, /ProgressDeadlineExceeded.*ReplicaSet "x-1" has timed out progressing/);
  });

  it('ignores a ProgressDeadlineExceeded condition left over from a generation not yet observed', () => {
    const v = evaluateHealth(
      deployment(
        { replicas: 2 },
        { ...rolledOut, observedGeneration: 1, conditions: [{ type: 'Progressing', status: 'False', reason: 'ProgressDeadlineExceeded', message: 'old' }] },
      ),
    );
    assert.equal(v.state, 'progressing');
  });

  it('does not wait for a paused Deployment', () => {
    const v = evaluateHealth(deployment({ replicas: 2, paused: true }, { observedGeneration: 2 }));
    assert.equal(v.state, 'healthy');
    assert.match(v.message, /paused/);
  });

  it('explains missing replicas with a ReplicaFailure condition', () => {
    const v = evaluateHealth(
      deployment(
        { replicas: 2 },
        { observedGeneration: 2, conditions: [{ type: 'ReplicaFailure', status: 'True', reason: 'FailedCreate', message: 'exceeded quota' }] },
      ),
    );
    assert.deepEqual(v, { state: 'progressing', message: '0 of 2 replicas updated; ReplicaFailure=True (FailedCreate: exceeded quota)' });
  });

  it('is healthy when scaled to zero', () => {
    assert.equal(evaluateHealth(deployment({ replicas: 0 }, { observedGeneration: 2 })).state, 'healthy');
  });
});

describe('StatefulSet health', () => {
  const done = { observedGeneration: 2, replicas: 3, readyReplicas: 3, updatedReplicas: 3, currentRevision: 'r2', updateRevision: 'r2' };

  it('is healthy when all replicas are ready on the update revision', () => {
    assert.deepEqual(evaluateHealth(statefulSet({ replicas: 3 }, done)), { state: 'healthy', message: '3 of 3 replicas ready' });
  });

  it('keeps progressing until the generation is observed', () => {
    assert.equal(evaluateHealth(statefulSet({ replicas: 3 }, { ...done, observedGeneration: 1 })).state, 'progressing');
  });

  it('waits for ready replicas', () => {
    assert.deepEqual(evaluateHealth(statefulSet({ replicas: 3 }, { ...done, readyReplicas: 2 })), { state: 'progressing', message: '2 of 3 replicas ready' });
  });

  it('waits for updated replicas during a rolling update', () => {
    assert.deepEqual(evaluateHealth(statefulSet({ replicas: 3 }, { ...done, updatedReplicas: 1, currentRevision: 'r1' })), {
      state: 'progressing',
      message: '1 of 3 replicas updated',
    });
  });

  it('waits until the current revision is the update revision', () => {
    const v = evaluateHealth(statefulSet({ replicas: 3 }, { ...done, currentRevision: 'r1' }));
    assert.deepEqual(v, { state: 'progressing', message: 'revision r2 has not replaced r1 yet' });
  });

  it('only waits for the replicas above a partition', () => {
    const spec = { replicas: 3, updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 2 } } };
    assert.equal(evaluateHealth(statefulSet(spec, { ...done, updatedReplicas: 1, currentRevision: 'r1' })).state, 'healthy');
    assert.deepEqual(evaluateHealth(statefulSet(spec, { ...done, updatedReplicas: 0, currentRevision: 'r1' })), {
      state: 'progressing',
      message: '0 of 1 replicas updated (partition 2)',
    });
  });

  it('does not wait for updates with the OnDelete strategy, only for ready replicas', () => {
    const spec = { replicas: 3, updateStrategy: { type: 'OnDelete' } };
    assert.equal(evaluateHealth(statefulSet(spec, { ...done, updatedReplicas: 0, currentRevision: 'r1' })).state, 'healthy');
  });

  it('waits for replicas above spec.replicas to terminate', () => {
    assert.deepEqual(evaluateHealth(statefulSet({ replicas: 2 }, done)), { state: 'progressing', message: '1 replica(s) pending termination' });
  });
});

describe('DaemonSet health', () => {
  const done = { observedGeneration: 2, desiredNumberScheduled: 3, updatedNumberScheduled: 3, numberAvailable: 3 };

  it('is healthy when every scheduled pod is updated and available', () => {
    assert.deepEqual(evaluateHealth(daemonSet({}, done)), { state: 'healthy', message: '3 of 3 scheduled pods available' });
  });

  it('keeps progressing until the generation is observed', () => {
    assert.equal(evaluateHealth(daemonSet({}, { ...done, observedGeneration: 1 })).state, 'progressing');
  });

  it('waits for updated pods', () => {
    assert.deepEqual(evaluateHealth(daemonSet({}, { ...done, updatedNumberScheduled: 2 })), { state: 'progressing', message: '2 of 3 scheduled pods updated' });
  });

  it('waits for available pods', () => {
    assert.deepEqual(evaluateHealth(daemonSet({}, { ...done, numberAvailable: 1 })), { state: 'progressing', message: '1 of 3 scheduled pods available' });
  });

  it('is healthy when no node matches', () => {
    assert.equal(evaluateHealth(daemonSet({}, { observedGeneration: 2 })).state, 'healthy');
  });
});

describe('Job health', () => {
  const job = (spec: JsonObject, status: JsonObject): KubeObject => object('batch/v1', 'Job', { spec, status });

  it('is healthy once Complete=True', () => {
    assert.deepEqual(evaluateHealth(job({}, { succeeded: 1, conditions: [{ type: 'Complete', status: 'True' }] })), {
      state: 'healthy',
      message: 'completed (1 succeeded)',
    });
  });

  it('fails when Failed=True, with its reason and message', () => {
    const v = evaluateHealth(
      job(
        {},
        { failed: 7, conditions: [{ type: 'Failed', status: 'True', reason: 'BackoffLimitExceeded', message: 'Job has reached the specified backoff limit' }] },
      ),
    );
    assert.deepEqual(v, { state: 'failed', message: 'the Job failed: Failed=True (BackoffLimitExceeded: Job has reached the specified backoff limit)' });
  });

  it('fails as soon as FailureTarget=True, before the pods are gone', () => {
    assert.equal(evaluateHealth(job({}, { conditions: [{ type: 'FailureTarget', status: 'True', reason: 'DeadlineExceeded' }] })).state, 'failed');
  });

  it('keeps progressing while pods run', () => {
    assert.deepEqual(evaluateHealth(job({ completions: 3 }, { active: 1, succeeded: 1 })), {
      state: 'progressing',
      message: '1 of 3 completions succeeded, 1 active, 0 failed',
    });
  });

  it('does not wait for a suspended Job', () => {
    assert.equal(evaluateHealth(job({ suspend: true }, { conditions: [{ type: 'Suspended', status: 'True' }] })).state, 'healthy');
  });
});

describe('CustomResourceDefinition health', () => {
  const crd = (conditions: JsonObject[]): KubeObject =>
    object('apiextensions.k8s.io/v1', 'CustomResourceDefinition', { status: { conditions } }, { namespace: null });

  it('is healthy once Established=True', () => {
    assert.deepEqual(
      evaluateHealth(
        crd([
          { type: 'NamesAccepted', status: 'True' },
          { type: 'Established', status: 'True' },
        ]),
      ),
      { state: 'healthy', message: 'established' },
    );
  });

  it('keeps progressing until established', () => {
    assert.deepEqual(evaluateHealth(crd([])), { state: 'progressing', message: 'not established yet' });
  });

  it('says why when its names are not accepted', () => {
    const v = evaluateHealth(crd([{ type: 'NamesAccepted', status: 'False', reason: 'MultipleNamesNotAllowed', message: 'no' }]));
    assert.equal(v.state, 'progressing');
    assert.match(v.message, /MultipleNamesNotAllowed/);
  });
});

describe('Pod health', () => {
  const pod = (status: JsonObject): KubeObject => object('v1', 'Pod', { status });

  it('is healthy when Ready=True or Succeeded', () => {
    assert.equal(evaluateHealth(pod({ phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }] })).state, 'healthy');
    assert.equal(evaluateHealth(pod({ phase: 'Succeeded' })).state, 'healthy');
  });

  it('fails when the pod failed', () => {
    assert.deepEqual(evaluateHealth(pod({ phase: 'Failed', reason: 'Evicted', message: 'low on memory' })), {
      state: 'failed',
      message: 'the pod failed (Evicted: low on memory)',
    });
  });

  it('fails at once when a container cannot pull its image', () => {
    const v = evaluateHealth(
      pod({
        phase: 'Pending',
        containerStatuses: [{ name: 'app', state: { waiting: { reason: 'ImagePullBackOff', message: 'Back-off pulling image "nope"' } } }],
      }),
    );
    assert.deepEqual(v, { state: 'failed', message: 'pod x: container app is in ImagePullBackOff: Back-off pulling image "nope"' });
  });

  it('keeps progressing while not ready', () => {
    assert.deepEqual(evaluateHealth(pod({ phase: 'Pending' })), { state: 'progressing', message: 'Pending, not ready' });
  });
});

describe('other objects', () => {
  it('are healthy at once without status conditions (ConfigMap, RBAC)', () => {
    assert.deepEqual(evaluateHealth(object('v1', 'ConfigMap', { data: { a: '1' } })), { state: 'healthy', message: 'nothing to wait for' });
    assert.equal(evaluateHealth(object('rbac.authorization.k8s.io/v1', 'ClusterRole', { rules: [] })).state, 'healthy');
  });

  it('do not wait for a LoadBalancer Service to get an ingress address', () => {
    const svc = object('v1', 'Service', { spec: { type: 'LoadBalancer' }, status: { loadBalancer: {} } });
    assert.equal(evaluateHealth(svc).state, 'healthy');
  });

  it('are healthy when their conditions include no Ready condition', () => {
    const hpa = object('autoscaling/v2', 'HorizontalPodAutoscaler', { status: { conditions: [{ type: 'AbleToScale', status: 'True' }] } });
    assert.deepEqual(evaluateHealth(hpa), { state: 'healthy', message: 'no Ready condition to wait for' });
  });

  it('are healthy once Ready=True', () => {
    const cr = object('example.com/v1', 'Widget', { status: { observedGeneration: 2, conditions: [{ type: 'Ready', status: 'True', message: 'all good' }] } });
    assert.deepEqual(evaluateHealth(cr), { state: 'healthy', message: 'ready: all good' });
  });

  it('keep progressing with Ready=False, even with a reason that looks final', () => {
    const cr = object('example.com/v1', 'Widget', {
      status: { conditions: [{ type: 'Ready', status: 'False', reason: 'ReconciliationFailed', message: 'boom' }] },
    });
    assert.deepEqual(evaluateHealth(cr), { state: 'progressing', message: 'not ready: Ready=False (ReconciliationFailed: boom)' });
  });

  it('wait for an APIService to be Available instead of calling a FailedDiscoveryCheck healthy', () => {
    const broken = object('apiregistration.k8s.io/v1', 'APIService', {
      status: {
        conditions: [{ type: 'Available', status: 'False', reason: 'FailedDiscoveryCheck', message: 'failing or missing response from https://10.0.0.1:443' }],
      },
    });
    assert.deepEqual(evaluateHealth(broken), {
      state: 'progressing',
      message: 'not available: Available=False (FailedDiscoveryCheck: failing or missing response from https://10.0.0.1:443)',
    });
    const fresh = object('apiregistration.k8s.io/v1', 'APIService', { status: {} });
    assert.deepEqual(evaluateHealth(fresh), { state: 'progressing', message: 'no Available condition reported yet' });
    const ok = object('apiregistration.k8s.io/v1', 'APIService', {
      status: { conditions: [{ type: 'Available', status: 'True', reason: 'Passed', message: 'all checks passed' }] },
    });
    assert.deepEqual(evaluateHealth(ok), { state: 'healthy', message: 'available: all checks passed' });
  });

  it('wait for a PersistentVolumeClaim to be Bound, and fail a Lost one', () => {
    assert.deepEqual(evaluateHealth(object('v1', 'PersistentVolumeClaim', { status: { phase: 'Pending' } })), {
      state: 'progressing',
      message: 'Pending: not bound to a volume yet',
    });
    assert.deepEqual(evaluateHealth(object('v1', 'PersistentVolumeClaim', { status: { phase: 'Bound' } })), { state: 'healthy', message: 'bound' });
    assert.equal(evaluateHealth(object('v1', 'PersistentVolumeClaim', { status: { phase: 'Lost' } })).state, 'failed');
  });

  it('keep progressing while Ready=Unknown', () => {
    const cr = object('example.com/v1', 'Widget', { status: { conditions: [{ type: 'Ready', status: 'Unknown' }] } });
    assert.equal(evaluateHealth(cr).state, 'progressing');
  });

  it('keep progressing while a reported observedGeneration lags behind, even with Ready=True', () => {
    const cr = object('example.com/v1', 'Widget', { status: { observedGeneration: 1, conditions: [{ type: 'Ready', status: 'True' }] } });
    assert.equal(evaluateHealth(cr).state, 'progressing');
  });

  it('ignore malformed conditions', () => {
    const cr = object('example.com/v1', 'Widget', { status: { conditions: ['Ready', { status: 'True' }, null] } });
    assert.deepEqual(evaluateHealth(cr), { state: 'healthy', message: 'nothing to wait for' });
  });
});
