// What to do after a run that did not succeed, chosen by what failed (the typed cause of each failed
// write, hooks, health, the prune), never by message text: a field conflict or an invalid object is
// not fixed by a revert, so only a rollout that is not healthy or a hook that did not complete offers
// `git revert`. Pure; names from the cluster or the manifests are data (inline code), never markup.
import type { FailureCause } from '../apply/failure-cause.js';
import type { HookResult } from '../apply/hook-runner.js';
import { refKey, type ObjectRef } from '../objects/object-ref.js';
import { inlineCode } from '../text/markdown-escape.js';
import type { ApplyTally } from './apply-outcome.js';
import type { ReportSection } from './report-sections.js';

/** What the advice reads: the tally, the hooks, and whether a prune failed. */
export interface AdviceInput {
  tally: ApplyTally;
  hooks: readonly HookResult[];
  pruneFailed: boolean;
  commit: string;
}

const CAUSE_ADVICE: Record<Exclude<FailureCause, 'hook' | 'interrupted'>, string> = {
  conflict:
    '**Field conflict**: another field manager owns fields these manifests set (the error names them). A revert does not help: the other manager keeps its fields. Set `force-conflicts: true` to take them over, or undo that change in the cluster, then re-run this workflow.',
  invalid:
    '**Invalid**: the API server or an admission webhook refused the object (the error says why). Fix the manifest in a new pull request; what was applied stays, and the next run applies the rest.',
  forbidden:
    "**Forbidden**: the run's identity may not write the object, or an admission policy refused it (the error says which). Grant the permission, or fix the manifest in a new pull request.",
  'not-established':
    '**Definition not established**: a CustomResourceDefinition did not become Established in time; its conditions say why. Fix it in a new pull request, or re-run this workflow if the cluster was slow.',
  other: '**Error**: the error above stopped the apply (the connection, a kind the cluster does not serve). Fix its cause, then re-run this workflow.',
};

const INTERRUPTED = '**Interrupted**: the run was stopped before it finished; re-run this workflow to apply the rest.';
const UNHEALTHY =
  '**Not healthy**: the state and latest events above say why (an image that cannot be pulled, too little CPU, a failing probe). Fix it in a new commit, or roll back (below).';
const PRUNE_FAILED = '**Prune failed**: those objects are still in the cluster; their errors say why. Fix the cause, then re-run this workflow.';

/** `kubectl logs` for a hook (a Job or a Pod). */
function logsCommand(ref: ObjectRef): string {
  return inlineCode(`kubectl logs ${ref.namespace ? `-n ${ref.namespace} ` : ''}${ref.kind.toLowerCase()}/${ref.name}`);
}

function hookAdvice(h: HookResult): string {
  return `**Hook did not complete**: read its logs (${logsCommand(h.ref)}) and the events above; fix it in a new commit, or roll back (below).`;
}

/** One line per kind of failure the run had, in the order they matter; empty after a success. */
export function adviceLines(input: AdviceInput): string[] {
  const { tally } = input;
  if (tally.kind === 'applied') return [];
  const causes = new Set(tally.failed.map((f) => f.cause));
  const lines: string[] = [];
  for (const cause of ['conflict', 'invalid', 'forbidden', 'not-established', 'other'] as const) if (causes.has(cause)) lines.push(CAUSE_ADVICE[cause]);
  lines.push(...input.hooks.filter((h) => h.state === 'failed').map(hookAdvice));
  const hookRefs = new Set(input.hooks.map((h) => refKey(h.ref)));
  if (tally.unhealthy.some((h) => !hookRefs.has(refKey(h.ref)))) lines.push(UNHEALTHY);
  if (input.pruneFailed) lines.push(PRUNE_FAILED);
  if (tally.kind === 'interrupted') lines.push(INTERRUPTED);
  return lines;
}

/** A revert rolls back only a rollout: an unhealthy object or a hook that did not complete. */
export function revertHelps(input: AdviceInput): boolean {
  return input.tally.kind !== 'applied' && (input.tally.unhealthy.length > 0 || input.hooks.some((h) => h.state === 'failed'));
}

export function adviceSection(input: AdviceInput): ReportSection {
  const lines = adviceLines(input);
  if (lines.length === 0) return { head: [], rows: [] };
  const revert = revertHelps(input)
    ? [
        'To roll back, revert the commit and push the revert to the default branch; the next run restores the previous state:',
        '',
        '```sh',
        `git revert ${input.commit}`,
        '```',
        '',
      ]
    : [];
  return { head: ['### What to do', '', ...lines.map((l) => `- ${l}`), '', ...revert], rows: [] };
}
