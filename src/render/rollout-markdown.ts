// The plan comment's rollout notes: which workloads restart their pods, and which changed
// ConfigMaps and Secrets reach running pods only on a restart. Pure.
import { formatRef } from '../objects/object-ref.js';
import type { PlanEntry } from '../plan/plan.js';
import type { ConfigConsumer, ConfigImpact, RolloutImpact, WorkloadRollout } from '../plan/rollout-impact.js';
import { escapeCell, inlineCode } from './markdown-escape.js';
import { shownRef } from './shown-ref.js';

const code = (e: PlanEntry): string => inlineCode(formatRef(shownRef(e)));

function workloadLine(w: WorkloadRollout): string {
  return w.restarts ? `- 🔄 ${code(w.entry)} restarts its pods: ${w.why}.` : `- ⏸️ ${code(w.entry)} does not restart its pods: ${w.why}.`;
}

function consumerText(c: ConfigConsumer): string {
  return `${code(c.workload)} (${escapeCell(c.uses.join(', '))})`;
}

const HOW_TO_ROLL =
  'To roll them with it, put a checksum of it in a pod-template annotation (`checksum/config`, as Helm charts do), or generate it with a kustomize configMapGenerator/secretGenerator, whose name suffix changes with its content and so changes the pod template.';

function configLines(c: ConfigImpact): string[] {
  const stale = c.consumers.filter((x) => !x.restarts);
  const rolled = c.consumers.filter((x) => x.restarts);
  const out: string[] = [];
  if (stale.length > 0) {
    out.push(
      `- ⚠️ ${code(c.entry)} changes, but the pods of ${stale.map(consumerText).join(', ')} will **not** restart: they keep the old values until restarted (env and envFrom are read when a container starts; the kubelet updates mounted files after a delay, never through subPath, and the process must read them again). ${HOW_TO_ROLL}`,
    );
  }
  if (rolled.length > 0) out.push(`- ✅ ${code(c.entry)} changes, and ${rolled.map(consumerText).join(', ')} restart(s) with it.`);
  return out;
}

/** The section's lines (heading first), or none when no workload or config change touches pods. */
export function rolloutLines(impact: RolloutImpact): string[] {
  const items = [...impact.configs.flatMap(configLines), ...impact.workloads.map(workloadLine)];
  return items.length === 0 ? [] : ['#### Rollout impact', '', ...items];
}
