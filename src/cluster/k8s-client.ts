// The one module that imports @kubernetes/client-node. It uses the client for what it is good at —
// reading kubeconfigs and authenticating (client certificates, tokens, OIDC, proxies) — and builds
// from them the Connection that transport.ts sends requests over: undici's low-level request() on a
// keep-alive pool of HTTP/1.1 connections with the kubeconfig's TLS settings (request() instead of
// fetch() halved our CPU on a 500-object plan; several HTTP/1.1 connections beat one HTTP/2 one by a
// quarter of the wall time). Exec credential plugins run in exec-credential.ts instead, so that
// their output is never quoted. rest-client.ts holds the verbs.
import type { RequestOptions as HttpsRequestOptions } from 'node:https';
import { HttpMethod, KubeConfig, RequestContext, type Cluster, type User } from '@kubernetes/client-node';
import { Agent, type Dispatcher } from 'undici';
import { ConfigurationError, errorCode } from '../model/errors.js';
import { KubeconfigError } from './connection-errors.js';
import { parseExecPlugin, runExecPlugin, type ExecPlugin, type ExecResult } from './exec-credential.js';
import { RestClient } from './rest-client.js';
import { displayUrl, parseServerUrl } from './server-url.js';
import { Transport, type Connection } from './transport.js';
import type { ConnectionTarget } from './transport-failure.js';

export interface K8sClientOptions {
  /** Kubeconfig YAML. */
  kubeconfig: string;
  /** Directory relative client-certificate / token-file paths are resolved against. */
  kubeconfigDir?: string;
  /** Context to use; the kubeconfig's current-context when absent. */
  context?: string;
  /** Attempts for 5xx and network failures (first try included); 429s are waited out apart (transport.ts). */
  maxAttempts?: number;
  /** The most API requests at once (the `concurrency` input; default 8): fewer while the server answers 429. */
  concurrency?: number;
  /** Sees every value to mask from then on: what exec plugins print and the credentials they return. */
  onSecrets?: (values: string[]) => void;
}

export class K8sClient extends RestClient {
  constructor(options: K8sClientOptions) {
    super(new Transport(new KubeconfigConnection(options), options.maxAttempts ?? 5, options.concurrency ?? 8));
  }
}

/** Reads a kubeconfig and checks that it names a usable cluster. Never quotes it: it may hold credentials. */
function loadKubeConfig(options: K8sClientOptions): { kc: KubeConfig; cluster: Cluster } {
  const kc = new KubeConfig();
  try {
    kc.loadFromString(options.kubeconfig);
  } catch (error) {
    // Parser messages carry a snippet of the kubeconfig.
    const line = (error as { mark?: { line?: number } }).mark?.line;
    const missing = /^(clusters|users|contexts)\[\d+\]\.[\w.]+ is missing$/.exec(error instanceof Error ? error.message : '')?.[0];
    throw new KubeconfigError(
      `The kubeconfig cannot be read (${line !== undefined ? `invalid YAML near line ${line + 1}` : (missing ?? 'not a kubeconfig')}).`,
    );
  }
  if (options.kubeconfigDir) kc.makePathsAbsolute(options.kubeconfigDir);
  if (options.context) {
    if (!kc.getContextObject(options.context)) {
      throw new ConfigurationError(`The kubeconfig has no context '${options.context}' (input context); ${contextsOf(kc)}.`, 'context');
    }
    kc.setCurrentContext(options.context);
  }
  const cluster = kc.getCurrentCluster();
  if (!cluster) throw new KubeconfigError(noClusterMessage(kc));
  return { kc, cluster };
}

/** The kubeconfig's context names (names, never credentials), for a message. */
function contextsOf(kc: KubeConfig): string {
  const names = kc.getContexts().map((c) => `'${c.name}'`);
  return names.length > 0 ? `its contexts are ${names.join(', ')}` : 'it defines no contexts';
}

function noClusterMessage(kc: KubeConfig): string {
  const current = kc.getCurrentContext();
  const context = current ? kc.getContextObject(current) : null;
  if (!context) {
    return `The kubeconfig cannot be used: ${current ? `its current-context '${current}' is not one of its contexts` : 'it sets no current-context'} and the input context is empty; ${contextsOf(kc)}.`;
  }
  return `The kubeconfig cannot be used: its context '${current}' names cluster '${context.cluster}', which it does not define.`;
}

class KubeconfigConnection implements Connection {
  readonly target: ConnectionTarget;
  readonly origin: string;
  readonly pathPrefix: string;
  readonly credentials: string;
  private readonly kc: KubeConfig;
  private readonly cluster: Cluster;
  private readonly exec: ExecPlugin | undefined;
  private readonly userName: string;
  private execCache: ExecCache | undefined;
  /**
   * One connection pool for every request. (client-node 2.0.1 builds a new one on every
   * authentication, so each request would open a new TLS connection.)
   */
  private pool: Promise<Dispatcher> | undefined;

  constructor(private readonly options: K8sClientOptions) {
    const { kc, cluster } = loadKubeConfig(options);
    this.kc = kc;
    this.cluster = cluster;
    const url = parseServerUrl(cluster.server, cluster.name, cluster.skipTLSVerify);
    this.origin = url.origin;
    this.pathPrefix = url.pathname.replace(/\/+$/, '');
    this.target = { server: displayUrl(cluster.server), clusterName: cluster.name };
    const user = kc.getCurrentUser();
    this.userName = user?.name ?? '(none)';
    this.exec = parseExecPlugin(user?.exec, this.userName);
    // The plugin runs here, not in client-node (which would quote its output in errors).
    if (user && this.exec) kc.users = kc.users.map((u) => (u === user ? { ...u, exec: undefined } : u));
    this.credentials = `user '${this.userName}' (context '${kc.getCurrentContext()}', ${describeCredential(user, this.exec)})`;
  }

  async headers(): Promise<Record<string, string>> {
    const ctx = new RequestContext(`${this.origin}${this.pathPrefix}/`, HttpMethod.GET);
    await this.authenticate(ctx);
    // Trimmed as fetch() trimmed them: a token file usually ends with a newline.
    const headers = Object.fromEntries(Object.entries(ctx.getHeaders()).map(([name, value]) => [name, value.trim()]));
    const token = this.exec ? (await this.execCredential()).token : undefined;
    return token ? { ...headers, Authorization: `Bearer ${token}` } : headers;
  }

  dispatcher(): Promise<Dispatcher> {
    this.pool ??= this.connectionPool().catch((error: unknown) => {
      this.pool = undefined;
      throw error;
    });
    return this.pool;
  }

  async close(): Promise<void> {
    const pool = this.pool;
    this.pool = undefined;
    await (await pool?.catch(() => undefined))?.close();
  }

  /** HTTP/1.1 keep-alive connections with the kubeconfig's TLS settings; through a proxy, the pool the client built for it. */
  private async connectionPool(): Promise<Dispatcher> {
    const tls: HttpsRequestOptions = {};
    await this.credentialStep(() => this.kc.applyToHTTPSOptions(tls));
    const fromExec = this.exec ? await this.execCredential() : undefined;
    const { ca, pfx, passphrase, rejectUnauthorized, servername } = tls;
    const cert = fromExec?.clientCertificateData ?? tls.cert;
    const key = fromExec?.clientKeyData ?? tls.key;
    let options: ReturnType<KubeConfig['createDispatcherOptions']>;
    try {
      options = this.kc.createDispatcherOptions(this.cluster, { ca, cert, key, pfx, passphrase, rejectUnauthorized, servername });
    } catch {
      throw new KubeconfigError(`The proxy-url of cluster '${this.cluster.name}' in the kubeconfig is not usable (http://, https:// or socks5:// expected).`);
    }
    const keepAlive = { keepAlive: true, keepAliveInitialDelay: 30_000 };
    if (options.type === 'agent') return new Agent({ connect: { ...keepAlive, ...options.connect }, allowH2: false });
    if (options.type === 'none') return new Agent({ connect: keepAlive, allowH2: false });
    const ctx = new RequestContext(`${this.origin}/`, HttpMethod.GET);
    await this.authenticate(ctx);
    const proxied = ctx.getDispatcher();
    if (!proxied) throw new KubeconfigError(`The proxy-url of cluster '${this.cluster.name}' in the kubeconfig is not usable.`);
    return proxied;
  }

  private authenticate(ctx: RequestContext): Promise<void> {
    return this.credentialStep(() => this.kc.applySecurityAuthentication(ctx));
  }

  /** Runs a client-node credential step; its failures (a missing token file, a failed OIDC refresh) name the user. */
  private async credentialStep(step: () => Promise<void>): Promise<void> {
    try {
      await step();
    } catch (error) {
      if (error instanceof KubeconfigError) throw error;
      const file = (error as { path?: unknown }).path;
      const why =
        typeof file === 'string'
          ? `file ${file} cannot be read (${errorCode(error) ?? 'error'})`
          : `${error instanceof Error ? error.name : 'an error'}; details withheld as they may hold credentials`;
      throw new KubeconfigError(`The credentials of ${this.credentials} cannot be prepared: ${why}.`);
    }
  }

  /** The exec plugin's credential, run once (concurrent requests share the run) and again after it expires. */
  private execCredential(): Promise<ExecResult> {
    const plugin = this.exec;
    if (!plugin) return Promise.resolve({});
    const cache = this.execCache;
    if (cache && (cache.expiresAt === undefined || cache.expiresAt > Date.now() + 10_000)) return cache.result;
    const entry: ExecCache = { result: runExecPlugin(plugin, { userName: this.userName, onOutput: (values) => this.options.onSecrets?.(values) }) };
    entry.result.then(
      (r) => (entry.expiresAt = r.expiresAt),
      () => {
        if (this.execCache === entry) this.execCache = undefined;
      },
    );
    this.execCache = entry;
    return entry.result;
  }
}

interface ExecCache {
  result: Promise<ExecResult>;
  expiresAt?: number | undefined;
}

function describeCredential(user: User | null, exec: ExecPlugin | undefined): string {
  if (exec) return `exec plugin \`${exec.command}\``;
  if (!user) return 'no user: anonymous';
  if (user.authProvider) return `auth-provider ${authProviderName(user.authProvider)}`;
  if (user.token) return 'a bearer token';
  if (user.certData || user.certFile) return 'a client certificate';
  if (user.username) return 'a username and password';
  return 'no credentials: anonymous';
}

/** client-node types the auth provider as `any`: read its name as untrusted input. */
function authProviderName(provider: unknown): string {
  const name = typeof provider === 'object' && provider !== null && 'name' in provider ? provider.name : undefined;
  return typeof name === 'string' ? name : '(unnamed)';
}
