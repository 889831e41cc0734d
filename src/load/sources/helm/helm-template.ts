// Runs `helm template` for one chart directory. A failure leaves this module as a HelmCommandError
// whose message is helm's own error (see helm-command.ts) with every value the chart was given, and
// every default of its values.yaml, hidden.
import type { JsonObject } from '../../../objects/kube-object.js';
import { capabilityArgs, type HelmCapabilities } from './helm-capabilities.js';
import { HelmCommandError, runHelm } from './helm-command.js';
import { SecretRedactor } from '../../../redaction/secret-redactor.js';
import { chartDefaultValuesFiles, chartValueStrings } from './helm-values-secrets.js';

/** What to render, with absolute paths. */
export interface HelmTemplateRequest {
  release: string;
  namespace: string;
  chartDir: string;
  valuesFiles: string[];
  /** Sent on stdin as the last values file, so it wins over the files. */
  values: JsonObject;
  includeCRDs: boolean;
  /** The live cluster's (with the HelmChart's own additions); helm's built-in ones when absent. */
  capabilities?: HelmCapabilities;
  /** API versions added to helm's built-in ones when there are no live Capabilities (spec.apiVersions). */
  extraApiVersions?: string[];
  /** Absolute directories shown in errors as the text they map to (the workspace as ''). */
  shownAs: ReadonlyMap<string, string>;
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
    ...(r.extraApiVersions ?? []).flatMap((v) => ['--api-versions', v]),
    ...r.valuesFiles.flatMap((f) => ['--values', f]),
    '--values',
    '-',
  ];
}

/** The rendered multi-document YAML of one chart. */
export async function helmTemplate(r: HelmTemplateRequest): Promise<string> {
  try {
    return await runHelm(helmTemplateArgs(r), { stdin: JSON.stringify(r.values), shownAs: r.shownAs });
  } catch (error) {
    if (!(error instanceof HelmCommandError)) throw error;
    throw new HelmCommandError(withoutValues(error.message, r), error.missing);
  }
}

/** helm's message with every value the chart was given, or has by default, hidden (a `fail` may quote one). */
function withoutValues(message: string, r: HelmTemplateRequest): string {
  const redactor = new SecretRedactor();
  redactor.add(chartValueStrings(r.values, [...chartDefaultValuesFiles(r.chartDir), ...r.valuesFiles]));
  return redactor.redactString(message);
}
