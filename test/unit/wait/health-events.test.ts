import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatEvents } from '../../../src/wait/health-events.js';
import { formatDuration, timeoutMessage } from '../../../src/wait/health-report.js';
import type { JsonObject, KubeObject } from '../../../src/objects/kube-object.js';

function event(reason: string, message: string, times: JsonObject): KubeObject {
  return { apiVersion: 'v1', kind: 'Event', metadata: { name: reason, namespace: 'ns' }, reason, message, ...times };
}

describe('formatEvents', () => {
  it('keeps the newest events, newest last, as "Reason: message"', () => {
    const events = [
      event('C', 'third', { lastTimestamp: '2026-01-01T00:00:03Z' }),
      event('A', 'first', { lastTimestamp: '2026-01-01T00:00:01Z' }),
      event('D', 'fourth', { eventTime: '2026-01-01T00:00:03.500000Z', lastTimestamp: null }),
      event('B', 'second\n', { metadata: { name: 'b', creationTimestamp: '2026-01-01T00:00:02Z' } }),
    ];
    assert.deepEqual(formatEvents(events, 3), ['B: second', 'C: third', 'D: fourth']);
  });

  it('keeps at most five by default', () => {
    const events = Array.from({ length: 8 }, (_, i) => event(`R${i}`, 'm', { lastTimestamp: `2026-01-01T00:00:0${i}Z` }));
    assert.deepEqual(formatEvents(events), ['R3: m', 'R4: m', 'R5: m', 'R6: m', 'R7: m']);
  });
});

describe('formatDuration', () => {
  it('prints durations like kubectl', () => {
    assert.equal(formatDuration(850), '850ms');
    assert.equal(formatDuration(4200), '4.2s');
    assert.equal(formatDuration(5000), '5s');
    assert.equal(formatDuration(300_000), '5m0s');
    assert.equal(formatDuration(90_400), '1m30s');
    assert.equal(formatDuration(3_723_000), '1h2m3s');
  });
});

describe('timeoutMessage', () => {
  it('says what was awaited, for how long, and lists the conditions', () => {
    const live: KubeObject = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'w' },
      status: {
        conditions: [
          { type: 'Available', status: 'False', reason: 'MinimumReplicasUnavailable', message: 'Deployment does not have minimum availability.' },
          { type: 'Progressing', status: 'True', reason: 'ReplicaSetUpdated' },
        ],
      },
    };
    assert.equal(
      timeoutMessage({ state: 'progressing', message: '1 of 2 replicas available' }, 300_000, live),
      'timed out after 5m0s: 1 of 2 replicas available; conditions: Available=False (MinimumReplicasUnavailable: Deployment does not have minimum availability.), Progressing=True (ReplicaSetUpdated)',
    );
  });

  it('copes with an object that was never read', () => {
    assert.equal(timeoutMessage(undefined, 2000, undefined), 'timed out after 2s: no status was read');
  });
});
