// The dry-run counter reads apiserver_request_total as a 1.36 API server writes it.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { countDryRuns } from '../../support/dry-run-requests.js';

// Lines as the test control plane's /metrics serves them (kube-apiserver v1.36.3).
const metrics = `# HELP apiserver_request_total [STABLE] Counter of apiserver requests broken out for each verb, dry run value, group, version, resource, scope, component, and HTTP response code.
# TYPE apiserver_request_total counter
apiserver_request_total{code="200",component="apiserver",dry_run="All",group="apps",resource="deployments",scope="resource",subresource="",verb="APPLY",version="v1"} 1
apiserver_request_total{code="201",component="apiserver",dry_run="All",group="",resource="configmaps",scope="resource",subresource="",verb="APPLY",version="v1"} 4
apiserver_request_total{code="201",component="apiserver",dry_run="All",group="apps",resource="deployments",scope="resource",subresource="",verb="APPLY",version="v1"} 4
apiserver_request_total{code="200",component="apiserver",dry_run="All",group="",resource="configmaps",scope="resource",subresource="",verb="DELETE",version="v1"} 2
apiserver_request_total{code="201",component="apiserver",dry_run="",group="",resource="configmaps",scope="resource",subresource="",verb="APPLY",version="v1"} 50
apiserver_request_total{code="200",component="",dry_run="",group="",resource="",scope="",subresource="/readyz",verb="GET",version=""} 4
apiserver_request_duration_seconds_count{component="apiserver",dry_run="All",group="",resource="configmaps",scope="resource",subresource="",verb="APPLY",version="v1"} 4
`;

describe('counting dry-run requests from an API server’s metrics', () => {
  it('sums the dry-run requests of every verb and response code, leaving out real requests and other metrics', () => {
    assert.equal(countDryRuns(metrics), 11);
  });

  it('counts one verb, case aside', () => {
    assert.equal(countDryRuns(metrics, { verb: 'apply' }), 9);
    assert.equal(countDryRuns(metrics, { verb: 'DELETE' }), 2);
  });

  it('counts one resource, and one group', () => {
    assert.equal(countDryRuns(metrics, { verb: 'APPLY', resource: 'configmaps' }), 4);
    assert.equal(countDryRuns(metrics, { group: 'apps' }), 5);
    assert.equal(countDryRuns(metrics, { resource: 'configmaps', group: '' }), 6);
  });

  it('counts nothing in a text without the metric', () => {
    assert.equal(countDryRuns('# no samples\n'), 0);
  });
});
