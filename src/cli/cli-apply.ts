// `kube-gitops apply`: load → plan → show it → confirm (a terminal asks; without one, --yes is
// required) → apply, prune, wait → report. Ctrl-C stops starting new writes, reports what was
// applied, and never prunes.
import os from 'node:os';
import type { Plan } from '../model/plan.js';
import { hasChanges } from '../model/plan.js';
import { ApplyRefusedError } from '../model/apply-refused.js';
import { runApply } from '../run/apply-run.js';
import { applySettingsOf } from '../run/engine-settings.js';
import { verbDeps } from '../run/engine.js';
import { confirmationGate, signaturesSinceLiveGate } from '../run/write-gates.js';
import { liveCapabilities } from '../run/live-capabilities.js';
import { loadWithReadsReported } from '../run/load-stage.js';
import { diffsOf, type ParsedCommandLine } from './cli-flags.js';
import type { CliIo } from './cli-io.js';
import type { SecretRedactor } from '../redaction/secret-redactor.js';
import { startRun, type CliRun } from './cli-run.js';
import { compareLocalCommits } from './local-git.js';
import { cliGate } from './cli-signing.js';
import { renderPlanFor, showOnTerminal } from './terminal-surface.js';
import { changeSummary } from '../render/counts-line.js';

export async function cliApply(line: ParsedCommandLine, io: CliIo, redactor: SecretRedactor): Promise<number> {
  const yes = line.flags.has('yes') && line.flags.get('yes') !== 'false';
  const diffs = diffsOf(line);
  const run = await startRun(line, io, redactor);
  try {
    const gate = cliGate(run, io);
    await gate?.beforeLoad();
    const { engine } = run;
    const { objects: desired, reads } = await loadWithReadsReported(
      run.settings,
      engine.logger,
      engine.redactor,
      liveCapabilities(engine.makeClient, engine.logger),
    );
    await gate?.afterLoad(reads);
    const report = await runApply(desired, applySettingsOf(run.settings, run.commit), {
      ...verbDeps(engine),
      compareCommits: (base, head) => compareLocalCommits(run.settings.workspace, base, head),
      gates: [...(gate ? [signaturesSinceLiveGate(gate)] : []), confirmationGate((plan) => confirm(plan, run, io, yes, diffs))],
      lease: { holder: cliHolder() },
    });
    return showOnTerminal({ kind: 'apply', apply: report }, io, engine, { output: 'terminal', exitCode: false });
  } finally {
    await run.close();
  }
}

/** Who holds the lease, as another run is told: the user and host of this terminal. */
export function cliHolder(): string {
  let user = 'someone';
  try {
    user = os.userInfo().username;
  } catch {
    // No passwd entry for this uid (some containers): the host still tells where.
  }
  return `${user}@${os.hostname()} (kube-gitops CLI, pid ${process.pid})`;
}

export async function confirm(plan: Plan, run: Pick<CliRun, 'engine' | 'settings'>, io: CliIo, yes: boolean, diffs: 'all' | 'auto'): Promise<boolean> {
  io.stdout(run.engine.redactor.redactString(renderPlanFor(plan, 'terminal', io.color, diffs)));
  if (!hasChanges(plan) || yes) return true;
  if (!io.interactive)
    throw new ApplyRefusedError('Nothing was applied: stdin is not a terminal, so nobody can confirm. Pass --yes to apply without asking.', { plan });
  const answer = await io.ask(`Apply ${changeSummary(plan)} to ${run.settings.target}? Only 'yes' applies: `);
  return answer.trim() === 'yes';
}
