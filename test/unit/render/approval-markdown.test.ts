// The approver in the apply report: the first line names who approved the run for the target's
// environment when the plan applied is the reviewed one; a plan that differs says the run was approved
// anyway (warn) or is refused naming the approver (fail). The login and the comment are data.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { RunApproval } from '../../../src/github/run-approval.js';
import { refusalLine, refusalOf } from '../../../src/model/refusal.js';
import { renderApplyMarkdown } from '../../../src/render/apply-markdown.js';
import { renderRefusedMarkdown } from '../../../src/render/refused-markdown.js';
import type { ReviewVerdict } from '../../../src/review/review-compare.js';
import { unreviewedRefusal } from '../../../src/review/review-gate.js';
import { commit, entry, marker, planWith, ref, view } from '../../support/apply-report-view.js';
import { matchesGolden } from '../../support/golden.js';
import { liveMarkup } from '../../support/live-markup.js';

const OCTO: RunApproval = { login: 'octo-reviewer', environment: 'production', comment: 'Ship it! The canary was clean.' };
const RUN = 'https://github.com/acme/shop/actions/runs/4242';
const differs = (approval?: RunApproval): ReviewVerdict => ({
  matches: 'false',
  pullRequest: 54,
  reason: 'the planned changes differ from the reviewed ones',
  differences: [{ object: 'ConfigMap/shop/settings', reviewed: 'unchanged', planned: 'update', why: 'drift since the review: the live object changed' }],
  ...(approval ? { approval } : {}),
});

describe('the approver in the apply report', () => {
  it('says the plan reviewed in the pull request was applied as approved by the reviewer for the environment, with the comment (golden)', () => {
    const md = renderApplyMarkdown(...view({ review: { matches: 'true', pullRequest: 53, differences: [], approval: OCTO } }));
    assert.match(
      md,
      /\n✅ Applied the plan reviewed in #53 as approved by \*\*octo-reviewer\*\* for environment \*\*production\*\*\.\n\nThe approver's comment: Ship it! The canary was clean\.\n/,
    );
    matchesGolden('apply-approved.md', md);
  });

  it('names no approver when GitHub named none, and no comment line when the comment is empty', () => {
    const none = renderApplyMarkdown(...view({ review: { matches: 'true', pullRequest: 53, differences: [] } }));
    assert.match(none, /✅ Applied the plan reviewed in #53\.\n/);
    assert.doesNotMatch(none, /approved by|approver/);
    const silent = renderApplyMarkdown(...view({ review: { matches: 'true', pullRequest: 53, differences: [], approval: { ...OCTO, comment: '  ' } } }));
    assert.doesNotMatch(silent, /approver's comment/);
  });

  it('never says a failed run applied the approved plan', () => {
    const md = renderApplyMarkdown(...view({ succeeded: false, review: { matches: 'true', pullRequest: 7, differences: [], approval: OCTO } }));
    assert.doesNotMatch(md, /✅ Applied/);
    assert.match(
      md,
      /The plan was the one reviewed in #7 as approved by \*\*octo-reviewer\*\* for environment \*\*production\*\*; it did not apply fully \(below\)\./,
    );
  });

  it('with on-unreviewed-changes: warn, says in the warning that the run was approved though the plan differs', () => {
    const md = renderApplyMarkdown(...view({ review: differs(OCTO) }));
    assert.match(
      md,
      /> \*\*This is not the plan reviewed in #54\*\*: [^\n]*\(`on-unreviewed-changes: warn`\); the run was approved by \*\*octo-reviewer\*\* for environment \*\*production\*\*\.\n> The approver's comment: Ship it!/,
    );
  });

  it('with on-unreviewed-changes: fail, the refusal names the approver and each differing object (golden)', () => {
    const plan = planWith({ entries: [entry('update', ref('ConfigMap', 'settings'))] });
    const refusal = refusalOf(unreviewedRefusal(differs(OCTO), plan, commit));
    assert.ok(refusal);
    assert.equal(
      refusalLine(refusal),
      'Nothing was applied: approved by `octo-reviewer` for environment `production`, but the plan differs from the one reviewed in #54 (the planned changes differ from the reviewed ones), and on-unreviewed-changes is fail. ' +
        `To go on, re-run the plan of #54 (or open a pull request that plans the current state), have it reviewed, then re-run this workflow; or revert the merge (git revert ${commit}).`,
    );
    const md = renderRefusedMarkdown({ marker, target: 'production', commit, refusal, runUrl: RUN });
    assert.match(md, /- ConfigMap\/shop\/settings: reviewed unchanged, now update — drift since the review: the live object changed/);
    matchesGolden('apply-refused-approved.md', md);
  });

  it('a refusal without an approver reads as before', () => {
    const refusal = refusalOf(unreviewedRefusal(differs(), planWith({}), commit));
    assert.ok(refusal);
    assert.match(refusalLine(refusal), /^Nothing was applied: the plan differs from the one reviewed in #54 /);
  });

  it('shows a hostile login and comment as inert text: no mention, link, image, HTML or emphasis', () => {
    const hostile: RunApproval = {
      login: '@octocat **boss** <img src=x onerror=alert(1)>',
      environment: 'production <!-- kube-gitops:review -->',
      comment: '[click](https://evil.invalid) ![i](https://evil.invalid/p.png) <script>alert(1)</script> @org/team #12 _u_\n# INJECTED',
    };
    const reports = (approval: RunApproval) => [
      renderApplyMarkdown(...view({ review: { matches: 'true', pullRequest: 53, differences: [], approval } })),
      renderApplyMarkdown(...view({ review: differs(approval) })),
      renderRefusedMarkdown({ marker, target: 'production', commit, refusal: refusalOf(unreviewedRefusal(differs(approval), planWith({}), commit))! }),
    ];
    /** What is live, by kind and line: our own links and #53 are; nothing the approval holds may add to them. */
    const live = (md: string) => liveMarkup(md, marker).map((finding) => finding.split(':')[0]);
    const benign = reports(OCTO);
    reports(hostile).forEach((md, i) => {
      assert.deepEqual(live(md), live(benign[i] ?? ''), md);
      assert.ok(md.includes('octocat'), 'the login is shown');
      assert.doesNotMatch(md, /\n# INJECTED/);
      assert.equal(md.split('<!--').length, 2, 'only the marker opens an HTML comment');
    });
  });
});
