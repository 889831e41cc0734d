// `kube-gitops plan`: load → plan (server-side dry-run) → print for a terminal, as the PR comment
// (markdown) or as the plan file (json). Never writes to the cluster.
import { ConfigurationError } from '../errors.js';
import { stickyMarker } from '../github/sticky-comment.js';
import { hasChanges, type Plan } from '../plan/plan.js';
import { planChanges } from '../plan/planner.js';
import { renderPlanJson, renderPlanMarkdown } from '../render/plan-markdown.js';
import { renderPlanTerminal } from '../render/plan-terminal.js';
import { applySettingsOf } from '../run/engine-settings.js';
import type { ParsedCommandLine } from './cli-flags.js';
import type { CliIo } from './cli-io.js';
import { startRun } from './cli-run.js';

/** What the Action posts as a comment stays under GitHub's limit; `--output markdown` prints the same. */
const COMMENT_MAX_BYTES = 65_000;
const OUTPUTS = ['terminal', 'markdown', 'json'] as const;
type Output = (typeof OUTPUTS)[number];

export async function cliPlan(line: ParsedCommandLine, io: CliIo): Promise<number> {
  const output = outputOf(line);
  const run = await startRun(line, io);
  try {
    const { plan } = await planChanges(run.desired, run.client, applySettingsOf(run.settings, run.commit), run.logger, run.redactor);
    io.stdout(run.redactor.redactString(render(plan, output, io.color)));
    if (plan.problems.length > 0) {
      for (const p of plan.problems) run.logger.error(p.message, p.source);
      return 1;
    }
    return line.flags.has('exit-code') && line.flags.get('exit-code') !== 'false' && hasChanges(plan) ? 2 : 0;
  } finally {
    await run.client.close();
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
    case 'terminal': return renderPlanTerminal(plan, { color });
    case 'markdown': return renderPlanMarkdown(plan, { marker: stickyMarker('plan', plan.target), maxBytes: COMMENT_MAX_BYTES });
    case 'json': return renderPlanJson(plan);
  }
}
