// The identity reports show: always the entry's own ref. Identities are public (see
// src/redaction/public-text.ts), so masking no longer sets `PlanEntry.display`; this remains
// only for callers outside the renderers (src/review, src/plan/helm-rendering.ts) until
// `display` and `ShownIdentity` are removed from src/plan/plan.ts.
import type { ObjectRef } from '../objects/object-ref.js';
import type { PlanEntry } from '../plan/plan.js';

export function shownRef(e: Pick<PlanEntry, 'ref'>): ObjectRef {
  return e.ref;
}
