// One target of a fleet as the selection reads it: its name, the settings its pipeline would run
// with (the run's and its entry's, defaults applied), and what the matrix carries for its job.
import type { Settings } from '../settings/settings.js';

export interface FleetTarget {
  /** The target's name in the targets file (the matrix's `target`). */
  name: string;
  /** What the target's pipeline reads: `paths`, `exclude`, `namespace`, `sopsAgeKey`, `environment`, `workspace`, … */
  settings: Settings;
  /** The name of the secret holding the target's kubeconfig (the matrix's `kubeconfig-secret`), when its entry sets one. */
  kubeconfigSecret?: string;
  /** The target's ring (the matrix's `ring`), when its entry sets one. */
  ring?: string | number;
}
