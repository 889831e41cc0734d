// Where one target of a fleet with rings stands: its ring, the rings that roll out before it (each
// with its targets and the GitHub environment their applies are recorded in), and how long those
// must have been healthy at a commit before this target applies it. Plain data, computed from the
// targets file when the settings are read (src/settings/ring-order.ts) and checked before any write
// (src/fleet/ring-gate.ts).

/** A target another waits for: its name and the environment its deployments are recorded in. */
export interface RingMember {
  target: string;
  environment: string;
}

export interface EarlierRing {
  /** The ring as the file writes it (`0`, `canary`). */
  ring: string;
  targets: readonly RingMember[];
}

export interface RingPosition {
  ring: string;
  /** The rings before this one, first to roll out first; empty for the first ring. */
  before: readonly EarlierRing[];
  /** How long every target of the rings before must have been healthy at the commit (0: no soak). */
  soakMs: number;
}
