// `kube-gitops plan`: the plan pipeline (src/run/plan-run.ts, live only; in a git checkout the drift
// check's, src/run/drift-run.ts) → print for a terminal, as the PR comment (markdown) or as the plan
// file (json). Never writes to the cluster.
import { ConfigurationError } from '../model/errors.js';
import { stickyMarker } from '../github/sticky-comment.js';
import { countDrifted, hasChanges, type Plan } from '../model/plan.js';
import { renderPlanJson, renderPlanMarkdown } from '../render/plan-markdown.js';
import { renderPlanTerminal } from '../render/plan-terminal.js';
import { runPlan } from '../run/plan-run.js';
import { runDriftCheck } from '../run/drift-run.js';
import { localCheckoutCommit } from '../git/commit-checkout.js';
import { scheduledWording } from '../render/drift-markdown.js';
import type { ParsedCommandLine } from './cli-flags.js';
import type { CliIo } from './cli-io.js';
import type { SecretRedactor } from '../redaction/secret-redactor.js';
import { startRun } from './cli-run.js';
import { progressOf } from '../run/engine.js';

/** What the Action posts as a comment stays under GitHub's limit; `--output markdown` prints the same. */
const COMMENT_MAX_BYTES = 65_000;
const OUTPUTS = ['terminal', 'markdown', 'json'] as const;
type Output = (typeof OUTPUTS)[number];

export async function cliPlan(line: ParsedCommandLine, io: CliIo, redactor: SecretRedactor): Promise<number> {
  const output = outputOf(line);
  const run = await startRun(line, io, redactor);
  try {
    // Live only: without a kubeconfig the client names what to pass; an unreachable cluster is an error.
    // In a git checkout, drift is told apart as a scheduled drift check does: against the manifests of
    // the commit the ApplySet records as live.
    const { engine } = run;
    const deps = { logger: engine.logger, redactor: engine.redactor, makeClient: engine.makeClient, ...progressOf(engine) };
    const { plan, loadError } = run.commit
      ? await runDriftCheck(run.settings, run.commit, { ...deps, checkout: localCheckoutCommit, uncommitted: run.dirty })
      : await runPlan(run.settings, run.commit, deps);
    if (loadError) throw loadError;
    io.stdout(engine.redactor.redactString(render(plan, output, io.color)));
    if (plan.problems.length > 0) {
      for (const p of plan.problems) engine.logger.error(p.message, p.source);
      return 1;
    }
    return line.flags.has('exit-code') && line.flags.get('exit-code') !== 'false' && hasChanges(plan) ? 2 : 0;
  } finally {
    await run.close();
  }
}

function outputOf(line: ParsedCommandLine): Output {
  const value = line.flags.get('output') ?? 'terminal';
  const known = OUTPUTS.find((o) => o === value);
  if (!known) throw new ConfigurationError(`--output must be terminal, markdown or json; got '${value}'.`);
  return known;
}

export function render(plan: Plan, output: Output, color: boolean): string {
  switch (output) {
    case 'terminal':
      return renderPlanTerminal(plan, { color });
    case 'markdown':
      return renderPlanMarkdown(plan, {
        marker: stickyMarker('plan', plan.target),
        maxBytes: COMMENT_MAX_BYTES,
        // Drift here is against the live commit, as a drift check words it (not a pull request's base).
        ...(countDrifted(plan.entries) > 0 ? { drift: scheduledWording(plan.liveCommit) } : {}),
      });
    case 'json':
      return renderPlanJson(plan);
  }
}
