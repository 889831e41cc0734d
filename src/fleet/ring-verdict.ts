// Whether a target may apply commit C, from what the GitHub Deployments of the rings before it
// record (pure: the observations are read by ring-gate.ts). The rule, per target of every earlier
// ring: its newest finished deployment (success, failure or error; one still running or retired is
// passed over) must be a `success` of C or of a commit that contains C, and, with a soak, that
// success must be at least the soak old. Anything else stops the target and is named: a target with
// no finished deployment, one whose last deployment failed (even of a later commit: the rings
// before are broken now), one that has only an older commit or one that does not contain C.
// Only when every reason left is a soak not yet over is the verdict to wait, for the longest of them.
import type { RingMember, RingPosition } from '../model/ring-position.js';
import { formatDuration } from '../wait/health-report.js';

/** How a deployment's commit relates to C (GitHub's comparison of C with it). */
export type CommitRelation = 'identical' | 'ahead' | 'behind' | 'diverged';

/** A target's newest finished deployment. */
export interface FinishedDeployment {
  sha: string;
  state: 'success' | 'failure' | 'error';
  description: string;
  /** When its last status was recorded (ms since the epoch); undefined when GitHub gave no time. */
  at?: number;
  /** Its commit compared with C: `ahead` means it contains C and more. */
  relation: CommitRelation;
}

export interface RingObservation {
  ring: string;
  member: RingMember;
  last?: FinishedDeployment;
}

/** One target of an earlier ring that holds this one back, and why. */
export interface RingBlocker {
  ring: string;
  member: RingMember;
  reason: string;
  /** What is left of the soak, when that is the only reason. */
  soakLeftMs?: number;
}

export type RingVerdict = { kind: 'go' } | { kind: 'wait'; waitMs: number; blockers: RingBlocker[] } | { kind: 'stop'; blockers: RingBlocker[] };

export function ringVerdict(position: RingPosition, sha: string, observations: readonly RingObservation[], now: number): RingVerdict {
  const blockers = observations.flatMap((o) => {
    const b = blockerOf(o, sha, position.soakMs, now);
    return b ? [b] : [];
  });
  if (blockers.length === 0) return { kind: 'go' };
  if (blockers.every((b) => b.soakLeftMs !== undefined)) return { kind: 'wait', waitMs: Math.max(...blockers.map((b) => b.soakLeftMs ?? 0)), blockers };
  return { kind: 'stop', blockers };
}

function blockerOf(o: RingObservation, sha: string, soakMs: number, now: number): RingBlocker | undefined {
  const at = (reason: string, soakLeftMs?: number): RingBlocker => ({
    ring: o.ring,
    member: o.member,
    reason,
    ...(soakLeftMs === undefined ? {} : { soakLeftMs }),
  });
  const last = o.last;
  if (!last) return at(`has no finished deployment recorded in environment ${JSON.stringify(o.member.environment)}`);
  const of = short(last.sha);
  if (last.state !== 'success') return at(`its last deployment, of ${of}, ended in ${last.state}${last.description ? `: ${last.description}` : ''}`);
  if (last.relation === 'behind') return at(`has ${of} applied, older than ${short(sha)}: ${short(sha)} has not reached it yet`);
  if (last.relation === 'diverged') return at(`has ${of} applied, which does not contain ${short(sha)}`);
  if (soakMs <= 0) return undefined;
  if (last.at === undefined)
    return at(`has ${of} applied and healthy, but GitHub gave no time for it, so the soak of ${formatDuration(soakMs)} cannot be checked`);
  const healthy = Math.max(0, now - last.at);
  if (healthy >= soakMs) return undefined;
  return at(`has been healthy at ${of} for ${formatDuration(healthy)} of the ${formatDuration(soakMs)} soak`, soakMs - healthy);
}

/** The sentence for one blocker: `Ring 1 waits for ring 0: target "canary" (environment "canary") …`. */
export function blockerLine(ring: string, b: RingBlocker): string {
  return `Ring ${ring} waits for ring ${b.ring}: target ${JSON.stringify(b.member.target)} (environment ${JSON.stringify(b.member.environment)}) ${b.reason}.`;
}

function short(sha: string): string {
  return sha.slice(0, 7);
}
