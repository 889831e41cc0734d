// The command line's dispatcher: parse, run the command, turn every failure into a message and an
// exit code (0 done, 1 error/refused/failed, 2 changes with plan --exit-code). Never a stack trace.
import { ConfigurationError, getErrorMessage } from '../errors.js';
import { VERSION } from '../version.js';
import { cliApply } from './cli-apply.js';
import { parseCommandLine } from './cli-flags.js';
import { commandHelp, generalHelp } from './cli-help.js';
import type { CliIo } from './cli-io.js';
import { cliPlan } from './cli-plan.js';

export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
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
    return line.command === 'plan' ? await cliPlan(line, io) : await cliApply(line, io);
  } catch (error) {
    // Messages only: a ConfigurationError says what and where; anything else is still not a stack trace.
    io.stderr(`${error instanceof ConfigurationError ? getErrorMessage(error) : `kube-gitops failed: ${getErrorMessage(error)}`}\n`);
    return 1;
  }
}
