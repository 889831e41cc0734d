// `kube-gitops plan`: the plan pipeline (src/run/plan-run.ts, live only; in a git checkout the drift
// check's, src/run/drift-run.ts) as one report, shown on the terminal (terminal-surface.ts). Never
// writes to the cluster.
import { ConfigurationError } from '../model/errors.js';
import { localCheckoutCommit } from '../git/commit-checkout.js';
import type { SecretRedactor } from '../redaction/secret-redactor.js';
import { runDriftCheck } from '../run/drift-run.js';
import { progressOf, type Engine } from '../run/engine.js';
import { runPlan } from '../run/plan-run.js';
import type { RunReport } from '../run/run-report.js';
import { diffsOf, flagOn, type ParsedCommandLine } from './cli-flags.js';
import type { CliIo } from './cli-io.js';
import { startRun } from './cli-run.js';
import { PLAN_OUTPUTS, showOnTerminal, type PlanOutput } from './terminal-surface.js';

export async function cliPlan(line: ParsedCommandLine, io: CliIo, redactor: SecretRedactor): Promise<number> {
  const output = outputOf(line);
  const run = await startRun(line, io, redactor);
  try {
    const { engine } = run;
    const report = await planReport(engine, run.commit, run.dirty);
    return showOnTerminal(report, io, engine, {
      output,
      exitCode: flagOn(line, 'exit-code'),
      diffs: diffsOf(line),
    });
  } finally {
    await run.close();
  }
}

/**
 * One target's plan as `plan` makes it. Live only: without a kubeconfig the client names what to
 * pass; an unreachable cluster is an error. In a git checkout, drift is told apart as a scheduled
 * drift check does: against the manifests of the commit the ApplySet records as live.
 */
export async function planReport(engine: Engine, commit: string, uncommitted: boolean): Promise<RunReport> {
  const deps = { logger: engine.logger, redactor: engine.redactor, makeClient: engine.makeClient, ...progressOf(engine) };
  return commit
    ? { kind: 'drift', drift: await runDriftCheck(engine.settings, commit, { ...deps, checkout: localCheckoutCommit, uncommitted }) }
    : { kind: 'plan', ...(await runPlan(engine.settings, commit, deps)) };
}

export function outputOf(line: ParsedCommandLine): PlanOutput {
  const value = line.flags.get('output') ?? 'terminal';
  const known = PLAN_OUTPUTS.find((o) => o === value);
  if (!known) throw new ConfigurationError(`--output must be terminal, markdown or json; got '${value}'.`);
  return known;
}
