import { ConfigurationError } from '../model/errors.js';

/**
 * One object cannot be applied as written, found while planning it (invalid against its CRD,
 * owned by another ApplySet...). The message leads with the object and is shown as it is; the
 * plan goes on with the other objects and lists every problem.
 */
export class ObjectProblem extends ConfigurationError {
  override name = 'ObjectProblem';
}
