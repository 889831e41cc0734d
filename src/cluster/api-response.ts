// Pure reading of API server responses: bodies, Status errors, Warning and Retry-After headers.
import { gunzipSync } from 'node:zlib';
import { getErrorMessage } from '../model/errors.js';
import { isJsonObject, type JsonValue, type KubeObject } from '../objects/kube-object.js';
import { ClusterError } from './cluster-error.js';
import { UnreadableResponseError } from './connection-errors.js';

export function asObject(body: JsonValue): KubeObject {
  if (!isJsonObject(body) || !isJsonObject(body.metadata)) throw new UnreadableResponseError('the API server sent an unexpected response body');
  return body as KubeObject;
}

export function parseJson(text: string): JsonValue {
  if (text === '') return null;
  try {
    return JSON.parse(text) as JsonValue;
  } catch {
    return text;
  }
}

/** A non-2xx answer as a ClusterError: the Status's message, reason and causes when the server sent one. */
export function statusError(code: number, body: JsonValue, text: string, method: string, path: string): ClusterError {
  if (isJsonObject(body) && body.kind === 'Status') {
    const details = isJsonObject(body.details) ? body.details : {};
    const causes = (Array.isArray(details.causes) ? details.causes : []).filter(isJsonObject).map((c) => ({
      ...(typeof c.field === 'string' ? { field: c.field } : {}),
      ...(typeof c.message === 'string' ? { message: c.message } : {}),
      ...(typeof c.reason === 'string' ? { reason: c.reason } : {}),
    }));
    const message = typeof body.message === 'string' && body.message ? body.message : `${method} ${path} failed with HTTP ${code}`;
    return new ClusterError(message, code, typeof body.reason === 'string' ? body.reason : undefined, causes);
  }
  const snippet = text.trim().slice(0, 200);
  return new ClusterError(`${method} ${path} failed with HTTP ${code}${snippet ? `: ${snippet}` : ''}`, code, undefined);
}

/** The body as text; gzip (which we ask for) is decoded. */
export function decodeBody(bytes: Buffer, encoding: string | undefined, method: string, path: string): string {
  if (encoding !== 'gzip' || bytes.length === 0) return bytes.toString('utf8');
  try {
    return gunzipSync(bytes).toString('utf8');
  } catch (error) {
    throw new UnreadableResponseError(`${method} ${path}: the API server sent a gzip body that cannot be read (${getErrorMessage(error)})`);
  }
}

export function headerText(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(', ') : value;
}

/** `Warning: 299 - "text"` headers, one or several. */
export function parseWarnings(header: string | string[] | undefined): string[] {
  const text = headerText(header);
  if (!text) return [];
  const out: string[] = [];
  for (const m of text.matchAll(/\d{3} \S+ "((?:[^"\\]|\\.)*)"/g)) out.push((m[1] ?? '').replace(/\\(.)/g, '$1'));
  return out;
}

export function retryAfterMs(header: string | undefined): number | undefined {
  const seconds = header === undefined ? NaN : Number(header);
  return Number.isFinite(seconds) ? Math.min(seconds, 30) * 1000 : undefined;
}
