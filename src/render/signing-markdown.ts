// The plan comment's word on signed commits: would this merge be refused, which commit, its signer,
// what is allowed; and what a merge made in the web UI would be signed with. Pure.
import { isRefused } from '../signing/commit-verification.js';
import type { SignatureCheck } from '../signing/pull-request-check.js';
import { refusalReasons, verdictText } from '../signing/signature-refusal.js';
import { escapeMessage } from '../text/markdown-escape.js';

export function signatureBlock(check: SignatureCheck | undefined): string[] {
  if (!check) return [];
  const mode = `(verify-commits: ${check.policy.mode})`;
  const webUi = `> ${webUiNote(check.policy.trustWebFlow)}`;
  if ('error' in check) return ['> [!CAUTION]', `> **Signed commits could not be verified** ${mode}: ${escapeMessage(check.error)}`, webUi, ''];
  const { report } = check;
  if (isRefused(report)) {
    const reasons = refusalReasons(report).map((reason) => `> - ${escapeMessage(reason)}`);
    return ['> [!CAUTION]', `> **This merge would be refused** ${mode}:`, ...reasons, '>', webUi, ''];
  }
  const accepted = report.verdicts.map((v) => escapeMessage(verdictText(report, v)));
  return ['> [!NOTE]', `> **Signed commits** ${mode}: ${accepted.join('; ')}.`, webUi, ''];
}

function webUiNote(trustWebFlow: boolean): string {
  const rebase = '"Rebase and merge" in the web UI makes unsigned commits, which are refused.';
  return trustWebFlow
    ? `A merge commit or squash made in the web UI is signed by GitHub's web-flow key, which this target trusts. ${rebase}`
    : `A merge commit or squash made in the web UI is signed by GitHub's web-flow key, which this target does not trust (trust-github-web-flow: false): merge by pushing the signed commits instead. ${rebase}`;
}
