// The plan's rollout notes: which workloads restart their pods, and which changed ConfigMaps and
// Secrets reach running pods only on a restart. Written once, for the comment (Markdown) and the
// terminal (plain). Pure.
import { formatRef } from '../objects/object-ref.js';
import type { PlanEntry } from '../model/plan.js';
import type { ConfigConsumer, ConfigImpact, RolloutImpact, WorkloadRollout } from '../plan/rollout-impact.js';
import { MARKDOWN, type TextFormat } from './text-format.js';

const ref = (e: PlanEntry, f: TextFormat): string => f.code(formatRef(e.ref));

/** A change the merge refuses today (a field another manager owns, force-conflicts false): its effects wait for that. */
const refused = (e: PlanEntry): boolean => e.conflicts.length > 0;
const ONCE_RESOLVED = ' (once its field conflict is resolved: until then the merge is refused)';

function workloadLine(w: WorkloadRollout, f: TextFormat): string {
  const when = refused(w.entry) ? ONCE_RESOLVED : '';
  return w.restarts
    ? `- ${f.icon('🔄')}${ref(w.entry, f)} restarts its pods${when}: ${f.message(w.why)}.`
    : `- ${f.icon('⏸️')}${ref(w.entry, f)} does not restart its pods${when}: ${f.message(w.why)}.`;
}

function consumerText(c: ConfigConsumer, f: TextFormat): string {
  return `${ref(c.workload, f)} (${f.text(c.uses.join(', '))})`;
}

const howToRoll = (f: TextFormat): string =>
  `To roll them with it, put a checksum of it in a pod-template annotation (${f.code('checksum/config')}, as Helm charts do), or generate it with a kustomize configMapGenerator/secretGenerator, whose name suffix changes with its content and so changes the pod template.`;

function configLines(c: ConfigImpact, f: TextFormat): string[] {
  const stale = c.consumers.filter((x) => !x.restarts);
  const rolled = c.consumers.filter((x) => x.restarts);
  const out: string[] = [];
  if (stale.length > 0) {
    out.push(
      `- ${f.icon('⚠️')}${ref(c.entry, f)} changes, but the pods of ${stale.map((x) => consumerText(x, f)).join(', ')} will ${f.strong('not')} restart: they keep the old values until restarted (env and envFrom are read when a container starts; the kubelet updates mounted files after a delay, never through subPath, and the process must read them again). ${howToRoll(f)}`,
    );
  }
  if (rolled.length > 0) {
    const icon = refused(c.entry) ? '⚠️' : '✅';
    const when = refused(c.entry) ? ONCE_RESOLVED : '';
    out.push(`- ${f.icon(icon)}${ref(c.entry, f)} changes${when}, and ${rolled.map((x) => consumerText(x, f)).join(', ')} restart(s) with it.`);
  }
  return out;
}

/** The notes, one bulleted line each: config changes first, then workloads. */
export function rolloutItems(impact: RolloutImpact, f: TextFormat): string[] {
  return [...impact.configs.flatMap((c) => configLines(c, f)), ...impact.workloads.map((w) => workloadLine(w, f))];
}

/** The comment's section (heading first), or none when no workload or config change touches pods. */
export function rolloutLines(impact: RolloutImpact): string[] {
  const items = rolloutItems(impact, MARKDOWN);
  return items.length === 0 ? [] : ['#### Rollout impact', '', ...items];
}
