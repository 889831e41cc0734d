// The one line a run fails with, for both front ends: a ConfigurationError is the user's to fix and
// says what and where; invalid manifests already shown one by one at their file and line are only
// counted, in the front end's words; anything else is still reported without a stack trace. The
// line passes through the run's redactor.
import { ConfigurationError, ManifestError, getErrorMessage } from '../model/errors.js';
import type { SecretRedactor } from '../redaction/secret-redactor.js';

/** How a front end counts invalid manifests it has shown already; undefined: the error's own message. */
export type ManifestsWording = (error: ManifestError) => string | undefined;

/** The Action: each problem is an annotation and a line of the job summary. */
export const actionManifestsWording: ManifestsWording = (error) =>
  error.problems.length > 1 ? `${error.problems.length} invalid manifests; each is annotated at its file and line, and listed in the job summary.` : undefined;

/** The CLI: each problem was printed on stderr at its file and line. */
export const cliManifestsWording: ManifestsWording = (error) =>
  error.reported ? `${error.problems.length} problem(s) in the manifests, each shown above at its file and line: nothing was done.` : undefined;

export function failureLine(error: unknown, manifests: ManifestsWording, redactor: SecretRedactor): string {
  const counted = error instanceof ManifestError ? manifests(error) : undefined;
  const line = counted ?? (error instanceof ConfigurationError ? error.message : `kube-gitops failed: ${getErrorMessage(error)}`);
  return redactor.redactString(line);
}
