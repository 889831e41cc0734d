// The runner-facing writers the surfaces use: step outputs, the job summary and the plan file.
import * as core from '@actions/core';
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { countActions, countDrifted, hasChanges, type Plan } from '../../model/plan.js';
import type { ReviewVerdict } from '../../review/review-compare.js';
import { Outputs } from '../../model/inputs-outputs.js';
import { resourcesOutput } from '../../render/resource-lines.js';

/** The job summary holds 1 MiB per step; keep below it. */
export const SUMMARY_MAX_BYTES = 1_000_000;
/** GitHub rejects comment bodies over 65,536 characters; keep the UTF-8 size below it with headroom. */
export const COMMENT_MAX_BYTES = 65_000;

export function planFilePath(target: string, env: NodeJS.ProcessEnv): string {
  return path.join(env.RUNNER_TEMP || os.tmpdir(), `kube-gitops-plan-${target}.json`);
}

export function writePlanFile(file: string, json: string): void {
  writeFileSync(file, json, { mode: 0o600 });
}

export function setPlanOutputs(plan: Plan, planFile: string): void {
  const c = countActions(plan.entries);
  core.setOutput(Outputs.HasChanges, String(hasChanges(plan)));
  core.setOutput(Outputs.Creates, String(c.create));
  core.setOutput(Outputs.Updates, String(c.update));
  core.setOutput(Outputs.Deletes, String(c.delete));
  core.setOutput(Outputs.Replaces, String(c.replace));
  if (plan.resources) core.setOutput(Outputs.Resources, resourcesOutput(plan.resources));
  setPlanFileOutput(planFile);
}

/** How many objects drifted (a pull request's live plan). */
export function setDriftedOutput(plan: Plan): void {
  core.setOutput(Outputs.Drifted, String(countDrifted(plan.entries)));
}

/** Whether the merge applied the reviewed plan; `unknown` when the check did not run (refused before it). */
export function setReviewOutput(verdict: ReviewVerdict | undefined): void {
  core.setOutput(Outputs.MatchesReview, verdict?.matches ?? 'unknown');
}

/** Only the plan file (a refusal before any plan was made: no counts to give). */
export function setPlanFileOutput(planFile: string): void {
  core.setOutput(Outputs.PlanFile, planFile);
}

export async function writeSummary(markdown: string): Promise<void> {
  if (!process.env.GITHUB_STEP_SUMMARY) return;
  await core.summary.addRaw(markdown, true).write();
}
