// `kube-gitops plan --all`: every target of the targets file from one terminal. Each target's
// settings are its entry's (the flags given over them, as with --target), its cluster the ONE
// kubeconfig of the terminal with the entry's `context`; each is planned through `plan`'s own
// pipeline with its own engine (src/assembly/assemble-run.ts), --parallel at once (default 4). Then
// the fleet's grouped view (src/fleet/fleet-terminal.ts: each distinct change once, naming its
// targets), the fleet comment (-o markdown) or every target's plan file (-o json, a list). A target
// that cannot be planned is "not planned: why" while the others plan. Exit codes as `plan`'s: 1 when
// any target failed or was not planned, else 2 for changes with --exit-code, else 0.
import { assembleRunConfig } from '../assembly/assemble-run.js';
import { renderFleetMarkdown } from '../fleet/fleet-markdown.js';
import { fleetFailures, fleetMembers, type Fleet } from '../fleet/fleet-members.js';
import { renderFleetTerminal } from '../fleet/fleet-terminal.js';
import type { PlanFile, UnreadablePlanFile } from '../fleet/plan-file-read.js';
import { mapLimit } from '../concurrency/map-limit.js';
import { ConfigurationError, getErrorMessage } from '../model/errors.js';
import { Inputs } from '../model/inputs-outputs.js';
import { hasChanges } from '../model/plan.js';
import type { SecretRedactor } from '../redaction/secret-redactor.js';
import { readFleetTargets } from '../settings/fleet-targets.js';
import { splitSettings, type RunConfig, type Settings } from '../settings/settings.js';
import { flagOn, parallelOf, type ParsedCommandLine } from './cli-flags.js';
import type { CliIo } from './cli-io.js';
import { outputOf } from './cli-plan.js';
import { NO_KUBECONFIG } from './cli-run.js';
import { cliSettings } from './cli-settings.js';
import { progressLines } from './progress-lines.js';
import { StderrLogger } from './stderr-logger.js';
import { targetPlanFile, type TargetPlanFile } from './target-plan-file.js';
import { COMMENT_MAX_BYTES } from './terminal-surface.js';

export async function cliPlanAll(line: ParsedCommandLine, io: CliIo, redactor: SecretRedactor): Promise<number> {
  refuseBesideAll(line);
  const output = outputOf(line);
  const parallel = parallelOf(line);
  const config = fleetConfig(line, io);
  const run = assembleRunConfig(config, redactor, {
    logger: new StderrLogger(io.stderr, io.env.KUBE_GITOPS_DEBUG === 'true'),
    env: io.env,
    noKubeconfig: NO_KUBECONFIG,
    signal: io.signal,
    // Several targets at once: each line and progress line names its target (a DNS label: nothing to escape).
    forTarget: (t) => {
      const write = (text: string) => io.stderr(text.replace(/^(?=.)/gm, `[${t.target}] `));
      const progress = progressLines(write, io.progress);
      return { logger: new StderrLogger(write, io.env.KUBE_GITOPS_DEBUG === 'true'), ...(progress ? { progress } : {}) };
    },
  });
  try {
    run.logger.info(`Planning ${run.targets.length} target(s), ${Math.min(parallel, run.targets.length)} at a time.`);
    const settled = await mapLimit(run.targets, parallel, targetPlanFile);
    const planned = settled.map((s, i): TargetPlanFile => (s.ok ? s.value : unexpected(config.targets[i]?.target ?? '', s.error, redactor)));
    const fleet = fleetOf(planned, config);
    if (output === 'json') {
      io.stdout(
        `${JSON.stringify(
          planned.map((p): unknown => JSON.parse(p.text)),
          null,
          2,
        )}\n`,
      );
      for (const failure of fleetFailures(fleet)) run.logger.error(failure);
    } else
      io.stdout(
        redactor.redactString(
          output === 'markdown' ? renderFleetMarkdown(fleet, { maxBytes: COMMENT_MAX_BYTES }) : renderFleetTerminal(fleet, { color: io.color }),
        ),
      );
    if (fleetFailures(fleet).length > 0) return 1;
    return flagOn(line, 'exit-code') && fleet.members.some((m) => m.kind === 'planned' && hasChanges(m.file.plan)) ? 2 : 0;
  } finally {
    await run.close();
  }
}

/** Flags that name one target, or one target's view, do not go with --all. */
function refuseBesideAll(line: ParsedCommandLine): void {
  if (line.inputs.has(Inputs.Target))
    throw new ConfigurationError('--all and --target cannot go together: --all plans every target of the targets file, --target one of them.', Inputs.Target);
  if (line.inputs.has(Inputs.Name))
    throw new ConfigurationError('--all and --name cannot go together: with --all each target is named by its entry in the targets file.', Inputs.Name);
  if (line.flags.has('diff'))
    throw new ConfigurationError('--all and --diff cannot go together: the grouped view shows each distinct change and its diff once.');
}

/** Every target of the file with its settings (the flags over its entry), and the run's settings, which the flags give alike to all. */
function fleetConfig(line: ParsedCommandLine, io: CliIo): RunConfig {
  const step = (name: string): string => line.inputs.get(name) ?? '';
  const names = readFleetTargets(step, { GITHUB_WORKSPACE: io.cwd }).map((t) => t.name);
  const settings: Settings[] = names.map((name) => cliSettings({ ...line, inputs: new Map([...line.inputs, [Inputs.Target, name]]) }, io.env, io.cwd));
  const [first] = settings;
  if (!first) throw new Error('a targets file declares at least one target');
  return { run: splitSettings(first).run, targets: settings.flatMap((s) => splitSettings(s).targets) };
}

/** The fleet of the plan files made, in the targets file's order. */
function fleetOf(planned: readonly TargetPlanFile[], config: RunConfig): Fleet {
  const files: PlanFile[] = [];
  const unreadable: UnreadablePlanFile[] = [];
  for (const { file } of planned) {
    if ('why' in file) unreadable.push(file);
    else files.push(file);
  }
  const head = files.find((f) => f.plan.commit !== '')?.plan.commit ?? '';
  return fleetMembers({ plans: { files, unreadable, notes: [] }, targets: config.targets.map((t) => t.target), notPlanned: new Map(), head });
}

/** targetPlanFile never throws; if it did, the target is still named, with why. */
function unexpected(target: string, error: unknown, redactor: SecretRedactor): TargetPlanFile {
  const why = redactor.redactString(`kube-gitops failed: ${getErrorMessage(error)}`);
  return { text: `${JSON.stringify({ target, failure: why })}\n`, file: { path: target, why } };
}
