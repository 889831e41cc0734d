// Renders a kustomization directory with `kustomize build` or `kubectl kustomize`, whichever is on PATH.
// A failure's message is cleaned before it leaves this module: klog prefixes and deprecation warnings
// dropped, paths shown relative to the workspace, and every secretGenerator value redacted (kustomize
// quotes a malformed literal or env line verbatim), and every value its helmCharts render with (a
// chart's `fail` may quote one).
import { execFile, type ExecFileException } from 'node:child_process';
import path from 'node:path';
import { ConfigurationError } from '../../../model/errors.js';
import { MAX_MANIFEST_BYTES } from '../../manifest-limits.js';
import { SecretRedactor } from '../../../redaction/secret-redactor.js';
import type { CapabilitiesSource, HelmCapabilities } from '../helm/helm-capabilities.js';
import { helmChartsUse, helmFlags, type HelmChartsUse } from './kustomize-helm.js';
import { referenceOutside } from './kustomize-references.js';
import { secretGeneratorValues } from './kustomize-secrets.js';
import { kustomizeHelmValueStrings } from '../helm/helm-values-secrets.js';
import { childEnvironment } from '../../../tools/child-environment.js';
import { inputAliasProblem } from './kustomize-input-aliases.js';
import { sopsGeneratorProblem } from './kustomize-sops-generators.js';
import type { SourceLocation } from '../../../objects/source-location.js';

export { KUSTOMIZATION_FILES } from './kustomize-secrets.js';

type Renderer = { command: string; args: (dir: string) => string[] };
let renderer: Promise<Renderer> | undefined;

function runs(command: string, args: string[]): Promise<boolean> {
  return new Promise((resolve) => execFile(command, args, { timeout: 20_000, env: childEnvironment('kustomize') }, (error) => resolve(!error)));
}

async function findRenderer(): Promise<Renderer> {
  if (await runs('kustomize', ['version'])) return { command: 'kustomize', args: (dir) => ['build', dir] };
  if (await runs('kubectl', ['kustomize', '--help'])) return { command: 'kubectl', args: (dir) => ['kustomize', dir] };
  throw new ConfigurationError(
    "A kustomization was found, but neither `kustomize` nor `kubectl` is on PATH to build it. Install one (GitHub's Ubuntu runners have both).",
    'path',
  );
}

export class KustomizeBuildError extends Error {
  override name = 'KustomizeBuildError';
  constructor(
    message: string,
    /** The file and line to fix, when the build was refused because of one (not kustomize's own failure). */
    readonly source?: SourceLocation,
  ) {
    super(message);
  }
}

export interface KustomizeBuildOptions {
  /** The directory as messages show it (relative to the workspace); by default relative to the working directory. */
  displayDir?: string;
  /** When set, a local resource, component or base the kustomization reaches must be inside it. */
  workspace?: string;
  /** The live cluster's Capabilities for helmCharts (asked only when the kustomization has some); helm's built-in ones when absent. */
  capabilities?: CapabilitiesSource;
}

/** The rendered multi-document YAML of one kustomization directory. */
export async function kustomizeBuild(absDir: string, options: KustomizeBuildOptions = {}): Promise<string> {
  refuseUnsafeInputs(absDir, options);
  const extra = await helmChartFlags(absDir, options.capabilities);
  const run = await runRenderer(absDir, extra);
  if (!run.error) return run.stdout;
  const r = await rendererOnPath();
  const shown = options.displayDir ?? belowWorkingDirectory(absDir);
  const command = [r.command, ...r.args(shown), ...(extra.length > 0 ? ['--enable-helm'] : [])].join(' ');
  throw new KustomizeBuildError(`\`${command}\` ${exitText(run.error)}: ${failureMessage(run.stderr, absDir, shown)}`);
}

function rendererOnPath(): Promise<Renderer> {
  renderer ??= findRenderer();
  return renderer;
}

export interface RenderRun {
  stdout: string;
  stderr: string;
  error?: ExecFileException;
}

/**
 * The flags a kustomization with helmCharts (in it or a base) needs: helm's path and, when known, the
 * live Capabilities (as HelmChart documents get them); throws when helm is not on PATH.
 */
export async function helmChartFlags(absDir: string, capabilities?: CapabilitiesSource): Promise<string[]> {
  const use = helmChartsUse(absDir, absDir);
  if (!use.uses) return [];
  const flags = helmFlags();
  if (!flags) {
    throw new KustomizeBuildError(
      "it inflates helmCharts, which kustomize renders with the helm CLI, and helm is not on PATH: install Helm 3.21 or later (GitHub's Ubuntu runners have it) or put its directory on PATH",
    );
  }
  return [...flags, ...kustomizeCapabilityFlags(await capabilities?.(), use)];
}

/**
 * kustomize's names for helm's --kube-version and --api-versions. Whether a global flag or an entry's
 * own value wins has varied between kustomize versions, so neither is left to chance: as for a
 * HelmChart document, an entry's `kubeVersion` wins (no global one is given) and its `apiVersions`
 * are added to the live ones. One flag per API version: a single argument
 * holding thousands of them could pass the kernel's limit for one argument.
 */
function kustomizeCapabilityFlags(c: HelmCapabilities | undefined, use: HelmChartsUse): string[] {
  if (!c) return [];
  const apiVersions = [...new Set([...c.apiVersions, ...use.apiVersions])];
  return [
    ...(!use.pinsKubeVersion && /^v?\d+\.\d+/.test(c.kubeVersion) ? [`--helm-kube-version=${c.kubeVersion}`] : []),
    ...apiVersions.map((v) => `--helm-api-versions=${v}`),
  ];
}

/** Runs the renderer on one directory (with `extra` flags); its raw output, for this module and kustomize-origins.ts only. */
export async function runRenderer(absDir: string, extra: readonly string[] = []): Promise<RenderRun> {
  const r = await rendererOnPath();
  return new Promise((resolve) => {
    try {
      execFile(r.command, [...r.args(absDir), ...extra], { maxBuffer: MAX_MANIFEST_BYTES + 1, env: childEnvironment('kustomize') }, (error, stdout, stderr) =>
        resolve({ stdout, stderr, ...(error ? { error } : {}) }),
      );
    } catch (error) {
      // A spawn refused at once (E2BIG: arguments over the kernel's limit) is a failed build, not a crash.
      resolve({ stdout: '', stderr: error instanceof Error ? error.message : String(error), error: error as ExecFileException });
    }
  });
}

/**
 * Throws when kustomize should not run: a directory outside the workspace, a generator listing a
 * SOPS-encrypted file, or YAML aliases over the limits in a file it would read.
 */
export function refuseUnsafeInputs(absDir: string, options: KustomizeBuildOptions): void {
  refuseReferencesOutside(absDir, options);
  const workspace = options.workspace ?? process.cwd();
  const refused = sopsGeneratorProblem(absDir, workspace) ?? inputAliasProblem(absDir, workspace);
  if (refused) throw new KustomizeBuildError(refused.message, refused.source);
}

/** Throws when the kustomization reaches a local directory outside the workspace (see kustomize-references.ts). */
export function refuseReferencesOutside(absDir: string, options: KustomizeBuildOptions): void {
  const outside = options.workspace ? referenceOutside(absDir, options.workspace) : undefined;
  if (outside) {
    throw new KustomizeBuildError(
      `the kustomization ${outside.from} references '${outside.entry}', which resolves to ${outside.target}, outside the workspace; only manifests inside the workspace are read`,
    );
  }
}

/** The directory relative to the working directory (the workspace on a runner) when inside it, else as is. */
function belowWorkingDirectory(absDir: string): string {
  const rel = path.relative(process.cwd(), absDir);
  return rel === '' ? '.' : rel.startsWith('..') || path.isAbsolute(rel) ? absDir : rel;
}

function exitText(error: ExecFileException): string {
  if (typeof error.code === 'number') return `exited with ${error.code}`;
  if (error.signal) return `was stopped by ${error.signal}`;
  return `could not run (${error.code ?? error.name})`;
}

/** kustomize's error, cleaned and redacted; never its raw output. */
function failureMessage(stderr: string, absDir: string, shownDir: string): string {
  const lines = joinKlogBlocks(stderr.split('\n'))
    .map(withoutKlogPrefix)
    .filter((l) => l !== '' && !isDeprecationWarning(l));
  const text = relativePaths(lines.slice(-6).join(' | '), absDir, shownDir).slice(0, 1500);
  const redactor = new SecretRedactor();
  redactor.add(secretGeneratorValues(absDir));
  redactor.add(kustomizeHelmValueStrings(absDir));
  // Go renders an unreadable line as its bytes: `[255 254 105 ...]` spells the value out.
  return redactor.redactString(text).replace(/\[(?:\d{1,3} ){3,}\d{1,3}\]/g, '[bytes withheld]') || 'no error message';
}

/**
 * klog writes a multi-line value as `err=<`, its lines indented by a tab, then ` >`: one line
 * `err="..."` again, so the prefix is taken off like any other.
 */
function joinKlogBlocks(lines: readonly string[]): string[] {
  const out: string[] = [];
  let block: string[] | undefined;
  for (const line of lines) {
    if (block && /^\s*>\s*$/.test(line)) {
      out.push(`${out.pop() ?? ''}${JSON.stringify(block.join(' '))}`);
      block = undefined;
    } else if (block) block.push(line.replace(/^\t/, '').trim());
    else if (/ err=<$/.test(line)) {
      out.push(line.slice(0, -1));
      block = [];
    } else out.push(line);
  }
  return block ? [...out, ...block] : out;
}

/** `E1201 19:44:37.974544   21391 run.go:72] "command failed" err="..."` → the error itself. */
function withoutKlogPrefix(line: string): string {
  const m = /^[IWEF]\d{4} [\d:.]+\s+\d+ [\w.-]+:\d+\] (.*)$/.exec(line.trim());
  if (!m?.[1]) return line.trim();
  const err = /^"command failed" err=("(?:[^"\\]|\\.)*")$/.exec(m[1])?.[1];
  if (!err) return m[1];
  try {
    return String(JSON.parse(err));
  } catch {
    return err.slice(1, -1);
  }
}

function isDeprecationWarning(line: string): boolean {
  return /^#?\s*Warning:.*deprecated/i.test(line);
}

/** Absolute paths below the workspace as the user wrote them. */
function relativePaths(text: string, absDir: string, shownDir: string): string {
  const root = shownDir === '.' ? absDir : absDir.endsWith(`${path.sep}${shownDir}`) ? absDir.slice(0, -shownDir.length - 1) : undefined;
  const withDir = text.split(absDir).join(shownDir);
  return root ? withDir.split(`${root}${path.sep}`).join('') : withDir;
}
