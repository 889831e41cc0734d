// Runs one helm CLI command (the helm on PATH, in the environment child-environment.ts allows helm:
// the HELM_* variables and the state a `helm repo add` / `helm registry login` step left keep working). A
// failure leaves this module as a HelmCommandError whose message is helm's own error, cleaned: the
// `Error: ` prefix and the `--debug` hint dropped, the given directories shown as given. Never the
// raw output; no credential is ever passed on the command line.
import { execFile, type ExecFileException } from 'node:child_process';
import path from 'node:path';
import { MAX_MANIFEST_BYTES } from '../../manifest-limits.js';
import { childEnvironment } from '../../../tools/child-environment.js';

const DEFAULT_TIMEOUT_MS = 120_000;

export class HelmCommandError extends Error {
  override name = 'HelmCommandError';
  constructor(
    message: string,
    /** helm is not on PATH. */
    readonly missing = false,
    /** helm's progress lines on stdout, cleaned like the message (some failures are told there only). */
    readonly progress = '',
  ) {
    super(message);
  }
}

export interface HelmCommandOptions {
  /** Written to helm's standard input (then closed). */
  stdin?: string;
  timeoutMs?: number;
  /** Absolute directories shown in messages as the text they map to (the workspace as '', a temporary copy as the chart's name). */
  shownAs?: ReadonlyMap<string, string>;
  /** Set over helm's allowed environment (a temporary helm home's HELM_* paths). */
  env?: Readonly<Record<string, string>>;
}

export const HELM_MISSING = "the helm CLI is not on PATH: install Helm 3.21 or later (GitHub's Ubuntu runners have it) or put its directory on PATH";

/** helm's standard output; its cleaned error otherwise. */
export function runHelm(args: readonly string[], options: HelmCommandOptions = {}): Promise<string> {
  const timeout = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  return new Promise((resolve, reject) => {
    const child = execFile(
      'helm',
      args,
      { timeout, maxBuffer: MAX_MANIFEST_BYTES + 1, env: childEnvironment('helm', process.env, options.env) },
      (error, stdout, stderr) => {
        if (!error) resolve(stdout);
        else {
          const shownAs = options.shownAs ?? new Map<string, string>();
          reject(new HelmCommandError(failureText(args, error, stderr, timeout, shownAs), error.code === 'ENOENT', cleanHelmError(stdout, shownAs)));
        }
      },
    );
    child.stdin?.on('error', () => undefined);
    child.stdin?.end(options.stdin ?? '');
  });
}

function failureText(args: readonly string[], error: ExecFileException, stderr: string, timeout: number, shownAs: ReadonlyMap<string, string>): string {
  const command = `\`helm ${args.slice(0, 2).join(' ')}\``;
  if (error.code === 'ENOENT') return HELM_MISSING;
  if (error.killed || error.signal) return `${command} did not finish within ${timeout / 1000}s (stopped by ${error.signal ?? 'a timeout'})`;
  if (error.code === 'ERR_CHILD_PROCESS_STDIO_MAXBUFFER') return `the output of ${command} is larger than ${MAX_MANIFEST_BYTES / (1024 * 1024)} MiB`;
  return cleanHelmError(stderr, shownAs) || `${command} exited with ${String(error.code ?? error.name)} and no error message`;
}

/** helm's error lines without its prefixes and hints, the given directories replaced by what they are shown as. */
export function cleanHelmError(stderr: string, shownAs: ReadonlyMap<string, string>): string {
  const lines = stderr
    .split('\n')
    .map((l) => l.trim().replace(/^Error: /, ''))
    .filter((l) => l !== '' && !/^Use --debug flag/.test(l));
  let text = lines.slice(-6).join(' | ');
  // Longest first, so a directory inside another is replaced before its parent.
  for (const [dir, shown] of [...shownAs].sort((a, b) => b[0].length - a[0].length)) {
    const root = dir.endsWith(path.sep) ? dir : dir + path.sep;
    text = text
      .split(root)
      .join(shown === '' ? '' : `${shown}/`)
      .split(dir)
      .join(shown === '' ? '.' : shown);
  }
  return text.slice(0, 1500);
}
