import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { DesiredObject } from '../../../src/objects/desired-object.js';
import type { KubeObject } from '../../../src/objects/kube-object.js';
import type { Plan } from '../../../src/model/plan.js';
import { SecretRedactor } from '../../../src/redaction/secret-redactor.js';
import { compareWithReview } from '../../../src/review/review-compare.js';
import { formatReviewMarker, parseReviewMarker } from '../../../src/review/review-marker.js';
import { MAX_RECORDED_OBJECTS, objectDigests, reviewRecord, type ReviewRecord } from '../../../src/review/review-record.js';
import { configMap, livePlan, planEntry, workload } from '../../support/plan-entries.js';

const HEAD = 'a'.repeat(40);
const web = (image: string) => workload('web', { containers: [{ name: 'web', image }] });
const secret = (value: string): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Secret',
  metadata: { name: 'db', namespace: 'shop' },
  stringData: { password: value },
});
const desired = (...objects: KubeObject[]): DesiredObject[] => objects.map((object, i) => ({ object, source: { file: 'deploy/app.yaml', line: i * 10 + 1 } }));

/** The plan of a change to the web image, with the settings ConfigMap as `settingsAction`. */
function planOf(image: string, settingsAction: 'unchanged' | 'update' = 'unchanged'): Plan {
  return livePlan(
    [planEntry('update', web('web:1'), web(image)), planEntry(settingsAction, configMap('settings', { a: 'live' }), configMap('settings', { a: '1' }))],
    { commit: HEAD },
  );
}

function current(plan: Plan, manifests: DesiredObject[]) {
  const redactor = new SecretRedactor();
  return { record: reviewRecord(plan, manifests, redactor), digests: objectDigests(plan, manifests, redactor) };
}

const review = (plan: Plan, manifests: DesiredObject[]): ReviewRecord => {
  const record = reviewRecord(plan, manifests, new SecretRedactor());
  const parsed = parseReviewMarker(`<!-- kube-gitops:plan target=production -->\n${formatReviewMarker(record, 54)}\n### plan`, 'production');
  assert.deepEqual(parsed, { pullRequest: 54, record }, 'the hidden line reads back as written');
  return record;
};

describe('the review record and the merge bound to it', () => {
  const manifests = desired(web('web:2'), configMap('settings', { a: '1' }));

  it('matches the same plan of the same manifests', () => {
    const verdict = compareWithReview(review(planOf('web:2'), manifests), current(planOf('web:2'), manifests), 54, HEAD);
    assert.deepEqual(verdict, { matches: 'true', pullRequest: 54, differences: [] });
  });

  it('tells drift since the review: same manifests, an object that now changes', () => {
    const verdict = compareWithReview(review(planOf('web:2'), manifests), current(planOf('web:2', 'update'), manifests), 54, HEAD);
    assert.equal(verdict.matches, 'false');
    assert.deepEqual(verdict.differences, [
      { object: 'ConfigMap/shop/settings', reviewed: 'unchanged', planned: 'update', why: 'drift since the review: the live object changed' },
    ]);
  });

  it('tells main moving on from the pull request changing after its last plan, by the head GitHub reports', () => {
    const later = desired(web('web:3'), configMap('settings', { a: '1' }));
    const reviewed = review(planOf('web:2'), manifests);
    const movedOn = compareWithReview(reviewed, current(planOf('web:3'), later), 54, HEAD);
    assert.match(movedOn.reason ?? '', /^main moved on: the merged manifests differ from the ones reviewed at `aaaaaaa`/);
    assert.deepEqual(
      movedOn.differences.map((d) => [d.object, d.why]),
      [['Deployment/shop/web', 'its manifest changed: main moved on: the merged manifests differ from the ones reviewed at `aaaaaaa`']],
    );
    const pushedAfter = compareWithReview(reviewed, current(planOf('web:3'), later), 54, 'b'.repeat(40));
    assert.match(pushedAfter.reason ?? '', /^the pull request changed after its last plan \(planned at `aaaaaaa`, merged at `bbbbbbb`\)/);
  });

  it('matches a re-run of a commit that is live already: the reviewed update is in place, nothing else differs', () => {
    const applied = livePlan(
      [planEntry('unchanged', web('web:2'), web('web:2')), planEntry('unchanged', configMap('settings', { a: '1' }), configMap('settings', { a: '1' }))],
      { commit: HEAD },
    );
    const rerun = compareWithReview(review(planOf('web:2'), manifests), current(applied, manifests), 54, HEAD, true);
    assert.equal(rerun.matches, 'true', JSON.stringify(rerun));
    assert.match(rerun.reason ?? '', /earlier run applied the reviewed changes/);
    const notLive = compareWithReview(review(planOf('web:2'), manifests), current(applied, manifests), 54, HEAD, false);
    assert.equal(notLive.matches, 'false', 'without the commit live, the same plan is a difference');
  });

  it("never matches a git-only review (a fork's pull request)", () => {
    const gitReview = { ...review(planOf('web:2'), manifests), basis: 'git' as const };
    const verdict = compareWithReview(gitReview, current(planOf('web:2'), manifests), 54, HEAD);
    assert.equal(verdict.matches, 'false');
    assert.match(verdict.reason ?? '', /not a live plan, so it cannot match/);
  });

  it('digests no Secret value: two values digest alike, so the record cannot be checked against a guess', () => {
    const plan = (value: string) => livePlan([planEntry('create', undefined, { ...secret(value), stringData: { password: '(value hidden, added)' } })]);
    const one = reviewRecord(plan('first-s3cret-value-0001'), desired(secret('first-s3cret-value-0001')), new SecretRedactor());
    const two = reviewRecord(plan('second-s3cret-value-002'), desired(secret('second-s3cret-value-002')), new SecretRedactor());
    assert.deepEqual(one, two);
    assert.doesNotMatch(formatReviewMarker(one, 54), /s3cret/);
  });

  it('records only the two digests for a very large plan, and still tells a difference', () => {
    const many = livePlan(Array.from({ length: MAX_RECORDED_OBJECTS + 1 }, (_, i) => planEntry('create', undefined, configMap(`cm-${i}`, { i: String(i) }))));
    const record = reviewRecord(many, [], new SecretRedactor());
    assert.equal(record.objects, undefined);
    assert.match(formatReviewMarker(record, 54), /objects=not-recorded -->$/);
    const verdict = compareWithReview(record, current(planOf('web:2'), manifests), 54, HEAD);
    assert.match(verdict.reason ?? '', /too large to compare object by object/);
  });

  it('reads nothing from a comment of another target or without a record', () => {
    const line = formatReviewMarker(reviewRecord(planOf('web:2'), manifests, new SecretRedactor()), 54);
    const body = (record: string) => `<!-- kube-gitops:plan target=production -->\n${record}\n### plan`;
    assert.ok(parseReviewMarker(body(line), 'production'));
    assert.equal(parseReviewMarker(body(line), 'staging'), undefined);
    assert.equal(parseReviewMarker('<!-- kube-gitops:plan target=production -->', 'production'), undefined);
    assert.equal(parseReviewMarker(body(line.replace(/plan=[0-9a-f]+ /, '')), 'production'), undefined);
  });
});
