// The plan's part of phases and waves: each manifest placed (problems at file:line, Helm test hooks
// left out with a warning), and, for a target that uses hooks or waves, every entry given its phase
// and every hook the decision whether it runs on this merge (a hook that runs is created again).
import { isTtlJob } from '../objects/ttl-job.js';
import { refKey, formatRef } from '../objects/object-ref.js';
import { formatLocation, type Problem } from '../model/problem.js';
import type { Inventory } from '../inventory/applyset.js';
import type { PlannedChange } from './planned-change.js';
import type { ResolvedObject } from './resolve-objects.js';
import { decideHook, manifestDigest } from '../phases/hook-decision.js';
import { isHookPhase, type Placement } from '../model/phase.js';
import { livePlacementOf, placementOf } from '../phases/placement.js';

export interface PlacedObjects {
  /** The objects to plan (Helm test hooks and other never-applied hooks left out). */
  kept: ResolvedObject[];
  /** Placements by refKey. */
  placements: Map<string, Placement>;
}

export function placeObjects(resolved: readonly ResolvedObject[], problems: Problem[], warnings: string[]): PlacedObjects {
  const kept: ResolvedObject[] = [];
  const placements = new Map<string, Placement>();
  for (const r of resolved) {
    const verdict = placementOf(r.object, formatRef(r.ref));
    if ('never' in verdict) {
      warnings.push(`${verdict.never} (${formatLocation(r.source)})`);
      continue;
    }
    kept.push(r);
    if ('problem' in verdict) problems.push({ ref: r.ref, source: r.source, message: verdict.problem });
    else placements.set(refKey(r.ref), verdict.placement);
  }
  return { kept, placements };
}

/** A target uses phases when it has a hook or more than one wave. */
export function isPhased(placements: Iterable<Placement>): boolean {
  const waves = new Set<number>();
  for (const p of placements) {
    if (isHookPhase(p.phase)) return true;
    if (p.phase === 'wave') waves.add(p.wave);
  }
  return waves.size > 1;
}

function isWrite(change: PlannedChange): boolean {
  const { action } = change.entry;
  return action === 'create' || action === 'update' || action === 'replace' || action === 'delete';
}

function isHook(change: PlannedChange): boolean {
  return change.entry.phase !== undefined && isHookPhase(change.entry.phase.phase);
}

/**
 * Sets each entry's phase and each hook's run decision. A target without hooks or waves (among its
 * manifests and the members leaving them) is left as it is.
 */
export function assignPhases(changes: readonly PlannedChange[], placed: PlacedObjects, inventory: Inventory): void {
  const placements = changes.map((c) => placed.placements.get(refKey(c.entry.ref)) ?? (c.entry.before ? livePlacementOf(c.entry.before) : undefined));
  if (!isPhased(placements.flatMap((p) => (p ? [p] : [])))) return;
  changes.forEach((c, i) => {
    const placement = placements[i];
    if (!placement) return;
    c.entry.phase = { ...placement };
    if (placement.note) c.entry.notes.push(placement.note);
  });
  const otherWrites = changes.filter((c) => !isHook(c) && isWrite(c)).length;
  for (const c of changes) {
    if (!isHook(c) || !c.desired || !c.entry.phase || c.entry.action === 'delete' || c.entry.action === 'retain') continue;
    const key = refKey(c.entry.ref);
    const recorded = inventory.hookDigests[key];
    const hook = decideHook({ otherWrites, digest: manifestDigest(c.desired, c.generated), ...(recorded ? { recorded } : {}) });
    c.entry.phase.hook = hook;
    if (!hook.runs) {
      c.entry.action = 'unchanged';
    } else {
      c.entry.action = c.entry.before ? 'replace' : 'create';
      if (c.entry.before) c.entry.notes = c.entry.notes.filter((n) => !n.startsWith('Will be deleted and created again'));
    }
    c.entry.notes.unshift(hook.runs && c.entry.before ? `${hook.reason} The live object is deleted and created again.` : hook.reason);
  }
}

/** The digest of every hook's manifest, by refKey: what the parent records once a run succeeded. */
export function hookDigestsOf(changes: readonly PlannedChange[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const c of changes)
    if ((isHook(c) || isTtlJob(c.desired)) && c.desired && c.entry.action !== 'delete' && c.entry.action !== 'retain')
      out[refKey(c.entry.ref)] = manifestDigest(c.desired, c.generated);
  return out;
}
