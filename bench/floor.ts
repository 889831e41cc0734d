// The floor of each bench scenario: exactly the requests the scenario cannot do without, sent by a
// minimal client at the same concurrency on keep-alive HTTP/1.1 connections, with no discovery, no planning
// and no reads beyond what the scenario's answer needs. What a tool spends above it is its own cost.
//   writes: one server-side apply per object the scenario creates or changes, one DELETE per object it prunes;
//   plans: one dry-run server-side apply per object that cannot be proven unchanged;
//   both: one LIST per kind and namespace where the scenario must know the live state to tell
//   "unchanged" (plan-unchanged, apply-unchanged, plan-changed-10%): without it nothing can be proven.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { load, loadAll } from 'js-yaml';
import { Agent, request } from 'undici';
import { compareForApply, compareForPrune } from '../src/objects/kind-order.js';
import type { ObjectRef } from '../src/objects/object-ref.js';

interface Manifest {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace: string };
}

/** The requests of one scenario's floor. */
export interface FloorWork {
  apply: Manifest[];
  dryRun: Manifest[];
  remove: Manifest[];
  /** Namespaces whose ConfigMaps, Services and Deployments are listed once each. */
  list: string[];
}

const PLURAL: Record<string, string> = { ConfigMap: 'configmaps', Service: 'services', Deployment: 'deployments' };

function collection(apiVersion: string, kind: string, ns: string): string {
  const base = apiVersion === 'v1' ? '/api/v1' : `/apis/${apiVersion}`;
  const plural = PLURAL[kind];
  if (!plural) throw new Error(`floor: no plural for ${kind}`);
  return `${base}/namespaces/${ns}/${plural}`;
}

/** The objects of a set written by writeSet, read back from its files. */
export function readSet(dir: string): Manifest[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .flatMap((f) => loadAll(readFileSync(path.join(dir, f), 'utf8')) as Manifest[]);
}

const key = (m: Manifest) => `${m.kind}/${m.metadata.namespace}/${m.metadata.name}`;

function refOf(m: Manifest): ObjectRef {
  const [group, version] = m.apiVersion.includes('/') ? m.apiVersion.split('/') : ['', m.apiVersion];
  return { group: group ?? '', version: version ?? '', kind: m.kind, namespace: m.metadata.namespace, name: m.metadata.name };
}

/**
 * What a scenario must send, from the set live before it and the set after it (JSON-equal manifests
 * are unchanged). The live state must be read (one LIST per kind and namespace) when objects exist and
 * the answer is "unchanged" for some of them: every plan of a non-empty set, and an apply with no write.
 */
export function floorWork(before: Manifest[], after: Manifest[], dryRun: boolean): FloorWork {
  const old = new Map(before.map((m) => [key(m), JSON.stringify(m)]));
  // In the order any tool must keep (kinds others refer to first, so a Deployment's pods do not start
  // before its ConfigMaps exist; deletions in reverse), which is the order ours applies and prunes in.
  const changed = after.filter((m) => old.get(key(m)) !== JSON.stringify(m)).sort((a, b) => compareForApply(refOf(a), refOf(b)));
  const kept = new Set(after.map(key));
  const remove = dryRun ? [] : before.filter((m) => !kept.has(key(m))).sort((a, b) => compareForPrune(refOf(a), refOf(b)));
  const mustRead = before.length > 0 && (dryRun || changed.length + remove.length === 0);
  return {
    apply: dryRun ? [] : changed,
    dryRun: dryRun ? changed : [],
    remove,
    list: mustRead ? [...new Set(after.map((m) => m.metadata.namespace))] : [],
  };
}

/** A minimal client of the API server: the kubeconfig's server, CA and client certificate, `concurrency` keep-alive connections. */
export class FloorClient {
  private readonly agent: Agent;
  private readonly server: string;

  constructor(
    kubeconfigText: string,
    private readonly concurrency: number,
  ) {
    const kc = load(kubeconfigText) as {
      clusters: { cluster: { server: string; 'certificate-authority-data'?: string } }[];
      users: { user: { 'client-certificate-data'?: string; 'client-key-data'?: string } }[];
    };
    const cluster = kc.clusters[0]?.cluster;
    const user = kc.users[0]?.user;
    if (!cluster || !user) throw new Error('floor: the kubeconfig has no cluster or user');
    const pem = (b64: string | undefined) => (b64 === undefined ? undefined : Buffer.from(b64, 'base64').toString('utf8'));
    this.server = cluster.server;
    // No TLS material: the bench's counting proxy (plain HTTP on 127.0.0.1, bench/count-proxy.ts).
    const tls = { ca: pem(cluster['certificate-authority-data']), cert: pem(user['client-certificate-data']), key: pem(user['client-key-data']) };
    this.agent = new Agent({ connections: concurrency, allowH2: false, ...(tls.cert === undefined ? {} : { connect: tls }) });
  }

  /** Sends the work, `concurrency` requests at a time; fails on any non-2xx answer (a 404 on delete counts as done). */
  async run(work: FloorWork): Promise<void> {
    const jobs: (() => Promise<void>)[] = [
      ...work.list.flatMap((ns) =>
        [
          ['v1', 'ConfigMap'],
          ['v1', 'Service'],
          ['apps/v1', 'Deployment'],
        ].map(
          ([v, k]) =>
            () =>
              this.send('GET', collection(v ?? '', k ?? '', ns)),
        ),
      ),
      ...work.dryRun.map((m) => () => this.apply(m, true)),
      ...work.apply.map((m) => () => this.apply(m, false)),
      ...work.remove.map((m) => () => this.send('DELETE', `${collection(m.apiVersion, m.kind, m.metadata.namespace)}/${m.metadata.name}`, undefined, [404])),
    ];
    let next = 0;
    const worker = async () => {
      for (let job = jobs[next++]; job; job = jobs[next++]) await job();
    };
    await Promise.all(Array.from({ length: this.concurrency }, worker));
  }

  close(): Promise<void> {
    return this.agent.close();
  }

  private apply(m: Manifest, dryRun: boolean): Promise<void> {
    const query = `fieldManager=kube-gitops-floor&force=true${dryRun ? '&dryRun=All' : ''}`;
    return this.send('PATCH', `${collection(m.apiVersion, m.kind, m.metadata.namespace)}/${m.metadata.name}?${query}`, JSON.stringify(m));
  }

  private async send(method: 'GET' | 'PATCH' | 'DELETE', pathAndQuery: string, body?: string, alsoOk: number[] = []): Promise<void> {
    const res = await request(`${this.server}${pathAndQuery}`, {
      method,
      dispatcher: this.agent,
      headers: { accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/apply-patch+yaml' }) },
      ...(body === undefined ? {} : { body }),
    });
    const text = await res.body.text();
    if ((res.statusCode < 200 || res.statusCode >= 300) && !alsoOk.includes(res.statusCode))
      throw new Error(`floor: ${method} ${pathAndQuery} answered ${res.statusCode}: ${text.slice(0, 300)}`);
  }
}
