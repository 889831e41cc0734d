// A surface is one place a run's report is shown: the plan file, the step outputs, the job summary,
// the pull request comment, the merged pull request's report, the drift issue, the run's log. Each
// is one module rendering the report (src/run/run-report.ts); which surfaces a mode publishes, in
// which order, is the table in mode-surfaces.ts.
import type { RunReport } from '../../run/run-report.js';
import type { WriteGate } from '../../run/write-gates.js';
import type { Settings } from '../../settings/settings.js';
import type { GitHubEvent } from '../github-event.js';
import type { ModeDeps } from '../mode-deps.js';

/** An apply's GitHub Deployment (deployment-status.ts): started by its gate, ended by its surface or, when the apply throws, by the apply mode. */
export interface DeploymentRecorder {
  /** The last write gate: sets `in_progress` once (it runs again after a re-plan under the lease). */
  gate: WriteGate;
  /** Ends a started record with `state` (`inactive`: its change went out with a newer live commit); nothing when it never started. */
  finish(state: 'success' | 'failure' | 'inactive', description: string): Promise<void>;
}

/** What every surface may read besides the report. */
export interface SurfaceContext {
  settings: Settings;
  event: GitHubEvent;
  deps: ModeDeps;
  /** The apply mode's deployment recorder, when the run can record one. */
  deployment?: DeploymentRecorder;
}

/** Shows the report (or nothing, for a kind of report it does not show). */
export type Surface = (report: RunReport, context: SurfaceContext) => void | Promise<void>;
