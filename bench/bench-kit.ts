// What the bench's measurements share: the generated object sets, timing, kubectl, our engine
// in-process with the bench's settings, and the untimed namespace set-up and teardown.
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { K8sClient } from '../src/cluster/k8s-client.js';
import { RecordingLogger } from '../src/model/logger.js';
import { loadManifests } from '../src/load/manifest-loader.js';
import { planChanges } from '../src/plan/planner.js';
import type { Plan } from '../src/model/plan.js';
import { runApply, type ApplySettings } from '../src/run/apply-run.js';
import type { TestCluster } from '../test/support/test-cluster.js';
import { testApplySettings } from '../test/support/test-settings.js';

export const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
export const concurrency = Number(process.env.KUBE_GITOPS_BENCH_CONCURRENCY ?? 8);
/** Objects per namespace in sets above KUBECTL_MAX (20 namespaces at 10,000). */
export const PER_NAMESPACE = 500;
/** Above this size kubectl is not run: it takes minutes per scenario, and its Secret-parented ApplySet cannot span namespaces. */
export const KUBECTL_MAX = 2000;

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
}

/** N objects: per ten, 6 ConfigMaps, 2 Deployments (2 replicas), 2 Services. */
export function writeSet(dir: string, n: number, namespaces: string[], changed: (i: number) => boolean, keep: (i: number) => boolean): void {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const docs: string[] = [];
  for (let i = 0; i < n; i++) {
    if (!keep(i)) continue;
    const ns = namespaces[Math.floor(i / PER_NAMESPACE) % namespaces.length]!;
    const v = changed(i) ? 'v2' : 'v1';
    const kind = i % 10;
    if (kind < 6)
      docs.push(`apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm-${i}\n  namespace: ${ns}\ndata:\n  version: ${v}\n  payload: "${'x'.repeat(200)}"\n`);
    else if (kind < 8)
      docs.push(
        `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app-${i}\n  namespace: ${ns}\nspec:\n  replicas: 2\n  selector:\n    matchLabels: {app: app-${i}}\n  template:\n    metadata:\n      labels: {app: app-${i}}\n    spec:\n      containers:\n      - name: app\n        image: registry.example/app:${v}\n`,
      );
    else
      docs.push(
        `apiVersion: v1\nkind: Service\nmetadata:\n  name: svc-${i}\n  namespace: ${ns}\n  labels: {version: ${v}}\nspec:\n  selector: {app: app-${i}}\n  ports:\n  - port: 80\n`,
      );
  }
  for (let f = 0; f * 50 < docs.length; f++)
    writeFileSync(path.join(dir, `set-${String(f).padStart(3, '0')}.yaml`), docs.slice(f * 50, f * 50 + 50).join('---\n'));
}

export function time(fn: () => Promise<unknown>): Promise<number> {
  const t = performance.now();
  return fn().then(() => performance.now() - t);
}

/** kubectl 1.36 built beside the control plane (client and server match); the one on PATH if that build is absent. */
export function kubectlBinary(c: TestCluster): string {
  return existsSync(c.state.kubectl) ? c.state.kubectl : 'kubectl';
}

export function kubectlVersion(c: TestCluster): Promise<string> {
  return new Promise((resolve) =>
    execFile(kubectlBinary(c), ['version', '--client', '-o', 'json'], (error, out) => {
      try {
        resolve(error ? 'unknown' : String((JSON.parse(out) as { clientVersion: { gitVersion: string } }).clientVersion.gitVersion));
      } catch {
        resolve('unknown');
      }
    }),
  );
}

/** kubectl with `argv`, through `kubeconfigFile` (default: the plane's own, not the bench's counting proxy). */
export function kubectlRun(c: TestCluster, argv: string[], okCodes = [0], kubeconfigFile = c.state.kubeconfig): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(
      kubectlBinary(c),
      [`--kubeconfig=${kubeconfigFile}`, ...argv],
      { env: { ...process.env, KUBECTL_APPLYSET: 'true' }, maxBuffer: 512 * 1024 * 1024 },
      (error, _out, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        if (okCodes.includes(code)) resolve();
        else reject(new Error(`kubectl ${argv.slice(0, 3).join(' ')} exited ${code}: ${stderr.slice(0, 400)}`));
      },
    );
  });
}

/**
 * Waits until every Deployment in the namespaces has rolled out its current spec (2 updated,
 * available replicas, no old pods, observed generation current): one LIST a second, so 2,000
 * Deployments cost what 20 do (`kubectl wait --all` watched them one by one: minutes at 10,000 objects).
 */
export async function settle(c: TestCluster, ns: string | string[]): Promise<void> {
  const wanted = new Set(typeof ns === 'string' ? [ns] : ns);
  const deadline = Date.now() + 1_800_000;
  await new Promise((r) => setTimeout(r, 1000));
  for (;;) {
    const list = JSON.parse(await c.kubectl(['get', 'deployments', '--all-namespaces', '-o', 'json'])) as { items: RolloutState[] };
    const pending = list.items.filter((d) => wanted.has(d.metadata.namespace) && !rolledOut(d));
    if (pending.length === 0) return;
    if (Date.now() > deadline)
      throw new Error(
        `bench: ${pending.length} Deployment(s) not rolled out after 30 minutes, e.g. ${pending[0]?.metadata.namespace}/${pending[0]?.metadata.name}`,
      );
    await new Promise((r) => setTimeout(r, 1000));
  }
}

interface RolloutState {
  metadata: { name: string; namespace: string; generation?: number };
  status?: { observedGeneration?: number; replicas?: number; updatedReplicas?: number; availableReplicas?: number };
}

function rolledOut(d: RolloutState): boolean {
  const s = d.status ?? {};
  return s.observedGeneration === d.metadata.generation && s.replicas === 2 && s.updatedReplicas === 2 && s.availableReplicas === 2;
}

/** The commit every run records, in-process (benchSettings) or through dist/index.js (GITHUB_SHA). */
export const BENCH_COMMIT = 'a'.repeat(40);

/** Both tools' runs share these: the action's defaults, health wait off, the bench's concurrency. */
export function benchSettings(target: string, ns: string): ApplySettings {
  return testApplySettings({ target, commit: BENCH_COMMIT, namespace: ns, concurrency, wait: false, timeoutMs: 60_000 });
}

export async function oursPlan(c: TestCluster, dir: string, target: string, ns: string, kubeconfig = c.kubeconfigText): Promise<Plan> {
  const desired = await loadManifests({ workspace: dir, paths: ['.'], exclude: [], logger: new RecordingLogger() });
  const client = new K8sClient({ kubeconfig });
  const r = await planChanges(desired, client, benchSettings(target, ns), new RecordingLogger()).finally(() => client.close());
  if (r.plan.problems.length) throw new Error(r.plan.problems[0]!.message);
  return r.plan;
}

export async function oursApply(c: TestCluster, dir: string, target: string, ns: string, kubeconfig = c.kubeconfigText): Promise<void> {
  const desired = await loadManifests({ workspace: dir, paths: ['.'], exclude: [], logger: new RecordingLogger() });
  const client = new K8sClient({ kubeconfig });
  const report = await runApply(desired, benchSettings(target, ns), { client, logger: new RecordingLogger(), version: 'bench', now: () => new Date() }).finally(
    () => client.close(),
  );
  if (!report.succeeded) throw new Error(JSON.stringify(report.outcome.failed.slice(0, 2)));
}

/** Untimed: the rollouts an apply started finish, then the namespaces and everything in them are gone. */
export async function tearDown(c: TestCluster, ns: string | string[]): Promise<void> {
  await settle(c, ns);
  await kubectlRun(c, ['delete', 'namespace', ...(typeof ns === 'string' ? [ns] : ns), '--wait=true', '--timeout=1800s']);
}

/** An empty namespace `ns` (a leftover of an interrupted bench is deleted first). */
export async function freshNamespace(c: TestCluster, ns: string): Promise<void> {
  await kubectlRun(c, ['delete', 'namespace', ns, '--ignore-not-found', '--wait=true', '--timeout=1800s']);
  await kubectlRun(c, ['create', 'namespace', ns]);
}

/** The namespaces of an N-object set named `prefix`: one up to KUBECTL_MAX objects, else one per PER_NAMESPACE. */
export function setNamespaces(prefix: string, n: number): string[] {
  const count = n > KUBECTL_MAX ? Math.ceil(n / PER_NAMESPACE) : 1;
  return Array.from({ length: count }, (_, i) => (i ? `${prefix}-${i}` : prefix));
}

/** Empty namespaces for an N-object set (leftovers of an interrupted bench are deleted first) and the set in `dir`. */
export async function freshSet(c: TestCluster, prefix: string, dir: string, n: number): Promise<{ dir: string; namespaces: string[] }> {
  const namespaces = setNamespaces(prefix, n);
  for (const ns of namespaces) await freshNamespace(c, ns);
  writeSet(
    dir,
    n,
    namespaces,
    () => false,
    () => true,
  );
  return { dir, namespaces };
}
