// The plan's Helm summary, from the rendered objects: the helm version, the Capabilities, and each
// object whose chart renders some field differently every time (randAlphaNum, genCA, now). Such an
// object is told as a warning and a note on its entry, so reviewers know that the change it shows
// on every run is not a real one and how to end it. Only paths are named, never values; names are
// shown as the masked plan shows them.
import type { ChartRendering, DesiredObject } from '../objects/desired-object.js';
import { formatRef, refKey, refOf } from '../objects/object-ref.js';
import { formatLocation } from '../problems/problem.js';
import type { SecretRedactor } from '../redaction/secret-redactor.js';
import type { HelmRendering, Plan, PlanEntry } from './plan.js';

/** Sets plan.helm and adds the non-determinism warnings and notes; call it on the masked plan. `base`: a git plan's base. */
export function noteHelmRendering(plan: Plan, head: readonly DesiredObject[], redactor: SecretRedactor, base?: readonly DesiredObject[]): void {
  const charted = head.filter((d) => d.chart);
  const first = charted[0]?.chart ?? base?.find((d) => d.chart)?.chart;
  if (!first) return;
  const byKey = new Map(plan.entries.map((e) => [refKey(e.ref), e] as const));
  const nonDeterministic: HelmRendering['nonDeterministic'] = [];
  for (const d of charted) {
    const paths = d.chart?.nonDeterministic ?? [];
    if (paths.length === 0) continue;
    const entry = byKey.get(refKey(refOf(d.object)));
    const object = redactor.redactString(formatRef(entry ? shown(entry) : refOf(d.object)));
    const source = redactor.redactString(formatLocation(d.source));
    nonDeterministic.push({ object, source, paths });
    const fields = paths.map((p) => `\`${p}\``).join(', ');
    plan.warnings.push(
      `${object} (${source}): ${fields} ${paths.length === 1 ? 'is' : 'are'} rendered differently every time (randAlphaNum, genCA, now…), so it shows as changed on every run; set ${paths.length === 1 ? 'it' : 'them'} in the HelmChart's values to keep ${paths.length === 1 ? 'it' : 'them'} stable`,
    );
    entry?.notes.push(
      `Non-deterministic: the chart renders ${fields} anew every time; this part of the change is not a real one. Set it in the HelmChart's values.`,
    );
  }
  const baseChart = base?.find((d) => d.chart)?.chart;
  plan.helm = {
    helmVersion: first.helmVersion,
    capabilities: describeCapabilities(first),
    ...(baseChart && charted.length > 0 ? { sameCapabilitiesForBase: JSON.stringify(baseChart.capabilities) === JSON.stringify(first.capabilities) } : {}),
    nonDeterministic,
  };
}

function describeCapabilities(c: ChartRendering): string {
  if (!c.capabilities) return "helm's built-in Capabilities";
  return `the live cluster's Capabilities (Kubernetes ${c.capabilities.kubeVersion}, ${c.capabilities.apiVersions.length} API versions)`;
}

function shown(e: PlanEntry): ReturnType<typeof refOf> {
  return e.display ? { ...e.ref, ...e.display } : e.ref;
}
