// The command line's dispatcher: parse, run the command, turn every failure into a message and an
// exit code (0 done, 1 error/refused/failed, or a target of plan --all not planned; 2 changes with
// plan --exit-code). Never a stack trace.
// Everything written goes through workflowSafeIo: no line of it can be a workflow command.
import { cliManifestsWording, failureLine } from '../assembly/failure-line.js';
import { SecretRedactor } from '../redaction/secret-redactor.js';
import { VERSION } from '../version.js';
import { cliApply } from './cli-apply.js';
import { flagOn, parseCommandLine } from './cli-flags.js';
import { commandHelp, generalHelp } from './cli-help.js';
import { workflowSafeIo, type CliIo } from './cli-io.js';
import { cliPlan } from './cli-plan.js';
import { cliPlanAll } from './cli-plan-all.js';
import { cliPreview } from './cli-preview.js';
import { cliTargets } from './cli-targets.js';

export async function runCli(argv: readonly string[], terminal: CliIo): Promise<number> {
  const io = workflowSafeIo(terminal);
  // The run's one redactor: the kubeconfig's credentials and every Secret value are registered as they
  // are read, and the failure message passes through it like every other output.
  const redactor = new SecretRedactor();
  try {
    const line = parseCommandLine(argv);
    if (line.command === 'help') {
      io.stdout(generalHelp());
      return 0;
    }
    if (line.command === 'version') {
      io.stdout(`kube-gitops ${VERSION}\n`);
      return 0;
    }
    if (line.flags.has('help')) {
      io.stdout(commandHelp(line.command));
      return 0;
    }
    switch (line.command) {
      case 'plan':
        return flagOn(line, 'all') ? await cliPlanAll(line, io, redactor) : await cliPlan(line, io, redactor);
      case 'apply':
        return await cliApply(line, io, redactor);
      case 'targets':
        return await cliTargets(line, io, redactor);
      case 'preview':
        return await cliPreview(line, io, redactor);
    }
  } catch (error) {
    // Messages only: a ConfigurationError says what and where; anything else is still not a stack trace.
    io.stderr(`${failureLine(error, cliManifestsWording, redactor)}\n`);
    return 1;
  }
}
