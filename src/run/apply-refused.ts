import { ConfigurationError } from '../errors.js';
import type { Plan, PlanProblem } from '../plan/plan.js';

/**
 * Refused before anything was written: the user must act (fix manifests, allow-empty, a newer
 * commit). Carries what the report needs to say why: the problems one by one (each at its file and
 * line) and the plan when one was made (masked, like every plan).
 */
export class ApplyRefusedError extends ConfigurationError {
  override name = 'ApplyRefusedError';
  constructor(
    message: string,
    readonly details: { problems?: readonly PlanProblem[]; plan?: Plan; input?: string } = {},
  ) {
    super(message, details.input);
  }
}
