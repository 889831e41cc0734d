// The example repositories under examples/, as tests read them: each one's workflow jobs, the steps
// that use the Action, and a load of the manifests exactly as such a step's inputs say.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { load } from 'js-yaml';
import { RecordingLogger } from '../../src/model/logger.js';
import type { DesiredObject } from '../../src/objects/desired-object.js';
import { SecretRedactor } from '../../src/redaction/secret-redactor.js';
import { loadDesired } from '../../src/run/load-stage.js';

export const examplesRoot = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../examples');

export interface WorkflowStep {
  uses?: string;
  with?: Record<string, string>;
}

export interface WorkflowJob {
  if?: string;
  environment?: string;
  concurrency?: { group?: string; 'cancel-in-progress'?: boolean };
  needs?: string | string[];
  steps: WorkflowStep[];
}

/** The example directories (examples/rbac.yaml and examples/README.md are files beside them). */
export function exampleNames(): string[] {
  return readdirSync(examplesRoot, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
}

/** The jobs of the example's one workflow, .github/workflows/deploy.yml. */
export function workflowJobs(example: string): Record<string, WorkflowJob> {
  const dir = path.join(examplesRoot, example, '.github/workflows');
  const files = readdirSync(dir).filter((f) => /\.ya?ml$/.test(f));
  assert.deepEqual(files, ['deploy.yml'], `${example} has one workflow`);
  const workflow = load(readFileSync(path.join(dir, files[0]!), 'utf8')) as { jobs: Record<string, WorkflowJob> };
  return workflow.jobs;
}

/** The job's steps that use the Action. */
export function actionSteps(job: WorkflowJob): WorkflowStep[] {
  return job.steps.filter((s) => s.uses?.startsWith('kube-gitops/kube-gitops'));
}

/** The example age key's secret line; the file must say it is an example key. */
export function exampleAgeKey(): string {
  const text = readFileSync(path.join(examplesRoot, 'sops/example-age-key.txt'), 'utf8');
  assert.match(text, /^# EXAMPLE KEY, PUBLIC ON PURPOSE/, 'the key file says it is an example key');
  return text.split('\n').find((l) => l.startsWith('AGE-SECRET-KEY-1')) ?? assert.fail('no key line');
}

/**
 * The example's manifests loaded as a step with these inputs loads them (`path`, `namespace`;
 * `sops-age-key` stands for the example key whenever the step passes one).
 */
export function loadExample(example: string, inputs: Record<string, string>, redactor = new SecretRedactor()): Promise<DesiredObject[]> {
  return loadDesired(
    {
      workspace: path.join(examplesRoot, example),
      paths: (inputs.path ?? '.').split('\n').filter(Boolean),
      exclude: [],
      ...(inputs.namespace ? { namespace: inputs.namespace } : {}),
      ...(inputs['sops-age-key'] ? { sopsAgeKey: exampleAgeKey() } : {}),
    },
    new RecordingLogger(),
    redactor,
  );
}
