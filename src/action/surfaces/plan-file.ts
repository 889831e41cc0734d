// The plan file (the `plan-file` output names it): the report's plan as JSON, redacted, readable
// only by the runner's user. A push refused before planning writes a plan of only its problems.
import { renderPlanJson } from '../../render/plan-markdown.js';
import { reportPlan } from '../../run/run-report.js';
import { planFilePath, writePlanFile } from './runner-writes.js';
import type { Surface } from './surface.js';

export const planFile: Surface = (report, { settings, event, deps }) => {
  const plan = reportPlan(report, settings.target, event.sha);
  writePlanFile(planFilePath(settings.target, deps.env), deps.redactor.redactString(renderPlanJson(plan)));
};
