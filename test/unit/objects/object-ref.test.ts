import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatKind, formatRef } from '../../../src/objects/object-ref.js';

describe('how an object is named in logs and reports', () => {
  it("names Kubernetes' own kinds plainly and every other kind with its group, as kubectl spells it", () => {
    assert.equal(formatRef({ group: 'apps', version: 'v1', kind: 'Deployment', namespace: 'shop', name: 'web' }), 'Deployment/shop/web');
    assert.equal(formatRef({ group: '', version: 'v1', kind: 'Namespace', name: 'shop' }), 'Namespace/shop');
    assert.equal(
      formatRef({ group: 'gateway.networking.k8s.io', version: 'v1', kind: 'Gateway', namespace: 'shop', name: 'edge' }),
      'Gateway.gateway.networking.k8s.io/shop/edge',
    );
    assert.equal(
      formatRef({ group: 'networking.istio.io', version: 'v1', kind: 'Gateway', namespace: 'shop', name: 'edge' }),
      'Gateway.networking.istio.io/shop/edge',
    );
    assert.equal(formatKind({ group: 'example.com', kind: 'Widget' }), 'Widget.example.com');
  });

  it('tells the events.k8s.io Event from the core Event', () => {
    assert.equal(formatKind({ group: '', kind: 'Event' }), 'Event');
    assert.equal(formatKind({ group: 'events.k8s.io', kind: 'Event' }), 'Event.events.k8s.io');
  });
});
