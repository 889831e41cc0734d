// The stand-in's contract with GitHub's published OpenAPI description (@octokit/openapi-types): every
// body it serves goes through `reply`, typed as the JSON response GitHub's description gives that
// operation (path, method) and status, so a route served with a shape GitHub does not document, or
// with a status the operation does not declare, fails `npm run typecheck`. Request bodies it accepts
// are narrowed to the operation's documented request type before use.
import type { components, paths } from '@octokit/openapi-types';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
type Operation<P extends keyof paths, M extends keyof paths[P]> = paths[P][M];
type Responses<P extends keyof paths, M extends keyof paths[P]> = Operation<P, M> extends { responses: infer R } ? R : never;

/** The statuses GitHub documents for the operation. */
export type Status<P extends keyof paths, M extends keyof paths[P]> = keyof Responses<P, M> & number;

/** The JSON body GitHub documents for the operation's response with status `S`. */
export type ResponseBody<P extends keyof paths, M extends keyof paths[P], S extends Status<P, M>> = Responses<P, M>[S] extends {
  content: { 'application/json': infer B };
}
  ? B
  : never;

/** The JSON request body GitHub documents for the operation. */
export type RequestBody<P extends keyof paths, M extends keyof paths[P]> =
  Operation<P, M> extends {
    requestBody?: { content: { 'application/json': infer B } };
  }
    ? B
    : never;

export type Schema<N extends keyof components['schemas']> = components['schemas'][N];

export type Send = (status: number, body: unknown, headers?: Record<string, string>) => void;

/** Answers with a body of the type GitHub documents for `method path` and `status`. */
export type Reply = <P extends keyof paths, M extends keyof paths[P] & Method, S extends Status<P, M>>(
  path: P,
  method: M,
  status: S,
  body: ResponseBody<P, M, S>,
  headers?: Record<string, string>,
) => void;

export const replyWith =
  (send: Send): Reply =>
  (_path, _method, status, body, headers) =>
    send(status, body, headers);

export const DOCS = 'https://docs.github.com/rest';

/** GitHub's 422 body (`validation-error`), e.g. `{resource: 'IssueComment', code: 'missing_field', field: 'body'}`. */
export function validationFailed(...errors: NonNullable<Schema<'validation-error'>['errors']>): Schema<'validation-error'> {
  return { message: 'Validation Failed', documentation_url: DOCS, errors };
}

/** GitHub's error body for the statuses every operation can answer (401, 403, 404, 415): `basic-error`. */
export function basicError(status: number, message: string): Schema<'basic-error'> {
  return { message, documentation_url: DOCS, status: String(status) };
}

export const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** One request to a repository route of the stand-in, with the means to answer it. */
export interface RouteRequest {
  method: string;
  /** The path below /repos/{owner}/{repo}. */
  path: string;
  query: URLSearchParams;
  body: unknown;
  owner: string;
  repo: string;
  /** The stand-in's own URL of the repository (`http://127.0.0.1:port/repos/{owner}/{repo}`), for links it serves. */
  repoUrl: string;
  docs: string;
  reply: Reply;
  /**
   * Answers one of the errors every operation can answer (401, 403, 404, 415) with GitHub's `basic-error` body;
   * or 409, which GitHub's description declares without a body for creating a deployment and GitHub sends with this one.
   */
  fail: (status: 401 | 403 | 404 | 409 | 415, message: string) => void;
}

/** One page of `items` (per_page at most 100, page from 1) and GitHub's Link header to the others. */
export function onePage<T>(r: RouteRequest, items: readonly T[]): { items: T[]; headers: Record<string, string> } {
  const perPage = Math.min(Number(r.query.get('per_page') ?? 30), 100);
  const page = Number(r.query.get('page') ?? 1);
  const last = Math.max(1, Math.ceil(items.length / perPage));
  const link = (n: number, rel: string) => {
    const q = new URLSearchParams(r.query);
    q.set('page', String(n));
    return `<${r.repoUrl}${r.path}?${q.toString()}>; rel="${rel}"`;
  };
  const links = [...(page < last ? [link(page + 1, 'next'), link(last, 'last')] : []), ...(page > 1 ? [link(page - 1, 'prev'), link(1, 'first')] : [])];
  return { items: items.slice((page - 1) * perPage, page * perPage), headers: links.length > 0 ? { link: links.join(', ') } : {} };
}
