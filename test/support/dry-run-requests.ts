// How many server-side dry-run requests an API server has served, read from its own metrics:
// `apiserver_request_total` counts every request by verb, resource and `dry_run` ("All" for
// `?dryRun=All`, empty for a real request), and a server-side apply (a PATCH with the apply-patch
// content type, dry-run or not) is counted as verb APPLY. The counter only grows, so a test reads it
// before and after and takes the difference; each plane has its own API server and so its own count.
// The apiserver records a request before its response ends, so a read after the response sees it.
import type { TestCluster } from './test-cluster.js';

export interface DryRunFilter {
  /** The metric's verb, e.g. APPLY (server-side apply), CREATE, PATCH, DELETE; every verb when absent. */
  verb?: string;
  /** The plural resource, e.g. configmaps; every resource when absent. */
  resource?: string;
  /** The API group, '' for the core group; every group when absent. */
  group?: string;
}

const SAMPLE = /^apiserver_request_total\{(.*)\} (\S+)$/;
const LABEL = /(\w+)="((?:[^"\\]|\\.)*)"/g;

/** The dry-run requests counted in a Prometheus text exposition of an API server's /metrics, summed over response codes. */
export function countDryRuns(metrics: string, filter: DryRunFilter = {}): number {
  let total = 0;
  for (const line of metrics.split('\n')) {
    const sample = SAMPLE.exec(line);
    if (!sample) continue;
    const labels = new Map([...(sample[1] ?? '').matchAll(LABEL)].map((m) => [m[1], m[2]]));
    if (labels.get('dry_run') !== 'All') continue;
    if (filter.verb !== undefined && labels.get('verb') !== filter.verb.toUpperCase()) continue;
    if (filter.resource !== undefined && labels.get('resource') !== filter.resource) continue;
    if (filter.group !== undefined && labels.get('group') !== filter.group) continue;
    total += Number(sample[2]);
  }
  return total;
}

/** The dry-run requests `cluster`'s API server has served since it started (see countDryRuns). */
export async function dryRunRequests(cluster: TestCluster, filter: DryRunFilter = {}): Promise<number> {
  return countDryRuns(await cluster.kubectl(['get', '--raw', '/metrics']), filter);
}
