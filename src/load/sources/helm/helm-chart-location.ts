// Where a HelmChart's chart comes from, narrowed from spec.chart, spec.repo, spec.version and
// spec.plainHTTP: a directory in the workspace, a chart in a classic HTTP chart repository, or a
// chart in an OCI registry. Repository and registry charts need an exact version: a review must
// show what will be deployed, and a range would deploy whatever is newest at merge time.
import path from 'node:path';
import type { JsonObject } from '../../../objects/kube-object.js';

export type ChartLocation =
  /** A chart directory, relative to the workspace. */
  | { kind: 'local'; dir: string }
  /** `helm pull <name> --repo <repo> --version <version>`. */
  | { kind: 'repo'; repo: string; name: string; version: string }
  /** `helm pull oci://… --version <version>`; plain HTTP only when the HelmChart says so. */
  | { kind: 'oci'; ref: string; version: string; plainHTTP: boolean };

/** An exact SemVer 2 version (a leading `v` allowed, as helm allows it). */
const EXACT_VERSION = /^v?\d+\.\d+\.\d+(?:-[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?(?:\+[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?$/;

/** How messages name the chart: its directory, `name 1.2.3 from https://…`, or `oci://…:1.2.3`. */
export function chartLabel(c: ChartLocation): string {
  if (c.kind === 'local') return `'${c.dir}'`;
  if (c.kind === 'repo') return `${c.name} ${c.version} from ${c.repo}`;
  return `${c.ref}:${c.version}`;
}

/** The chart's location (paths relative to the workspace), or what is wrong with the fields. */
export function readChartLocation(s: JsonObject, file: string, name: string): ChartLocation | { problem: string } {
  const fail = (problem: string) => ({ problem: `HelmChart/${name}: ${problem}` });
  const chart = s.chart;
  if (typeof chart !== 'string' || chart === '') {
    return fail('spec.chart must be a chart directory relative to this file, a chart name with spec.repo, or oci://host/path/name');
  }
  if (s.plainHTTP !== undefined && typeof s.plainHTTP !== 'boolean') return fail('spec.plainHTTP must be true or false');
  const isOci = chart.startsWith('oci://');
  if (s.plainHTTP === true && !isOci)
    return fail('spec.plainHTTP is only for charts in an OCI registry (oci://…); a chart repository says http:// in spec.repo');
  if (s.repo === undefined && !isOci) {
    if (s.version !== undefined) return fail("spec.version is only for charts from a repository or registry: a local chart's version is in its Chart.yaml");
    return { kind: 'local', dir: path.posix.join(path.posix.dirname(file), chart) };
  }
  const version = exactVersion(s.version);
  if ('problem' in version) return fail(version.problem);
  if (isOci) {
    if (s.repo !== undefined) return fail('spec.repo is not used with an oci:// chart: give the whole reference in spec.chart (oci://host/path/name)');
    const ref = ociReference(chart);
    return 'problem' in ref ? fail(ref.problem) : { kind: 'oci', ref: ref.ref, version: version.version, plainHTTP: s.plainHTTP === true };
  }
  const repo = repositoryUrl(s.repo);
  if ('problem' in repo) return fail(repo.problem);
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(chart)) return fail(`spec.chart '${chart}' must be the chart's name in the repository ${repo.url} (no path)`);
  return { kind: 'repo', repo: repo.url, name: chart, version: version.version };
}

function exactVersion(value: unknown): { version: string } | { problem: string } {
  if (value === undefined || value === null || value === '') {
    return { problem: 'spec.version is required for a chart from a repository or registry: pin the exact version to deploy, such as 1.2.3' };
  }
  if (typeof value !== 'string' && typeof value !== 'number') return { problem: 'spec.version must be an exact version, such as 1.2.3' };
  const v = String(value).trim();
  if (EXACT_VERSION.test(v)) return { version: v };
  return {
    problem: `spec.version '${v}' is a range or not a whole version: a review must show the exact chart that will be deployed, so pin one, such as 1.2.3 (quoted if YAML would read it as a number)`,
  };
}

function repositoryUrl(value: unknown): { url: string } | { problem: string } {
  if (typeof value !== 'string' || value === '') return { problem: 'spec.repo must be the URL of a chart repository (https://…)' };
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return { problem: `spec.repo '${value}' is not a URL: give the chart repository's https:// address` };
  }
  if (url.protocol === 'oci:') return { problem: 'spec.repo cannot be an OCI registry: write the chart as spec.chart: oci://host/path/name' };
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { problem: `spec.repo must be an http:// or https:// URL, not ${url.protocol}` };
  if (url.username !== '' || url.password !== '') {
    return { problem: 'spec.repo must not hold credentials: log in with `helm repo add` in a step before this one (see the README)' };
  }
  return { url: value.replace(/\/+$/, '') };
}

function ociReference(chart: string): { ref: string } | { problem: string } {
  let url: URL;
  try {
    url = new URL(chart);
  } catch {
    return { problem: `spec.chart '${chart}' is not a valid oci:// reference (oci://host/path/name)` };
  }
  if (url.username !== '' || url.password !== '') {
    return { problem: 'spec.chart must not hold credentials: log in with `helm registry login` in a step before this one (see the README)' };
  }
  const rest = url.pathname.replace(/^\/+/, '');
  if (url.host === '' || rest === '' || url.search !== '' || url.hash !== '') return { problem: `spec.chart '${chart}' must be oci://host/path/name` };
  if (/[:@]/.test(rest)) return { problem: `spec.chart '${chart}' must not carry a tag or digest: give the version in spec.version` };
  return { ref: chart.replace(/\/+$/, '') };
}
