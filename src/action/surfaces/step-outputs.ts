// The step outputs: the plan's counts and file, how many objects drifted, whether the cluster
// differs (drift), whether the merge applied the reviewed plan (matches-review). A push refused
// before planning has no counts to give: only the plan file. On a push, `went-out-with` names the
// commit its change went out with: its own once applied, or the live commit that already contained it
// (a push refused as older than it: the step succeeds, so no counts, `has-changes` included, suggest
// that this run changed anything; its plan is in the plan file).
import * as core from '@actions/core';
import { Outputs } from '../../model/inputs-outputs.js';
import { reportPlan } from '../../run/run-report.js';
import { planFilePath, setDriftedOutput, setPlanFileOutput, setPlanOutputs, setReviewOutput } from './runner-writes.js';
import type { Surface } from './surface.js';

export const stepOutputs: Surface = (report, { settings, event, deps }) => {
  const file = planFilePath(settings.target, deps.env);
  const plan = reportPlan(report, settings.target, event.sha);
  switch (report.kind) {
    case 'plan':
      setPlanOutputs(plan, file);
      setDriftedOutput(plan);
      return;
    case 'apply':
      setReviewOutput(report.review);
      setPlanOutputs(plan, file);
      if (report.apply.succeeded) core.setOutput(Outputs.WentOutWith, event.sha);
      return;
    case 'refused':
      setReviewOutput(report.review);
      if (report.refusal.wentOutWith) core.setOutput(Outputs.WentOutWith, report.refusal.wentOutWith);
      if (report.refusal.plan && !report.refusal.wentOutWith) setPlanOutputs(plan, file);
      else setPlanFileOutput(file);
      return;
    case 'drift':
      setPlanOutputs(plan, file);
      setDriftedOutput(plan);
      core.setOutput(Outputs.Drift, String(report.drift.differs));
      return;
  }
};
