// Wording of the health wait's messages: durations the way kubectl prints them, and what an
// object was still waiting for when the timeout struck.
import type { KubeObject } from '../objects/kube-object.js';
import { describeConditions } from './health-status.js';
import type { HealthVerdict } from './health-verdict.js';

/** `850ms`, `4.2s`, `5m0s`, `1h2m3s` (Go's time.Duration style, to the tenth of a second below a minute). */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.max(0, Math.round(ms))}ms`;
  if (ms < 60_000) return `${Number((ms / 1000).toFixed(1))}s`;
  const total = Math.round(ms / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  return h > 0 ? `${h}h${m}m${s}s` : `${m}m${s}s`;
}

/**
 * `timed out after 5m0s: 1 of 2 replicas available; pod web-1: Pending, not scheduled (...);
 * conditions: Available=False (...)`: the timeout, the last progress message (with the pods that
 * are not ready), and the object's conditions as last read.
 */
export function timeoutMessage(last: HealthVerdict | undefined, timeoutMs: number, live: KubeObject | undefined): string {
  const waitingFor = last?.message ?? 'no status was read';
  const conditions = live ? describeConditions(live) : undefined;
  return `timed out after ${formatDuration(timeoutMs)}: ${waitingFor}${conditions ? `; conditions: ${conditions}` : ''}`;
}
