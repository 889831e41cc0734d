// The apply report for the job summary and the merged pull request: pure, from plain data.
import type { HealthResult } from '../apply/health-wait.js';
import type { AppliedObject, FailedObject } from '../apply/applier.js';
import type { PruneOutcome } from '../apply/pruner.js';
import { formatRef, type ObjectRef } from '../objects/object-ref.js';
import { countActions, type PlanEntry } from '../plan/plan.js';
import { shownRefs } from '../render/shown-ref.js';

export interface ApplyReportView {
  marker: string;
  target: string;
  commit: string;
  previousCommit?: string;
  entries: readonly PlanEntry[];
  applied: readonly AppliedObject[];
  failed: readonly FailedObject[];
  prune?: PruneOutcome;
  health: readonly HealthResult[];
  durationsMs: { plan: number; apply: number; prune: number; wait: number };
  succeeded: boolean;
  runUrl?: string;
}

function cell(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r?\n/g, '<br>');
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

/** An object as inline code, shown as the plan decided (`(name hidden)` where the name would reveal a value). */
function codeFor(shown: (ref: ObjectRef) => ObjectRef): (ref: ObjectRef) => string {
  return (ref) => `\`${formatRef(shown(ref)).replace(/`/g, "'")}\``;
}

export function renderApplyMarkdown(view: ApplyReportView): string {
  const code = codeFor(shownRefs(view.entries));
  const short = view.commit.slice(0, 7);
  const c = countActions(view.entries);
  const deleted = view.prune?.deleted.length ?? 0;
  const out: string[] = [view.marker];
  out.push(view.succeeded
    ? `## ✅ kube-gitops applied \`${short}\` to **${cell(view.target)}**`
    : `## ❌ kube-gitops failed to apply \`${short}\` to **${cell(view.target)}**`);
  out.push('');
  out.push(`${c.create} created, ${c.update} updated, ${c.replace} replaced, ${deleted} deleted, ${c.unchanged} unchanged` +
    `${c.retain > 0 ? `, ${c.retain} left in place` : ''} · plan ${seconds(view.durationsMs.plan)} · apply ${seconds(view.durationsMs.apply)}` +
    ` · prune ${seconds(view.durationsMs.prune)} · wait ${seconds(view.durationsMs.wait)}`);
  if (view.previousCommit && view.previousCommit !== view.commit) out.push('', `Previously live: \`${view.previousCommit.slice(0, 7)}\`.`);
  if (view.runUrl) out.push('', `[Workflow run](${view.runUrl})`);

  if (view.failed.length > 0) {
    out.push('', '### Apply failed — nothing was pruned', '', '| object | error |', '| --- | --- |');
    for (const f of view.failed) out.push(`| ${code(f.ref)} | ${cell(f.message)} |`);
  }
  const unhealthy = view.health.filter((h) => h.state !== 'healthy');
  if (unhealthy.length > 0) {
    out.push('', '### Not healthy', '', '| object | state | why | latest events |', '| --- | --- | --- | --- |');
    for (const h of unhealthy) out.push(`| ${code(h.ref)} | ${h.state} | ${cell(h.message)} | ${cell(h.events.join('\n'))} |`);
  }
  if (view.prune && view.prune.failed.length > 0) {
    out.push('', '### Prune failed', '', '| object | error |', '| --- | --- |');
    for (const f of view.prune.failed) out.push(`| ${code(f.ref)} | ${cell(f.message)} |`);
  }
  if (!view.succeeded) {
    out.push('', `To roll back, revert the commit and push the revert to the default branch; the next run restores the previous state:`, '', '```sh', `git revert ${view.commit}`, '```');
  }
  const health = new Map(view.health.map((h) => [formatRef(h.ref), h]));
  if (view.applied.length > 0) {
    out.push('', '<details><summary>Applied</summary>', '', '| action | object | health |', '| --- | --- | --- |');
    for (const a of view.applied) {
      const h = health.get(formatRef(a.ref));
      out.push(`| ${a.action} | ${code(a.ref)} | ${h ? `${h.state}${h.state === 'healthy' ? ` in ${seconds(h.durationMs)}` : ''}` : 'not waited for'} |`);
    }
    out.push('', '</details>');
  }
  if (view.prune && view.prune.deleted.length > 0) {
    out.push('', '<details><summary>Pruned</summary>', '');
    for (const r of view.prune.deleted) out.push(`- ${code(r)}`);
    out.push('', '</details>');
  }
  if (view.prune && view.prune.retained.length > 0) {
    out.push('', '<details><summary>Left in place</summary>', '');
    for (const r of view.prune.retained) out.push(`- ${code(r.ref)}: ${cell(r.reason)}`);
    out.push('', '</details>');
  }
  return `${out.join('\n')}\n`;
}
