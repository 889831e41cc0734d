// The per-target Lease (coordination.k8s.io/v1) as data: its name beside the ApplySet parent, the
// body a holder applies, and who holds a lease that was read. Pure; lease-holder.ts does the I/O.
//
// Exclusion rests on two server-side checks, never on clocks agreeing: every write after the first
// carries the resourceVersion it read (a precondition: 409 when anyone wrote since), and each run
// applies under a field manager of its own, so two runs creating the same absent lease at once
// conflict on spec.holderIdentity instead of both succeeding.
import type { KubeObject } from '../objects/kube-object.js';
import { isJsonObject } from '../objects/kube-object.js';
import type { ObjectRef } from '../objects/object-ref.js';
import { parentName } from './applyset.js';

/** How long a lease stays valid without renewal; a holder renews every third of it. */
export const LEASE_DURATION_SECONDS = 60;

export interface LeaseState {
  /** Empty when released. */
  holder: string;
  resourceVersion: string;
  /** Seconds the holder promised to renew within. */
  durationSeconds: number;
  /** When the holder took it, as it wrote (ISO). */
  acquiredAt?: string;
}

export function leaseRef(target: string, namespace: string): ObjectRef {
  return { group: 'coordination.k8s.io', version: 'v1', kind: 'Lease', namespace, name: parentName(target) };
}

/** Kubernetes MicroTime: RFC 3339 with exactly six fractional digits. */
function microTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}

/** The body one holder applies: to take the lease (with `acquiredMs`), renew it, or release it (holder ''). */
export function leaseBody(
  ref: ObjectRef,
  lease: { holder: string; nowMs: number; acquiredMs: number; resourceVersion?: string; transitions?: number },
): KubeObject {
  return {
    apiVersion: 'coordination.k8s.io/v1',
    kind: 'Lease',
    metadata: {
      name: ref.name,
      ...(ref.namespace ? { namespace: ref.namespace } : {}),
      labels: { 'app.kubernetes.io/managed-by': 'kube-gitops' },
      ...(lease.resourceVersion ? { resourceVersion: lease.resourceVersion } : {}),
    },
    spec: {
      holderIdentity: lease.holder,
      leaseDurationSeconds: LEASE_DURATION_SECONDS,
      acquireTime: microTime(lease.acquiredMs),
      renewTime: microTime(lease.nowMs),
      ...(lease.transitions !== undefined ? { leaseTransitions: lease.transitions } : {}),
    },
  };
}

/** What a read lease says; a lease without a readable spec counts as released. */
export function readLease(obj: KubeObject): LeaseState {
  const spec = isJsonObject(obj.spec) ? obj.spec : {};
  const holder = typeof spec.holderIdentity === 'string' ? spec.holderIdentity : '';
  const duration = typeof spec.leaseDurationSeconds === 'number' && spec.leaseDurationSeconds > 0 ? spec.leaseDurationSeconds : LEASE_DURATION_SECONDS;
  const rv = typeof obj.metadata.resourceVersion === 'string' ? obj.metadata.resourceVersion : '';
  return {
    holder,
    resourceVersion: rv,
    durationSeconds: duration,
    ...(typeof spec.acquireTime === 'string' ? { acquiredAt: spec.acquireTime } : {}),
  };
}

export function transitionsOf(obj: KubeObject): number {
  const spec = isJsonObject(obj.spec) ? obj.spec : {};
  return typeof spec.leaseTransitions === 'number' ? spec.leaseTransitions : 0;
}
