// The resource delta across a fleet: each planned target's total (its plan file's
// `plan.resources`), and their sum, in the single plan's words (src/render/resource-lines.ts). A
// target without totals (a plan from Git alone, a kube-gitops before them) is named as not counted.
import type { AmountRange, ResourceAmounts, ResourceDelta } from '../model/resources.js';
import { NO_AMOUNTS } from '../model/resources.js';
import { amountsText, moneyText, resourceHeadline } from '../render/resource-lines.js';
import { MARKDOWN, PLAIN, type TextFormat } from '../render/text-format.js';
import type { Fleet } from './fleet-members.js';
import { count, named } from './fleet-verdict.js';

function add(a: ResourceAmounts, b: ResourceAmounts): ResourceAmounts {
  const out = { ...a };
  for (const k of Object.keys(out) as (keyof ResourceAmounts)[]) out[k] = a[k] + b[k];
  return out;
}

/** The planned targets' deltas, and the targets that planned without one. */
function deltas(fleet: Fleet): { counted: { target: string; delta: ResourceDelta }[]; without: string[] } {
  const counted: { target: string; delta: ResourceDelta }[] = [];
  const without: string[] = [];
  for (const m of fleet.members) {
    if (m.kind !== 'planned') continue;
    const delta = m.file.plan.resources;
    if (delta) counted.push({ target: m.target, delta });
    else without.push(m.target);
  }
  return { counted, without };
}

/** The fleet's one line: the sum over targets, the quotas any target exceeds, the summed estimate. */
function fleetLine(fleet: Fleet, f: TextFormat, name: (s: string) => string): string | undefined {
  const { counted, without } = deltas(fleet);
  if (counted.length === 0) return undefined;
  const total: AmountRange = counted.reduce((sum, c) => ({ low: add(sum.low, c.delta.total.low), high: add(sum.high, c.delta.total.high) }), {
    low: NO_AMOUNTS,
    high: NO_AMOUNTS,
  });
  const exceeding = counted.filter((c) => c.delta.quotas.some((q) => q.verdict === 'exceeds')).map((c) => c.target);
  const priced = counted.filter((c) => c.delta.monthly);
  const monthly = priced.reduce((sum, c) => ({ low: sum.low + (c.delta.monthly?.low ?? 0), high: sum.high + (c.delta.monthly?.high ?? 0) }), {
    low: 0,
    high: 0,
  });
  const money = priced.length ? ` · ${moneyText(monthly)}` : '';
  return [
    `${f.icon('📦')}${f.strong(`Resources across ${count(counted.length, 'target')}:`)} ${amountsText(total)}`,
    exceeding.length ? ` · ${f.icon('⚠️')}${f.strong(`a ResourceQuota would be exceeded in ${named(exceeding, name)}`)}` : '',
    money,
    without.length ? ` · not counted: ${named(without, name)} (no resource delta in ${without.length === 1 ? 'its' : 'their'} plan file)` : '',
    '.',
  ].join('');
}

/** The comment's line under the verdict, when a target has a resource delta. */
export function fleetResourceLines(fleet: Fleet): string[] {
  const line = fleetLine(fleet, MARKDOWN, MARKDOWN.code);
  return line ? [line] : [];
}

/** The terminal's line. */
export function fleetResourceTerminal(fleet: Fleet): string[] {
  const line = fleetLine(fleet, PLAIN, PLAIN.code);
  return line ? [line, ''] : [];
}

/** A target's line in its block: its own headline. */
export function targetResourceLines(delta: ResourceDelta | undefined): string[] {
  return delta ? [resourceHeadline(delta, MARKDOWN), ''] : [];
}
