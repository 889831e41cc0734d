// Sends one API request over the connection pool and reads the answer: retries 429, 5xx and
// network failures with backoff (Retry-After honoured), fails fast on everything else, and types
// each failure for what it is (ClusterError for an HTTP answer, connection-errors.ts otherwise).
// Every request of a client passes one adaptive limit (src/concurrency/adaptive-limit.ts): a 429 from
// API Priority and Fairness lowers how many run at once, answers without one raise it back.
import type { Dispatcher } from 'undici';
import { AdaptiveLimit, type Throttling } from '../concurrency/adaptive-limit.js';
import type { JsonValue } from '../objects/kube-object.js';
import { decodeBody, headerText, parseJson, parseWarnings, retryAfterMs, statusError } from './api-response.js';
import { ClusterError } from './cluster-error.js';
import { KubeconfigError } from './connection-errors.js';
import { connectionFailure, isNetworkFailure, type ConnectionTarget } from './transport-failure.js';

export type Method = 'GET' | 'PATCH' | 'DELETE' | 'POST';

export interface RequestOptions {
  query?: Record<string, string>;
  body?: string;
  contentType?: string;
  accept?: string;
  /** The request as a user reads it, verb and object (`the dry-run apply of ConfigMap/web/app`), named when it gives up after retries. */
  subject?: string;
}

export interface RawResponse {
  status: number;
  body: JsonValue;
  warnings: string[];
}

/** What the transport needs from the kubeconfig: where to go, how to connect, who we are. */
export interface Connection {
  target: ConnectionTarget;
  /** The server URL's origin and path prefix (a proxy in front of the API may serve it below a path). */
  origin: string;
  pathPrefix: string;
  /** Authentication headers, fresh for each request (exec tokens are refreshed when they expire). */
  headers(): Promise<Record<string, string>>;
  /** The one keep-alive connection pool with the kubeconfig's TLS settings. */
  dispatcher(): Promise<Dispatcher>;
  /** The kubeconfig user and the kind of credential it sends, for a 401's message. */
  credentials: string;
  close(): Promise<void>;
}

const RETRYABLE_STATUS = new Set([429, 500, 502, 503, 504]);

/** 429 answers one request waits out before it gives up (they do not count as failed attempts). */
const MAX_THROTTLED = 30;

export class Transport {
  private readonly limit: AdaptiveLimit;

  /** `concurrency`: the most requests at once, the ceiling the limit returns to (adaptive-limit.ts). */
  constructor(
    private readonly connection: Connection,
    private readonly maxAttempts: number,
    concurrency: number,
  ) {
    this.limit = new AdaptiveLimit(concurrency);
  }

  async request(method: Method, path: string, options: RequestOptions = {}): Promise<RawResponse> {
    // Credentials first, outside the retry loop: a broken exec plugin or token file is not a network failure.
    const auth = await this.connection.headers();
    const pool = await this.connection.dispatcher();
    for (let attempt = 1, throttled = 0, sent = 0; ;) {
      let response: Dispatcher.ResponseData;
      let bytes: Buffer;
      const permit = await this.limit.acquire();
      sent++;
      try {
        response = await this.send(pool, method, path, options, auth);
        bytes = Buffer.from(await response.body.arrayBuffer());
      } catch (error) {
        this.limit.release();
        // A header the kubeconfig produced that HTTP cannot carry: no retry will help.
        if ((error as { code?: unknown }).code === 'UND_ERR_INVALID_ARG') {
          throw new KubeconfigError(
            `The credentials of ${this.connection.credentials} cannot be sent as an HTTP header (a token with a line break or control character?).`,
          );
        }
        if (isNetworkFailure(error) && attempt < this.maxAttempts) {
          await sleep(backoffMs(attempt++));
          continue;
        }
        throw connectionFailure(error, this.connection.target, gaveUp(options, sent));
      }
      this.limit.release();
      const status = response.statusCode;
      // API Priority and Fairness had no seat: fewer requests at once, then the wait the server asks for.
      if (status === 429) {
        this.limit.throttled(permit);
        if (++throttled < MAX_THROTTLED) {
          await this.limit.waitOut(() => sleep(retryAfterMs(headerText(response.headers['retry-after'])) ?? backoffMs(Math.min(throttled, 6))));
          continue;
        }
      } else this.limit.accepted(permit);
      const retryable = RETRYABLE_STATUS.has(status) && status !== 429;
      if (retryable && attempt < this.maxAttempts) {
        await sleep(retryAfterMs(headerText(response.headers['retry-after'])) ?? backoffMs(attempt++));
        continue;
      }
      if (status === 401) throw this.unauthorized();
      const text = decodeBody(bytes, headerText(response.headers['content-encoding']), method, path);
      const body = parseJson(text);
      // A redirect is not followed (it could carry the credentials elsewhere): it fails like an error.
      if (status >= 300) {
        const error = statusError(status, body, text, method, path);
        const context = RETRYABLE_STATUS.has(status) ? gaveUp(options, sent) : undefined;
        throw context ? withContext(error, context) : error;
      }
      return { status, body, warnings: parseWarnings(response.headers.warning) };
    }
  }

  /** How the server throttled this client's requests so far. */
  throttling(): Throttling {
    return this.limit.report();
  }

  /** The kubeconfig user and its kind of credential, for messages. */
  get credentials(): string {
    return this.connection.credentials;
  }

  close(): Promise<void> {
    return this.connection.close();
  }

  private unauthorized(): KubeconfigError {
    return new KubeconfigError(
      `The Kubernetes API at ${this.connection.target.server} rejected the credentials of ${this.connection.credentials} (401 Unauthorized): the token may have expired or been revoked, or the credential is not valid for this cluster. Refresh it in the kubeconfig.`,
    );
  }

  private send(pool: Dispatcher, method: Method, path: string, options: RequestOptions, auth: Record<string, string>): Promise<Dispatcher.ResponseData> {
    const query = new URLSearchParams(options.query).toString();
    return pool.request({
      origin: this.connection.origin,
      path: `${this.connection.pathPrefix}${path}${query ? `?${query}` : ''}`,
      method,
      headers: {
        ...auth,
        accept: options.accept ?? 'application/json',
        // The API server gzips large responses (LISTs over 128 KiB) when asked: less to carry from a remote cluster.
        'accept-encoding': 'gzip',
        'user-agent': 'kube-gitops',
        ...(options.body !== undefined ? { 'content-type': options.contentType ?? 'application/json' } : {}),
      },
      ...(options.body !== undefined ? { body: options.body } : {}),
    });
  }
}

/**
 * `the get of ConfigMap/web/app gave up after 5 attempts`: which object a request that failed all
 * its retries was for. Requests about no object (discovery, version) say nothing more than the server.
 */
function gaveUp(options: RequestOptions, attempts: number): string | undefined {
  return options.subject && attempts > 1 ? `${options.subject} gave up after ${attempts} attempts` : undefined;
}

function withContext(error: ClusterError, context: string): ClusterError {
  return new ClusterError(`${error.message} (${context})`, error.status, error.reason, error.causes);
}

function backoffMs(attempt: number): number {
  return Math.min(200 * 2 ** (attempt - 1), 5000) * (0.5 + Math.random() / 2);
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
