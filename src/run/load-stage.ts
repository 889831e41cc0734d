// Load, as every front end runs it: the manifests → DesiredObjects (and, for the signature gate,
// the load's read set), each Secret value and each value decrypted from a SOPS file registered with
// the run's redactor before anything naming an object is logged or thrown.
import { ManifestError } from '../model/errors.js';
import type { Logger } from '../model/logger.js';
import type { CapabilitiesSource } from '../load/sources/helm/helm-capabilities.js';
import { loadDesiredState, type LoadResult } from '../load/manifest-loader.js';
import type { DesiredObject } from '../objects/desired-object.js';
import { registerSecrets } from '../plan/mask-plan.js';
import { secretFragments } from '../redaction/secret-fragments.js';
import type { SecretRedactor } from '../redaction/secret-redactor.js';
import { sopsEnvironment } from '../load/sops/age-key.js';
import { limited } from '../concurrency/limited.js';
import { sopsDecrypt } from '../load/sops/sops-cli.js';
import type { SopsOptions } from '../load/sops/sops-file.js';

/** sops processes at once (each file is one; a repository may hold hundreds). */
const SOPS_PROCESSES = 4;

/** What to load, relative to which workspace. */
export interface LoadSettings {
  workspace: string;
  paths: string[];
  exclude: string[];
  /** The release namespace of HelmChart documents without one (the `namespace` input). */
  namespace?: string;
  /** The age key(s) for SOPS-encrypted files (the `sops-age-key` input). */
  sopsAgeKey?: string;
}

/** Loads; a ManifestError (every problem of the run) is thrown as it is. Charts render with `capabilities` when given. */
export async function loadDesired(
  settings: LoadSettings,
  logger: Logger,
  redactor: SecretRedactor,
  capabilities?: CapabilitiesSource,
): Promise<DesiredObject[]> {
  return (await loadWithReads(settings, logger, redactor, capabilities)).objects;
}

/** As {@link loadDesired}, with every workspace file and directory the load read. */
export function loadWithReads(settings: LoadSettings, logger: Logger, redactor: SecretRedactor, capabilities?: CapabilitiesSource): Promise<LoadResult> {
  return loadDesiredState({
    workspace: settings.workspace,
    paths: settings.paths,
    exclude: settings.exclude,
    ...(settings.namespace === undefined ? {} : { namespace: settings.namespace }),
    logger,
    ...(capabilities ? { capabilities } : {}),
    onObjects: (objects) => registerSecrets(objects, redactor),
    sops: sopsOptions(settings, redactor),
  });
}

/** sops runs with our environment (KMS credentials, SOPS_AGE_KEY_FILE) and the key; each decrypted value is registered at once. */
function sopsOptions(settings: LoadSettings, redactor: SecretRedactor): SopsOptions {
  return {
    ...(settings.sopsAgeKey ? { ageKey: settings.sopsAgeKey } : {}),
    env: sopsEnvironment(process.env),
    onPlaintext: (values) => redactor.add(values.flatMap(secretFragments)),
    decrypt: limited(sopsDecrypt, SOPS_PROCESSES),
  };
}

/** Loads (with the read set), logging each problem at its file and line (an annotation on the runner) before rethrowing. */
export async function loadWithReadsReported(
  settings: LoadSettings,
  logger: Logger,
  redactor: SecretRedactor,
  capabilities?: CapabilitiesSource,
): Promise<LoadResult> {
  try {
    return await loadWithReads(settings, logger, redactor, capabilities);
  } catch (error) {
    if (!(error instanceof ManifestError) || error.reported) throw error;
    for (const p of error.problems) logger.error(p.message, p.source);
    throw new ManifestError(error.problems, true);
  }
}
