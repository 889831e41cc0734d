import { ConfigurationError } from './errors.js';
import type { Plan } from './plan.js';
import type { Problem } from './problem.js';

/**
 * Refused before anything was written: the user must act (fix manifests, allow-empty, a newer
 * commit). Carries what the report needs to say why: the problems one by one (each at its file and
 * line) and the plan when one was made (masked, like every plan). `wentOutWith`: the live commit,
 * newer than ours and containing it, that made the commit order gate refuse (our change is live).
 */
export class ApplyRefusedError extends ConfigurationError {
  override name = 'ApplyRefusedError';
  constructor(
    message: string,
    readonly details: { problems?: readonly Problem[]; plan?: Plan; input?: string; wentOutWith?: string } = {},
  ) {
    super(message, details.input);
  }
}
