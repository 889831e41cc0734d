// Plan files as matrix jobs write them (renderPlanJson with the `run` record and a real review
// record), for the fleet tests and the bench: one per target, in a plans directory laid out as
// download-artifact lays it (a folder per artifact).
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { PlanFileRun } from '../../src/model/plan-file-run.js';
import type { Plan } from '../../src/model/plan.js';
import { SecretRedactor } from '../../src/redaction/secret-redactor.js';
import { renderPlanJson } from '../../src/render/plan-markdown.js';
import { formatReviewMarker } from '../../src/review/review-marker.js';
import { reviewRecord } from '../../src/review/review-record.js';

export const HEAD = 'c0ffee1234567890c0ffee1234567890c0ffee12';
export const PR = 42;

/** The run record a plan job on pull request PR writes, with its review record. */
export function runOf(plan: Plan, extra: Partial<PlanFileRun> = {}, pr = PR): PlanFileRun {
  const desired = plan.entries.flatMap((e) => (e.after ? [{ object: e.after, source: { file: 'deploy/app.yaml', line: 1 } }] : []));
  return {
    report: 'plan',
    version: '0.1.0',
    namespace: 'shop',
    pullRequest: pr,
    review: formatReviewMarker(reviewRecord(plan, desired, new SecretRedactor()), pr),
    runUrl: 'https://github.com/octo/fleet/actions/runs/1001',
    ...extra,
  };
}

/** Writes `plan` (with `run`) as `<dir>/plan-<target>/kube-gitops-plan-<target>.json`. */
export function writePlanFileOf(dir: string, plan: Plan, run: PlanFileRun, name = plan.target): string {
  const folder = path.join(dir, `plan-${name}`);
  mkdirSync(folder, { recursive: true });
  const file = path.join(folder, `kube-gitops-plan-${name}.json`);
  writeFileSync(file, renderPlanJson(plan, run));
  return file;
}
