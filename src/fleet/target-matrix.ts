// The `matrix` output of `mode: targets`: `{"include":[…]}`, one entry per planned target in the
// targets file's order, for `strategy.matrix: ${{ fromJSON(…) }}`; each entry has `target` and,
// when the target sets them, `environment`, `kubeconfig-secret` and `ring`. GitHub refuses a
// matrix with no entries (the job fails), so an empty selection is still `{"include":[]}`, the
// exact text EMPTY_MATRIX: a workflow skips the matrix job with
// `if: needs.<job>.outputs.matrix != '{"include":[]}'` (or on `has-changes`, see hasPlannedTargets).
import { matrixEntries, type MatrixEntry } from '../settings/fleet-targets.js';
import { orderRings } from '../settings/ring-order.js';
import type { TargetSelection } from './select-targets.js';

export const EMPTY_MATRIX = '{"include":[]}';

export function targetMatrix(selection: readonly TargetSelection[]): { include: MatrixEntry[] } {
  const planned = selection.flatMap((s) => (s.selected ? [s.target] : []));
  return { include: matrixEntries(planned.map((t) => ({ ...t, ...(t.settings.environment === undefined ? {} : { environment: t.settings.environment }) }))) };
}

/**
 * The `rings` output: the planned targets' matrix split by ring, keyed by ring in rollout order (every
 * ring of the file a key, an empty matrix when none of its targets runs), targets without a ring
 * under `""`, last.
 */
export function ringMatricesOutput(selection: readonly TargetSelection[]): string {
  const rings = orderRings(selection.flatMap((s) => (s.target.ring === undefined ? [] : [s.target.ring])));
  const keys = [...rings, ...(selection.some((s) => s.target.ring === undefined) ? [''] : [])];
  const ringOf = (s: TargetSelection) => (s.target.ring === undefined ? '' : String(s.target.ring));
  return JSON.stringify(Object.fromEntries(keys.map((key) => [key, targetMatrix(selection.filter((s) => ringOf(s) === key))])));
}

/** The output's text: compact JSON, so an empty selection is exactly EMPTY_MATRIX. */
export function matrixOutput(selection: readonly TargetSelection[]): string {
  return JSON.stringify(targetMatrix(selection));
}

/** Whether any target is planned: the `has-changes` signal a workflow can skip the matrix job on. */
export function hasPlannedTargets(selection: readonly TargetSelection[]): boolean {
  return selection.some((s) => s.selected);
}
