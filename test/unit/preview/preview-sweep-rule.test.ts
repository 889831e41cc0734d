// The sweep's pure rule (src/preview/preview-sweep-rule.ts): which names are a preview's under a
// prefix, when a preview's TTL runs out, and what each state of its pull request decides.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { APPLIED_AT_ANNOTATION, applySetId, ID_LABEL, PART_OF_LABEL, parentName, TOOLING_ANNOTATION } from '../../../src/inventory/applyset.js';
import type { KubeObject } from '../../../src/objects/kube-object.js';
import { PREVIEW_LABEL, PREVIEW_PR_LABEL, PREVIEW_REPOSITORY_ANNOTATION, PREVIEW_TTL_ANNOTATION } from '../../../src/preview/preview-identity.js';
import { previewNumber, selectPreview, sweepVerdict, type SweepCandidate } from '../../../src/preview/preview-sweep-rule.js';

const scope = { prefix: 'pv', repository: 'o/r', fieldManager: 'kube-gitops' };
const name = 'pv-pr-7';
const namespace = (annotations: Record<string, string> = {}): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Namespace',
  metadata: {
    name,
    labels: { [PREVIEW_LABEL]: 'true', [PREVIEW_PR_LABEL]: '7', [PART_OF_LABEL]: applySetId(parentName(name), name) },
    annotations: { [PREVIEW_REPOSITORY_ANNOTATION]: 'o/r', ...annotations },
  },
});
const parent = (appliedAt?: string): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Secret',
  metadata: {
    name: parentName(name),
    namespace: name,
    labels: { [ID_LABEL]: applySetId(parentName(name), name) },
    annotations: { [TOOLING_ANNOTATION]: 'kube-gitops/1.0.0', ...(appliedAt ? { [APPLIED_AT_ANNOTATION]: appliedAt } : {}) },
  },
});
const candidate = (ns: KubeObject, p: KubeObject, ttlMs?: number): SweepCandidate => {
  const s = selectPreview(ns, p, { ...scope, ...(ttlMs === undefined ? {} : { ttlMs }) });
  assert.ok('candidate' in s, JSON.stringify(s));
  return s.candidate;
};

describe('the preview sweep rule', () => {
  it('reads a pull request number only from exactly <prefix>-pr-<number>', () => {
    assert.equal(previewNumber('pv-pr-7', 'pv'), 7);
    for (const other of ['pv-pr-07', 'pv-pr-7x', 'pv-pr-', 'pvx-pr-7', 'other-pv-pr-7', 'pv-pr-12345678901', 'pv-pr-0']) {
      assert.equal(previewNumber(other, 'pv'), undefined, other);
    }
  });

  it('counts the TTL recorded on the Namespace from the parent’s applied-at, the sweep’s own TTL when none is recorded', () => {
    const at = '2026-12-01T10:00:00.000Z';
    assert.equal(candidate(namespace({ [PREVIEW_TTL_ANNOTATION]: '60s' }), parent(at), 3_600_000).expiresAt, Date.parse(at) + 60_000);
    assert.equal(candidate(namespace(), parent(at), 3_600_000).expiresAt, Date.parse(at) + 3_600_000);
    assert.equal(candidate(namespace(), parent(at)).expiresAt, undefined);
    assert.equal(candidate(namespace({ [PREVIEW_TTL_ANNOTATION]: '60s' }), parent()).expiresAt, undefined, 'no applied-at: never by TTL');
    const malformed = candidate(namespace({ [PREVIEW_TTL_ANNOTATION]: '1h' }), parent(at), 1000);
    assert.equal(malformed.expiresAt, undefined, 'an unreadable TTL never expires (fail closed)');
    assert.match(malformed.ttlNote, /is not <seconds>s/);
  });

  it('sweeps on an expired TTL or a closed pull request; keeps an open or unreadable one', () => {
    const c = candidate(namespace({ [PREVIEW_TTL_ANNOTATION]: '60s' }), parent('2026-12-01T10:00:00Z'));
    const before = Date.parse('2026-12-01T10:00:30Z');
    const after = Date.parse('2026-12-01T10:01:00Z');
    assert.equal(sweepVerdict(c, undefined, after).outcome, 'swept');
    assert.equal(sweepVerdict(c, { state: 'open', merged: false }, before).outcome, 'live');
    assert.equal(sweepVerdict(c, { state: 'closed', merged: false }, before).outcome, 'swept');
    assert.match(sweepVerdict(c, { state: 'closed', merged: true }, before).why, /was merged/);
    assert.equal(sweepVerdict(c, { unreadable: 'HTTP 502' }, before).outcome, 'unreadable');
    assert.equal(sweepVerdict(c, undefined, before).outcome, 'unreadable');
  });
});
