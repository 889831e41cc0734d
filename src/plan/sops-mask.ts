// The plan's view of an object from a SOPS file, whatever its kind: every value of the fields it
// had encrypted becomes a marker saying whether it changed, as a Secret's data does; a value that
// could not be decrypted here reads "(encrypted: cannot be decrypted here)".
import { isSecret } from './mask-secrets.js';
import type { Plan, PlanEntry } from '../model/plan.js';
import { isJsonObject, type JsonValue, type KubeObject } from '../objects/kube-object.js';
import { ENCRYPTED_MARKER, isUndecrypted, sopsFields } from '../model/sops-marks.js';
import { Inputs } from '../model/inputs-outputs.js';

type Side = 'before' | 'after';

/** Whether either side of an entry came from a SOPS file. */
export function isSopsEntry(e: Pick<PlanEntry, 'before' | 'after'>): boolean {
  return sopsFields(e.before).length > 0 || sopsFields(e.after).length > 0;
}

/** Both sides with the values of every encrypted field (a Secret's data and stringData always) replaced by markers. */
export function maskSopsPair(before: KubeObject | undefined, after: KubeObject | undefined): [KubeObject | undefined, KubeObject | undefined] {
  const fields = new Set([...sopsFields(before), ...sopsFields(after), ...(isSecret(before) || isSecret(after) ? ['data', 'stringData'] : [])]);
  const mask = (self: KubeObject | undefined, other: KubeObject | undefined, side: Side): KubeObject | undefined => {
    if (!self) return undefined;
    const out: KubeObject = { ...self };
    for (const f of fields) {
      const value = self[f];
      if (value !== undefined) out[f] = markLeaves(value, other?.[f], { side, undecrypted: isUndecrypted(self), otherUndecrypted: isUndecrypted(other) });
    }
    return out;
  };
  return [mask(before, after, 'before'), mask(after, before, 'after')];
}

interface LeafContext {
  side: Side;
  undecrypted: boolean;
  otherUndecrypted: boolean;
}

function markLeaves(value: JsonValue, other: JsonValue | undefined, ctx: LeafContext): JsonValue {
  if (Array.isArray(value)) return value.map((v, i) => markLeaves(v, Array.isArray(other) ? other[i] : undefined, ctx));
  if (isJsonObject(value)) {
    const out: Record<string, JsonValue> = {};
    for (const [k, v] of Object.entries(value)) out[k] = markLeaves(v, isJsonObject(other) ? other[k] : undefined, ctx);
    return out;
  }
  return leafMarker(value, other, ctx);
}

function leafMarker(value: JsonValue, other: JsonValue | undefined, ctx: LeafContext): string {
  if (ctx.undecrypted) return ENCRYPTED_MARKER;
  if (ctx.otherUndecrypted) return '(value hidden)';
  if (other === undefined) return `(value hidden, ${ctx.side === 'after' ? 'added' : 'removed'})`;
  if (JSON.stringify(other) === JSON.stringify(value)) return '(value hidden, unchanged)';
  return `(value hidden, ${ctx.side === 'after' ? 'changed' : 'before change'})`;
}

/** Notes on each entry that could not be decrypted, and one warning for the plan. */
export function noteUndecrypted(plan: Plan): void {
  const undecrypted = plan.entries.filter((e) => isUndecrypted(e.after));
  if (undecrypted.length === 0) return;
  const against = plan.basis === 'git' ? 'the ciphertext at the base commit' : 'the ciphertext recorded on the live object';
  for (const e of undecrypted) {
    e.notes.push(
      `encrypted: cannot be decrypted here (SOPS, no key): its values are not shown, and changed or unchanged compares its ciphertext with ${against}.`,
    );
  }
  plan.warnings.push(
    `${undecrypted.length} object(s) from SOPS-encrypted files cannot be decrypted here (no '${Inputs.SopsAgeKey}'; pull requests from forks get no secrets): they are shown as encrypted and not validated by the cluster. A merge decrypts them with '${Inputs.SopsAgeKey}', and refuses to apply without it.`,
  );
}
