// A plan's warnings (an ignored namespace, field conflicts, recorded kinds no longer served...)
// reach the log as warning annotations in both modes, right after planning, refused or not.
import type { Logger } from '../model/logger.js';
import type { Plan } from '../model/plan.js';

/** Logs each warning of the (masked) plan once, as a warning annotation. */
export function logPlanWarnings(plan: Plan, logger: Logger): void {
  for (const warning of plan.warnings) logger.warning(warning);
}
