// Adversarial: the review record is read from one place only (the plan comment's second line, under
// the target's own marker), names its target injectively, and is bound to its pull request.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { markerName, stickyMarker } from '../../../src/github/sticky-comment.js';
import { SecretRedactor } from '../../../src/redaction/secret-redactor.js';
import { formatReviewMarker, parseReviewMarker } from '../../../src/review/review-marker.js';
import { reviewRecord } from '../../../src/review/review-record.js';
import { configMap, livePlan, planEntry } from '../../support/plan-entries.js';

const HEAD = 'b'.repeat(40);
const planFor = (target: string) =>
  livePlan([planEntry('update', configMap('settings', { a: 'live' }), configMap('settings', { a: '1' }))], { target, commit: HEAD });
const recordLine = (target: string, pr = 7) => formatReviewMarker(reviewRecord(planFor(target), [], new SecretRedactor()), pr);
const planBody = (target: string, pr = 7) => `${stickyMarker('plan', target)}\n${recordLine(target, pr)}\n### kube-gitops plan for **${target}**\n`;

describe('the review record in a plan comment', () => {
  it('reads back what it writes, with the pull request it was written for', () => {
    const parsed = parseReviewMarker(planBody('prod', 41), 'prod');
    assert.equal(parsed?.pullRequest, 41);
    assert.deepEqual(parsed?.record, reviewRecord(planFor('prod'), [], new SecretRedactor()));
  });

  it("never reads a record that a manifest value puts inside another target's comment (a ConfigMap value shown in its diff)", () => {
    const value = `${stickyMarker('plan', 'prod')}\n${recordLine('prod')}`;
    const staging = `${stickyMarker('plan', 'staging')}\n${recordLine('staging')}\n### plan\n\`\`\`diff\n+  evil: |\n${value}\n\`\`\`\n`;
    assert.equal(parseReviewMarker(staging, 'prod'), undefined);
    assert.ok(parseReviewMarker(staging, 'staging'), 'the comment still reads for its own target');
  });

  it('never reads a record further down than the second line, even under the right marker', () => {
    const body = `${stickyMarker('plan', 'prod')}\n### plan\n\`\`\`diff\n+  evil: ${recordLine('prod')}\n\`\`\`\n`;
    assert.equal(parseReviewMarker(body, 'prod'), undefined);
    assert.equal(parseReviewMarker(`x${planBody('prod')}`, 'prod'), undefined, 'the marker must be the whole first line');
    assert.equal(parseReviewMarker(planBody('prod').replace(' -->\n###', ' --> trailing\n###'), 'prod'), undefined, 'the record must be the whole line');
  });

  it('gives a--b and a-b their own markers and records, neither read as the other', () => {
    assert.notEqual(stickyMarker('plan', 'a--b'), stickyMarker('plan', 'a-b'));
    assert.notEqual(stickyMarker('drift', 'a--b'), stickyMarker('drift', 'a-b'));
    assert.equal(parseReviewMarker(planBody('a--b'), 'a-b'), undefined);
    assert.equal(parseReviewMarker(planBody('a-b'), 'a--b'), undefined);
    assert.equal(parseReviewMarker(planBody('a--b'), 'a--b')?.record.target, 'a--b');
  });

  it('names any target injectively, with no `--` inside the HTML comment', () => {
    for (const target of ['prod', 'a-b', 'a--b', 'a---b', '-a-', 'a%2Db', 'x y', 'é<>!', 'a--->b']) {
      const name = markerName(target);
      assert.equal(decodeURIComponent(name), target, `${target} decodes back`);
      assert.match(name, /^[A-Za-z0-9._%-]*$/);
      assert.doesNotMatch(stickyMarker('plan', target).slice(4, -3), /--/);
    }
  });

  it('does not read an unbound (version 1) record', () => {
    const v1 = recordLine('prod').replace(/^<!-- kube-gitops:review v=2 target=prod pr=7 /, '<!-- kube-gitops:review target=prod v=1 ');
    assert.notEqual(v1, recordLine('prod'));
    assert.equal(parseReviewMarker(`${stickyMarker('plan', 'prod')}\n${v1}\n`, 'prod'), undefined);
  });
});
