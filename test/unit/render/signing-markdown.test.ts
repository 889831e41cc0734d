import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Plan } from '../../../src/model/plan.js';
import { renderPlanMarkdown } from '../../../src/render/plan-markdown.js';
import { parseAllowedSigners } from '../../../src/signing/allowed-signers.js';
import type { SigningPolicy } from '../../../src/signing/signing-policy.js';
import { matchesGolden } from '../../support/golden.js';

const HEAD = '3f2a9c1e'.padEnd(40, '0');
const MIDDLE = '9b8c7d6e'.padEnd(40, '1');
const BASE = '1a2b3c4d'.padEnd(40, '2');
const policy: SigningPolicy = {
  mode: 'keys',
  allowedSigners: parseAllowedSigners('dev@example.com ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIF26X59ybPzqrjzhm1KAhp7NCUKWgA23DVuEmBj5+No/', 'allowed-signers'),
  trustWebFlow: false,
  sinceLive: true,
};
const plan: Plan = { target: 'production', commit: HEAD, basis: 'cluster', entries: [], warnings: [], problems: [] };
const options = { marker: '<!-- kube-gitops:plan target=production -->', maxBytes: 65_000 };
const allowed = 'signatures by dev@example.com (SSH key SHA256:ZAn2e81Rs1H69uqKDfxMntBPMw4Yru4sxq3Gfq17jQI)';

describe('the plan comment on signed commits', () => {
  it('says the merge would be refused, naming the commit, its signer and what is allowed', () => {
    const markdown = renderPlanMarkdown(plan, {
      ...options,
      signatures: {
        policy,
        report: {
          head: HEAD,
          live: BASE,
          liveLabel: 'the base commit',
          allowed,
          verdicts: [
            {
              sha: HEAD,
              accepted: true,
              signer: 'dev@example.com (SSH key SHA256:ZAn2e81Rs1H69uqKDfxMntBPMw4Yru4sxq3Gfq17jQI)',
              reason: 'is signed by an allowed key',
            },
            { sha: MIDDLE, accepted: false, signer: 'unsigned', reason: 'is unsigned' },
          ],
        },
      },
    });
    matchesGolden('signed-commits-refused.md', markdown);
    assert.match(
      markdown,
      /\*\*This merge would be refused\*\* \(verify-commits: keys\):\n> - commit 9b8c7d6 \(between the base commit 1a2b3c4 and 3f2a9c1\) is unsigned \(signer: unsigned\)\. Allowed: signatures by dev@\u200bexample\.com/,
    );
  });

  it('says which commits pass, and that a web-UI merge is signed by web-flow (trusted or not)', () => {
    const report = {
      head: HEAD,
      liveLabel: 'the live commit',
      allowed,
      verdicts: [{ sha: HEAD, accepted: true, signer: 'dev@example.com (SSH key SHA256:x)', reason: 'is signed by an allowed key' }],
    };
    const untrusted = renderPlanMarkdown(plan, { ...options, signatures: { policy, report } });
    assert.match(
      untrusted,
      /> \[!NOTE\]\n> \*\*Signed commits\*\* \(verify-commits: keys\): commit 3f2a9c1 is signed by an allowed key \(signer: dev@\u200bexample\.com/,
    );
    assert.match(untrusted, /does not trust \(trust-github-web-flow: false\)/);
    assert.match(untrusted, /"Rebase and merge" in the web UI makes unsigned commits, which are refused\./);
    const trusted = renderPlanMarkdown(plan, { ...options, signatures: { policy: { ...policy, trustWebFlow: true }, report } });
    assert.match(trusted, /web-flow key, which this target trusts\./);
  });

  it('says when signatures could not be verified at all', () => {
    const markdown = renderPlanMarkdown(plan, {
      ...options,
      signatures: { policy, error: "Signed-commit verification needs 'gpg' on PATH, and it is not there." },
    });
    assert.match(markdown, /> \*\*Signed commits could not be verified\*\* \(verify-commits: keys\): Signed-commit verification needs 'gpg' on PATH/);
  });

  it('says nothing about signatures when verify-commits is off', () => {
    assert.doesNotMatch(renderPlanMarkdown(plan, options), /Signed commits|would be refused/);
  });
});
