/**
 * Something the run waited for did not happen in time (a CRD not Established, a deleted object
 * still there). Not the user's input and not an answer of the server: its own kind of failure.
 */
export class WaitTimeoutError extends Error {
  override name = 'WaitTimeoutError';
  constructor(
    message: string,
    /** How long was waited. */
    readonly timeoutMs: number,
  ) {
    super(message);
  }
}
