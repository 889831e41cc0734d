// Runs `helm template` for one chart, with the helm CLI on PATH. A failure leaves this module as a
// HelmTemplateError whose message is helm's own error, cleaned: the `Error: ` prefix and the
// `--debug` hint dropped, absolute paths shown relative to the workspace. Never the raw output.
import { execFile, type ExecFileException } from 'node:child_process';
import path from 'node:path';
import type { JsonObject } from '../objects/kube-object.js';
import { capabilityArgs, type HelmCapabilities } from './helm-capabilities.js';
import { SecretRedactor } from '../redaction/secret-redactor.js';
import { chartValueStrings } from './helm-values-secrets.js';
import { MAX_MANIFEST_BYTES } from './manifest-limits.js';

const TIMEOUT_MS = 120_000;

export class HelmTemplateError extends Error {
  override name = 'HelmTemplateError';
}

/** What to render, with absolute paths. */
export interface HelmTemplateRequest {
  release: string;
  namespace: string;
  chartDir: string;
  valuesFiles: string[];
  /** Sent on stdin as the last values file, so it wins over the files. */
  values: JsonObject;
  includeCRDs: boolean;
  /** The live cluster's; helm's built-in ones when absent. */
  capabilities?: HelmCapabilities;
  /** The workspace root (absolute): paths below it are shown relative to it in errors. */
  workspace: string;
}

export function helmTemplateArgs(r: HelmTemplateRequest): string[] {
  return [
    'template',
    r.release,
    r.chartDir,
    '--namespace',
    r.namespace,
    ...(r.includeCRDs ? ['--include-crds'] : []),
    '--skip-tests',
    ...capabilityArgs(r.capabilities),
    ...r.valuesFiles.flatMap((f) => ['--values', f]),
    '--values',
    '-',
  ];
}

/** The rendered multi-document YAML of one chart. */
export function helmTemplate(r: HelmTemplateRequest): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile('helm', helmTemplateArgs(r), { timeout: TIMEOUT_MS, maxBuffer: MAX_MANIFEST_BYTES + 1 }, (error, stdout, stderr) => {
      if (!error) resolve(stdout);
      else reject(new HelmTemplateError(withoutValues(failureText(error, stderr, r.workspace), r)));
    });
    child.stdin?.on('error', () => undefined);
    child.stdin?.end(JSON.stringify(r.values));
  });
}

/** helm's message with every value the chart was given hidden (a `fail` may quote one). */
function withoutValues(message: string, r: HelmTemplateRequest): string {
  const redactor = new SecretRedactor();
  redactor.add(chartValueStrings(r.values, r.valuesFiles));
  return redactor.redactString(message);
}

function failureText(error: ExecFileException, stderr: string, workspace: string): string {
  if (error.code === 'ENOENT') return "the helm CLI is not on PATH: install Helm 3.21 or later (GitHub's Ubuntu runners have it) or put its directory on PATH";
  if (error.killed || error.signal) return `\`helm template\` did not finish within ${TIMEOUT_MS / 1000}s (stopped by ${error.signal ?? 'a timeout'})`;
  if (error.code === 'ERR_CHILD_PROCESS_STDIO_MAXBUFFER') return `the output of \`helm template\` is larger than ${MAX_MANIFEST_BYTES / (1024 * 1024)} MiB`;
  return cleanHelmError(stderr, workspace) || `\`helm template\` exited with ${String(error.code ?? error.name)} and no error message`;
}

/** helm's error lines without its prefixes and hints, absolute workspace paths made relative. */
export function cleanHelmError(stderr: string, workspace: string): string {
  const lines = stderr
    .split('\n')
    .map((l) => l.trim().replace(/^Error: /, ''))
    .filter((l) => l !== '' && !/^Use --debug flag/.test(l));
  const root = workspace.endsWith(path.sep) ? workspace : workspace + path.sep;
  return lines.slice(-6).join(' | ').split(root).join('').slice(0, 1500);
}
