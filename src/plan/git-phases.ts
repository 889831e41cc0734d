// Phases and waves in the plan made without a cluster (the git diff of base against head): the same
// placement and problems as the live plan; a hook runs when anything else changes or its own
// manifest changed against the base commit (what last ran cannot be read without the cluster).
import type { DesiredObject } from '../objects/desired-object.js';
import { formatRef } from '../objects/object-ref.js';
import type { PlanEntry } from '../model/plan.js';
import { formatLocation, type Problem } from '../model/problem.js';
import { decideHook, manifestDigest } from '../phases/hook-decision.js';
import { isHookPhase, type Placement } from '../model/phase.js';
import { livePlacementOf, placementOf } from '../phases/placement.js';
import { isPhased } from './plan-phases.js';

/** Places every entry (head objects by their manifest, removed ones by the base); returns the entries to keep (Helm test hooks left out). */
export function assignGitPhases(
  entries: readonly PlanEntry[],
  head: ReadonlyMap<PlanEntry, DesiredObject>,
  problems: Problem[],
  warnings: string[],
): PlanEntry[] {
  const kept: PlanEntry[] = [];
  const placements = new Map<PlanEntry, Placement>();
  for (const e of entries) {
    const d = head.get(e);
    const verdict = d
      ? placementOf(e.after ?? d.object, formatRef(e.ref))
      : { placement: livePlacementOf(e.before ?? { apiVersion: '', kind: '', metadata: { name: '' } }) };
    if ('never' in verdict) {
      warnings.push(`${verdict.never}${d ? ` (${formatLocation(d.source)})` : ''}`);
      continue;
    }
    kept.push(e);
    if ('problem' in verdict) problems.push({ ref: e.ref, ...(d ? { source: d.source } : {}), message: verdict.problem });
    else placements.set(e, verdict.placement);
  }
  if (!isPhased(placements.values())) return kept;
  for (const [e, p] of placements) e.phase = { ...p };
  const isHook = (e: PlanEntry): boolean => e.phase !== undefined && isHookPhase(e.phase.phase);
  const otherWrites = kept.filter((e) => !isHook(e) && e.action !== 'unchanged').length;
  for (const e of kept) {
    if (!isHook(e) || !e.phase || !e.after) continue;
    const hook = decideHook({ otherWrites, digest: manifestDigest(e.after), ...(e.before ? { recorded: manifestDigest(e.before) } : {}) });
    e.phase.hook = hook;
    e.action = hook.runs ? (e.before ? 'replace' : 'create') : 'unchanged';
    e.notes.unshift(hook.reason);
  }
  return kept;
}
