// Runs a kubeconfig's exec credential plugin (client.authentication.k8s.io ExecCredential) itself,
// so that a failure can say which command failed and how while its output stays withheld: a
// plugin's stdout and stderr may hold tokens, so they are never quoted, only handed to `onOutput`
// (the run's redactor) to be masked wherever they might still show up. It runs in the environment
// kubectl would give it, this action's INPUT_* left out (child-environment.ts).
import { spawn } from 'node:child_process';
import { isJsonObject, type JsonValue } from '../objects/kube-object.js';
import { KubeconfigError } from './connection-errors.js';
import { childEnvironment } from '../tools/child-environment.js';

export interface ExecPlugin {
  command: string;
  args: string[];
  env: { name: string; value: string }[];
  apiVersion: string;
}

/** What a plugin gave us: a bearer token and/or a client certificate (PEM). */
export interface ExecResult {
  token?: string;
  clientCertificateData?: string;
  clientKeyData?: string;
  /** When the credential expires (ms since the epoch); undefined: for the client's lifetime. */
  expiresAt?: number;
}

export interface ExecOptions {
  /** The kubeconfig user the plugin belongs to, for messages. */
  userName: string;
  /** Sees everything the plugin printed (each line, each long word) and the credential it returned. */
  onOutput: (values: string[]) => void;
  /** Killed after this long; default 2 minutes. */
  timeoutMs?: number;
}

const DEFAULT_API_VERSION = 'client.authentication.k8s.io/v1';
const WITHHELD = 'its output is withheld because it may hold credentials; run the command yourself to see why';

/** The `users[].user.exec` stanza as the kubeconfig has it (client-node passes it through untyped). */
export function parseExecPlugin(raw: unknown, userName: string): ExecPlugin | undefined {
  if (raw === undefined || raw === null) return undefined;
  const exec = isJsonObject(raw) ? raw : {};
  if (typeof exec.command !== 'string' || exec.command === '') {
    throw new KubeconfigError(`The exec credential plugin of user '${userName}' in the kubeconfig has no command.`);
  }
  const args = Array.isArray(exec.args) ? exec.args.filter((a): a is string => typeof a === 'string') : [];
  const env = (Array.isArray(exec.env) ? exec.env : [])
    .filter(isJsonObject)
    .flatMap((e) => (typeof e.name === 'string' && typeof e.value === 'string' ? [{ name: e.name, value: e.value }] : []));
  return { command: exec.command, args, env, apiVersion: typeof exec.apiVersion === 'string' ? exec.apiVersion : DEFAULT_API_VERSION };
}

/** Runs the plugin non-interactively and reads its ExecCredential. */
export async function runExecPlugin(plugin: ExecPlugin, options: ExecOptions): Promise<ExecResult> {
  const name = `The exec credential plugin \`${plugin.command}\` of user '${options.userName}'`;
  const run = await spawnPlugin(plugin, options.timeoutMs ?? 120_000);
  const result = run.code === 0 && !run.timedOut && !run.spawnError ? readCredential(run.stdout) : undefined;
  // A failed run's output is all suspect; a good credential's secrets are its token and key.
  options.onOutput(
    result
      ? [result.token, result.clientKeyData, ...printedLines(run.stderr)].filter((v): v is string => v !== undefined)
      : printedValues(run.stdout, run.stderr),
  );
  if (run.spawnError) {
    const missing = run.spawnError === 'ENOENT';
    throw new KubeconfigError(
      `${name} cannot be started (${missing ? 'command not found on PATH' : run.spawnError}); install it on the runner or fix users[].user.exec.command in the kubeconfig.`,
    );
  }
  if (run.timedOut)
    throw new KubeconfigError(`${name} did not finish within ${Math.round((options.timeoutMs ?? 120_000) / 1000)} s and was stopped; ${WITHHELD}.`);
  if (run.code !== 0) {
    const how = run.code === null ? `was killed by ${run.signal ?? 'a signal'}` : `failed with exit code ${run.code}`;
    throw new KubeconfigError(`${name} ${how}; ${WITHHELD}.`);
  }
  if (!result) {
    throw new KubeconfigError(
      `${name} exited successfully but did not print ExecCredential JSON (${plugin.apiVersion} with status.token or status.clientCertificateData and clientKeyData); ${WITHHELD}.`,
    );
  }
  return result;
}

interface PluginRun {
  stdout: string;
  stderr: string;
  code: number | null;
  signal: string | null;
  spawnError?: string;
  timedOut: boolean;
}

function spawnPlugin(plugin: ExecPlugin, timeoutMs: number): Promise<PluginRun> {
  const env = childEnvironment('credential-plugin', process.env, {
    ...Object.fromEntries(plugin.env.map((e) => [e.name, e.value])),
    KUBERNETES_EXEC_INFO: JSON.stringify({ apiVersion: plugin.apiVersion, kind: 'ExecCredential', spec: { interactive: false } }),
  });
  return new Promise((resolve) => {
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let spawnError: string | undefined;
    let timedOut = false;
    const child = spawn(plugin.command, plugin.args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d: Buffer) => err.push(d));
    child.on('error', (e: NodeJS.ErrnoException) => (spawnError = e.code ?? e.message));
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
        code,
        signal,
        timedOut,
        ...(spawnError ? { spawnError } : {}),
      });
    });
  });
}

function readCredential(stdout: string): ExecResult | undefined {
  let doc: JsonValue;
  try {
    doc = JSON.parse(stdout) as JsonValue;
  } catch {
    return undefined;
  }
  if (!isJsonObject(doc) || doc.kind !== 'ExecCredential' || !isJsonObject(doc.status)) return undefined;
  const { token, clientCertificateData: cert, clientKeyData: key, expirationTimestamp } = doc.status;
  const hasToken = typeof token === 'string' && token !== '';
  const hasCert = typeof cert === 'string' && typeof key === 'string' && cert !== '' && key !== '';
  if (!hasToken && !hasCert) return undefined;
  const expiresAt = typeof expirationTimestamp === 'string' ? Date.parse(expirationTimestamp) : NaN;
  return {
    ...(hasToken ? { token } : {}),
    ...(hasCert ? { clientCertificateData: cert, clientKeyData: key } : {}),
    ...(Number.isFinite(expiresAt) ? { expiresAt } : {}),
  };
}

/** Each line of the text (the whole text too), when long enough to be specific. */
function printedLines(text: string): string[] {
  const trimmed = text.trim();
  return [trimmed, ...trimmed.split(/\r?\n/).map((l) => l.trim())].filter((l) => l.length >= 8);
}

/** Every line and every long word a failed plugin printed: any of them may be a token. */
function printedValues(...outputs: string[]): string[] {
  const values = new Set<string>();
  for (const text of outputs) {
    for (const line of printedLines(text)) values.add(line);
    for (const word of text.split(/[\s"'`,;:={}[\]()]+/)) if (word.length >= 12) values.add(word);
  }
  return [...values];
}
