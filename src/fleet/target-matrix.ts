// The `matrix` output of `mode: targets`: `{"include":[…]}`, one entry per planned target in the
// targets file's order, for `strategy.matrix: ${{ fromJSON(…) }}`; each entry has `target` and,
// when the target sets them, `environment`, `kubeconfig-secret` and `ring`. GitHub refuses a
// matrix with no entries (the job fails), so an empty selection is still `{"include":[]}`, the
// exact text EMPTY_MATRIX: a workflow skips the matrix job with
// `if: needs.<job>.outputs.matrix != '{"include":[]}'` (or on `has-changes`, see hasPlannedTargets).
import { matrixEntries, type MatrixEntry } from '../settings/fleet-targets.js';
import type { TargetSelection } from './select-targets.js';

export const EMPTY_MATRIX = '{"include":[]}';

export function targetMatrix(selection: readonly TargetSelection[]): { include: MatrixEntry[] } {
  const planned = selection.flatMap((s) => (s.selected ? [s.target] : []));
  return { include: matrixEntries(planned.map((t) => ({ ...t, ...(t.settings.environment === undefined ? {} : { environment: t.settings.environment }) }))) };
}

/** The output's text: compact JSON, so an empty selection is exactly EMPTY_MATRIX. */
export function matrixOutput(selection: readonly TargetSelection[]): string {
  return JSON.stringify(targetMatrix(selection));
}

/** Whether any target is planned: the `has-changes` signal a workflow can skip the matrix job on. */
export function hasPlannedTargets(selection: readonly TargetSelection[]): boolean {
  return selection.some((s) => s.selected);
}
