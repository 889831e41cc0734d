// When the targets file itself changes, which targets it changes: each target's resolved settings
// (its entry with the defaults applied, as its pipeline would read them) at the head are compared
// with the same target's at the base. A target the base did not have is new; one whose settings
// differ in any field (paths, namespace, environment, kubeconfig-secret, ring, …) is changed.
// Settings are compared by digest only: none of their values (a key, a kubeconfig) is shown.
import { jsonDigest } from '../objects/json-digest.js';
import type { JsonValue } from '../objects/kube-object.js';
import { splitSettings } from '../settings/settings.js';
import type { FleetTarget } from './fleet-target.js';

/** The targets the targets file declared at the pull request's base; rejects when that version cannot be read or parsed. */
export type BaseTargets = () => Promise<readonly FleetTarget[]>;

/** Why each head target whose entry changed is planned, by target name; targets whose entry is the same are absent. */
export function changedEntries(head: readonly FleetTarget[], base: readonly FleetTarget[], targetsFile: string): Map<string, string> {
  const before = new Map(base.map((t) => [t.name, digestOf(t)]));
  const out = new Map<string, string>();
  for (const t of head) {
    const was = before.get(t.name);
    if (was === undefined) out.set(t.name, `it is new in \`${targetsFile}\``);
    else if (was !== digestOf(t)) out.set(t.name, `its settings in \`${targetsFile}\` changed (its entry or the defaults)`);
  }
  return out;
}

function digestOf(t: FleetTarget): string {
  const [own] = splitSettings(t.settings).targets;
  const compared = { name: t.name, settings: own ?? {}, kubeconfigSecret: t.kubeconfigSecret ?? null, ring: t.ring ?? null };
  // Settings hold strings, numbers, booleans and lists of them; JSON drops the fields left undefined.
  return jsonDigest(JSON.parse(JSON.stringify(compared)) as JsonValue);
}
