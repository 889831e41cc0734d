// The fleet comment's bench: 100 plan files of 500 objects each (per ten: 6 ConfigMaps, 2
// Deployments, 2 Services; one in ten changed, ConfigMaps and Deployments in turn, the same image
// bump everywhere and a ConfigMap value that differs by region), read and built into the comment in
// a child process: its wall time (read, group, render), its peak RSS (getrusage at its exit) and the
// comment's size. `node --import tsx bench/fleet-comment.ts` runs it alone; `npm run bench` runs it
// first and writes its figures under `fleet` in the results JSON.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { renderFleetMarkdown } from '../src/fleet/fleet-markdown.js';
import { fleetMembers } from '../src/fleet/fleet-members.js';
import { readPlanFiles } from '../src/fleet/plan-file-read.js';
import type { KubeObject } from '../src/objects/kube-object.js';
import type { Plan, PlanEntry } from '../src/model/plan.js';
import { byteSize } from '../src/render/byte-budget.js';
import { HEAD, PR, runOf, writePlanFileOf } from '../test/support/fleet-plans.js';
import { planEntry } from '../test/support/plan-entries.js';

export const FLEET_TARGETS = 100;
export const FLEET_OBJECTS = 500;

export interface FleetFigures {
  targets: number;
  objectsPerTarget: number;
  ms: number;
  peakRssMb: number;
  commentBytes: number;
}

function object(i: number, ns: string, version: string, region: string): KubeObject {
  const kind = i % 10;
  const meta = (name: string) => ({ name, namespace: ns, labels: { app: 'shop', part: `p${i % 7}` } });
  if (kind < 6) return { apiVersion: 'v1', kind: 'ConfigMap', metadata: meta(`cm-${i}`), data: { version, region, payload: 'x'.repeat(200) } };
  if (kind < 8) {
    const container = {
      name: 'app',
      image: `registry.example/app-${i}:${version}`,
      ports: [{ containerPort: 8080 }],
      resources: { requests: { cpu: '100m', memory: '128Mi' } },
    };
    const spec = {
      replicas: 2,
      selector: { matchLabels: { app: `app-${i}` } },
      template: { metadata: { labels: { app: `app-${i}` } }, spec: { containers: [container] } },
    };
    return { apiVersion: 'apps/v1', kind: 'Deployment', metadata: meta(`app-${i}`), spec } as unknown as KubeObject;
  }
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: meta(`svc-${i}`),
    spec: { selector: { app: `app-${i}` }, ports: [{ port: 80, targetPort: 8080 }] },
  } as unknown as KubeObject;
}

/** Target t: 500 objects in its own namespace, one in ten changed (a ConfigMap or a Deployment in turn). */
function targetPlan(t: number): Plan {
  const target = `cluster-${String(t).padStart(3, '0')}`;
  const ns = `shop-${target}`;
  const region = `region-${t % 4}`;
  const entries: PlanEntry[] = Array.from({ length: FLEET_OBJECTS }, (_, i) => {
    const changed = i % 10 === (i % 20 < 10 ? 3 : 7);
    const before = object(i, ns, 'v1', region);
    return changed ? planEntry('update', before, object(i, ns, 'v2', i % 10 === 3 ? `${region}-new` : region)) : planEntry('unchanged', before, before);
  });
  return { target, commit: HEAD, basis: 'cluster', entries, problems: [], warnings: [] };
}

/** Writes the fleet's plan files; returns the target names. */
export function writeFleet(dir: string): string[] {
  const targets: string[] = [];
  for (let t = 0; t < FLEET_TARGETS; t++) {
    const plan = targetPlan(t);
    writePlanFileOf(dir, plan, runOf(plan, { namespace: `shop-${plan.target}`, runUrl: `https://github.com/octo/fleet/actions/runs/${5000 + t}` }));
    targets.push(plan.target);
  }
  return targets;
}

/** In the child: read, group and render; print the figures as JSON. */
function child(dir: string, targets: string[]): void {
  const started = performance.now();
  const fleet = fleetMembers({ plans: readPlanFiles(dir), targets, notPlanned: new Map(), head: HEAD, pullRequest: PR });
  const body = renderFleetMarkdown(fleet, { maxBytes: 65_000 });
  const ms = Math.round(performance.now() - started);
  const figures: FleetFigures = {
    targets: targets.length,
    objectsPerTarget: FLEET_OBJECTS,
    ms,
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    commentBytes: byteSize(body),
  };
  process.stdout.write(`${JSON.stringify(figures)}\n`);
}

/** The fleet comment built in a child process from freshly written plan files. */
export async function measureFleetComment(): Promise<FleetFigures> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'kg-bench-fleet-'));
  try {
    const targets = writeFleet(dir);
    const script = new URL(import.meta.url).pathname;
    const out = await new Promise<string>((resolve, reject) =>
      execFile(process.execPath, ['--import', 'tsx', script, '--child', dir, targets.join(',')], { maxBuffer: 1 << 20 }, (error, stdout, stderr) =>
        error ? reject(new Error(`fleet bench child: ${stderr.slice(0, 400)}`)) : resolve(stdout),
      ),
    );
    return JSON.parse(out) as FleetFigures;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function fleetFiguresText(f: FleetFigures): string {
  return `fleet comment from ${f.targets} plan files of ${f.objectsPerTarget} objects (10% changed): ${f.ms} ms, peak RSS ${f.peakRssMb} MB, comment ${f.commentBytes} bytes`;
}

const argv = process.argv.slice(2);
if (argv[0] === '--child' && argv[1] && argv[2] !== undefined) child(argv[1], argv[2].split(','));
else if (process.argv[1] && path.resolve(process.argv[1]) === new URL(import.meta.url).pathname) {
  measureFleetComment().then(
    (f) => process.stdout.write(`${fleetFiguresText(f)}\n`),
    (error: unknown) => {
      process.stderr.write(`fleet bench failed: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
