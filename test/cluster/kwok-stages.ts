// The kwok Stage documents of the test cluster: kwok's own fast stages (shipped in its Go
// module and copied beside the binaries by build.sh) plus two that tests use on purpose.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import * as yaml from 'js-yaml';

/** Pods carrying this label never become Ready (their Deployment hits its progress deadline). */
export const NEVER_READY_LABEL = 'kube-gitops.test/never-ready';
/** Pods carrying this label run with a container in CrashLoopBackOff. */
export const CRASH_LOOP_LABEL = 'kube-gitops.test/crash-loop';

interface Stage {
  metadata: { name: string };
  spec: { selector?: { matchExpressions?: { key: string; operator: string; values?: string[] }[] } };
}

function isStage(doc: unknown): doc is Stage {
  return typeof doc === 'object' && doc !== null && (doc as { kind?: unknown }).kind === 'Stage';
}

const crashLoopStage = `apiVersion: kwok.x-k8s.io/v1alpha1
kind: Stage
metadata:
  name: kube-gitops-test-crash-loop
spec:
  resourceRef:
    apiGroup: v1
    kind: Pod
  selector:
    matchExpressions:
    - key: '.metadata.deletionTimestamp'
      operator: 'DoesNotExist'
    - key: '.metadata.labels["${CRASH_LOOP_LABEL}"]'
      operator: 'Exists'
    - key: '.status.phase'
      operator: 'In'
      values: ['Pending']
  next:
    statusTemplate: |
      {{ $now := Now }}
      conditions:
      - lastTransitionTime: {{ $now | Quote }}
        status: "False"
        type: Ready
        reason: ContainersNotReady
      containerStatuses:
      {{ range .spec.containers }}
      - image: {{ .image | Quote }}
        name: {{ .name | Quote }}
        ready: false
        restartCount: 5
        state:
          waiting:
            reason: CrashLoopBackOff
            message: back-off 5m0s restarting failed container
      {{ end }}
      phase: Running
      startTime: {{ $now | Quote }}
`;

/** Every Stage document, as one multi-document YAML string for kwok's --config. */
export function kwokConfig(binDir: string): string {
  const dir = path.join(binDir, 'stages');
  const stages: Stage[] = [];
  for (const file of readdirSync(dir).sort()) {
    for (const doc of yaml.loadAll(readFileSync(path.join(dir, file), 'utf8'))) {
      if (isStage(doc)) stages.push(doc);
    }
  }
  const ready = stages.find((s) => s.metadata.name === 'pod-ready');
  if (!ready?.spec.selector?.matchExpressions) throw new Error(`kwok stage pod-ready not found in ${dir}`);
  for (const label of [NEVER_READY_LABEL, CRASH_LOOP_LABEL]) {
    ready.spec.selector.matchExpressions.push({ key: `.metadata.labels["${label}"]`, operator: 'DoesNotExist' });
  }
  return [...stages.map((s) => yaml.dump(s, { lineWidth: -1 })), crashLoopStage].join('---\n');
}
