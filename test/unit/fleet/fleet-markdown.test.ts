// The fleet comment of a small fleet, against its golden file; and its layout rules.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderFleetMarkdown } from '../../../src/fleet/fleet-markdown.js';
import { fleetFailures } from '../../../src/fleet/fleet-members.js';
import { fleetMarker } from '../../../src/github/sticky-comment.js';
import { parseFleetReviewMarker } from '../../../src/review/fleet-review-marker.js';
import { matchesGolden } from '../../support/golden.js';
import { liveMarkup } from '../../support/live-markup.js';
import { HEAD, PR, runOf, writePlanFileOf } from '../../support/fleet-plans.js';
import { fleetOf, plansDir, regionPlan, smallFleetDir, TARGETS } from './fleet-fixtures.js';

const options = { maxBytes: 65_000, runUrlPrefix: 'https://github.com/octo/fleet/actions/runs/' };

describe('the fleet comment', () => {
  it('renders a fleet of 5 targets (3 with the same change, 1 failed, 1 not planned) as the golden file', () => {
    const body = renderFleetMarkdown(fleetOf(smallFleetDir()), options);
    matchesGolden('fleet-plan.md', body);
  });

  it('opens with the fleet marker and one record per planned target, each bound to the pull request, head and target', () => {
    const body = renderFleetMarkdown(fleetOf(smallFleetDir()), options);
    assert.equal(body.split('\n')[0], fleetMarker());
    for (const target of ['eu', 'us', 'asia', 'staging']) {
      const review = parseFleetReviewMarker(body, target);
      assert.ok(review, target);
      assert.equal(review.pullRequest, PR);
      assert.equal(review.record.commit, HEAD);
      assert.equal(review.record.target, target);
    }
    assert.equal(parseFleetReviewMarker(body, 'canary'), undefined, 'a target not planned has no record');
  });

  it('shows the same change in three namespaces once, naming the three targets', () => {
    const body = renderFleetMarkdown(fleetOf(smallFleetDir()), options);
    assert.equal(body.match(/<summary>✏️ update/g)?.length, 1, body);
    assert.match(body, /<code>Deployment\/\$NAMESPACE\/api<\/code> in 3 targets: <code>eu<\/code>, <code>us<\/code>, <code>asia<\/code>/);
    assert.match(body, /-\s+- image: api:1\.0\n\+\s+- image: api:2\.0/);
  });

  it('lists the failed and the not-planned target first, and makes the fleet step fail for the failed one', () => {
    const fleet = fleetOf(smallFleetDir());
    const rows = renderFleetMarkdown(fleet, options)
      .split('\n')
      .filter((l) => l.startsWith('| `'));
    assert.deepEqual(
      rows.map((r) => /^\| `([^`]+)`/.exec(r)?.[1]),
      ['staging', 'canary', 'eu', 'us', 'asia'],
    );
    assert.deepEqual(fleetFailures(fleet), ['1 target(s) failed']);
  });

  it('has no live markup below its records', () => {
    const body = renderFleetMarkdown(fleetOf(smallFleetDir()), options);
    const lines = body.split('\n');
    const rest = lines
      .slice(lines.findIndex((l) => l.startsWith('###')))
      .join('\n')
      .replace(/\[summary\]\(https:\/\/github\.com\/octo\/fleet\/actions\/runs\/\d+\)/g, '');
    assert.deepEqual(liveMarkup(rest, ''), []);
  });
});

describe('the fleet comment of a pull request that reaches no target', () => {
  it('says merging changes nothing, and lists each target with why it was not planned', () => {
    const body = renderFleetMarkdown(
      fleetOf(
        plansDir(),
        ['eu', 'us'],
        new Map([
          ['eu', 'no input changed'],
          ['us', 'no input changed'],
        ]),
      ),
      options,
    );
    assert.match(body, /\n✅ \*\*Merging changes nothing in any target\*\*: none of the 2 targets was planned \(below\)\.\n/);
    assert.match(body, /\| `us` \| ⏭️ not planned: no input changed \|/);
    assert.deepEqual(fleetFailures(fleetOf(plansDir(), ['eu'], new Map([['eu', 'no input changed']]))), []);
  });
});

describe('a target whose step could not plan', () => {
  it('reads "not planned: why" with no counts and no record, and the verdict says it waits to be planned', () => {
    const dir = smallFleetDir();
    const plan = regionPlan('canary', { entries: [], problems: [{ message: 'kube-gitops failed: the connection to the Kubernetes API failed' }] });
    writePlanFileOf(dir, plan, runOf(plan, { namespace: 'shop-canary', failure: 'kube-gitops failed: the connection to the Kubernetes API failed' }));
    const fleet = fleetOf(dir, TARGETS, new Map());
    const body = renderFleetMarkdown(fleet, options);
    assert.match(
      body,
      /\n\| `canary` \| ⛔ not planned: kube-gitops failed: the connection to the Kubernetes API failed \| \| \| \| \| \| {2}\| \[summary\]\([^)]+\) \|\n/,
    );
    assert.match(body, /<summary><code>canary<\/code>: ⛔ 1 problem<\/summary>/, 'its one line, once');
    assert.match(body, /⛔ \*\*Merging applies nothing to 2 of 5 targets\*\*: `canary` until it can be planned; `staging` until its problems are fixed/);
    assert.deepEqual(fleetFailures(fleet), ['2 target(s) failed']);
  });
});
