// Entry point of the Action: read the settings and the event, assemble the run (src/assembly), run
// the mode, and fail the step with one line when it fails.
import * as core from '@actions/core';
import { ActionsLogger } from './action/actions-logger.js';
import { runActionMode } from './action/action-run.js';
import { readGitHubEvent } from './action/github-event.js';
import { assembleRun } from './assembly/assemble-run.js';
import { actionManifestsWording, failureLine } from './assembly/failure-line.js';
import { SecretRedactor } from './redaction/secret-redactor.js';
import { readSettings } from './settings/read-settings.js';

async function main(): Promise<void> {
  /** Every registered secret is masked in the runner's log too; everything we publish passes through it. */
  const redactor = new SecretRedactor((value) => core.setSecret(value));
  try {
    const settings = readSettings((name) => core.getInput(name), process.env);
    const run = assembleRun(settings, redactor, {
      logger: new ActionsLogger(),
      env: process.env,
      noKubeconfig: 'No kubeconfig was given, so the cluster cannot be reached.',
    });
    try {
      await runActionMode(run, readGitHubEvent(process.env), process.env);
    } finally {
      await run.close();
    }
  } catch (error) {
    core.setFailed(failureLine(error, actionManifestsWording, redactor));
  }
}

void main();
