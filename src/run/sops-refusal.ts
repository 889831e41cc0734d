// An apply never writes an object it could not decrypt: it is refused before anything is written,
// at each encrypted file, naming the input that gives the key.
import type { DesiredObject } from '../objects/desired-object.js';
import { formatRef, refOf } from '../objects/object-ref.js';
import type { Problem } from '../model/problem.js';
import { ApplyRefusedError } from '../model/apply-refused.js';
import { Inputs } from '../model/inputs-outputs.js';
import { isUndecrypted } from '../model/sops-marks.js';

/** Throws when any desired object is still encrypted. */
export function refuseUndecrypted(desired: readonly DesiredObject[]): void {
  const problems: Problem[] = desired
    .filter((d) => isUndecrypted(d.object))
    .map((d) => ({
      source: d.source,
      ref: refOf(d.object),
      message: `${formatRef(refOf(d.object))} is encrypted with SOPS and cannot be decrypted here: set the input '${Inputs.SopsAgeKey}' to an age key of the file (e.g. \${{ secrets.SOPS_AGE_KEY }}), or give the runner credentials for the file's KMS key, and install the sops CLI.`,
    }));
  if (problems.length === 0) return;
  const message = `Nothing was applied: ${problems.length} object(s) are encrypted with SOPS and cannot be decrypted here (input '${Inputs.SopsAgeKey}').`;
  throw new ApplyRefusedError(message, { problems, input: Inputs.SopsAgeKey });
}
