// What a run says when the API server throttled it: API Priority and Fairness answered 429 because
// the run's priority level had no free seat. Said once, at the end of the plan or the apply, with the
// time spent waiting and how low the adaptive limit went (src/concurrency/adaptive-limit.ts), so a
// slow run is explained and the cluster's flow-control settings can be looked at.
import type { ClusterClient } from '../cluster/cluster-client.js';
import type { Logger } from '../model/logger.js';

export function noteThrottling(client: Pick<ClusterClient, 'throttling'>, logger: Logger): void {
  const t = client.throttling?.();
  if (!t || t.rejected === 0) return;
  logger.warning(
    `The API server throttled this run (API Priority and Fairness): ${t.rejected} answer(s) were 429 Too Many Requests, ` +
      `${(t.throttledMs / 1000).toFixed(1)} s were spent waiting them out, and at most ${t.lowest} request(s) ran at once at the lowest (of ${t.ceiling}).`,
  );
}
