// The helm home `helm dependency build` runs in: helm resolves a dependency's repository URL only
// through repositories.yaml (with Chart.lock committed it refuses one never `helm repo add`ed), so
// each build gets a temporary home (HELM_REPOSITORY_CONFIG, HELM_REPOSITORY_CACHE, HELM_CACHE_HOME
// in a fresh private directory) holding a copy of the user's repositories.yaml, so a private
// repository added by an earlier step keeps its credentials, and every http(s) repository the
// chart's dependencies name that the copy lacks, added under a generated name. The copy is made
// and listed by file copy and `helm repo list` (names and URLs): kube-gitops never reads the
// credentials in it. The user's own helm configuration is never written; the home is removed after the build.
import { createHash } from 'node:crypto';
import { copyFile, mkdtemp, realpath, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { isJsonObject } from '../../../objects/kube-object.js';
import { chartDependencies } from './helm-chart-files.js';
import { HelmCommandError, runHelm } from './helm-command.js';

/** A temporary helm home: the environment that points helm at it, and its directory. */
export interface DependencyHome {
  env: Record<string, string>;
  dir: string;
}

/** Runs `build` in a temporary helm home made for the chart in `chartDir`, then removes the home; a problem names a repository that cannot be added. */
export async function inDependencyHome<T>(chartDir: string, build: (home: DependencyHome) => Promise<T>): Promise<T | { problem: string }> {
  const dir = await realpath(await mkdtemp(path.join(os.tmpdir(), 'kube-gitops-helm-home-')));
  try {
    const home = { dir, env: homeEnvironment(dir) };
    await copyUserRepositories(home);
    const problem = await addRepositories(home, await dependencyRepositories(chartDir));
    return problem === undefined ? await build(home) : { problem };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function homeEnvironment(dir: string): Record<string, string> {
  return {
    HELM_REPOSITORY_CONFIG: path.join(dir, 'repositories.yaml'),
    HELM_REPOSITORY_CACHE: path.join(dir, 'cache', 'repository'),
    HELM_CACHE_HOME: path.join(dir, 'cache'),
  };
}

/** The user's repositories.yaml (where `helm env` says), copied in when there is one. */
async function copyUserRepositories(home: DependencyHome): Promise<void> {
  const own = (await runHelm(['env', 'HELM_REPOSITORY_CONFIG'])).trim();
  if (own === '') return;
  await copyFile(own, home.env.HELM_REPOSITORY_CONFIG ?? '').catch((error: unknown) => {
    if (!(typeof error === 'object' && error !== null && 'code' in error && error.code === 'ENOENT')) throw error;
  });
}

/** Adds each URL the home's repositories.yaml lacks; the first that cannot be added is named. */
async function addRepositories(home: DependencyHome, urls: readonly string[]): Promise<string | undefined> {
  const known = await knownUrls(home);
  for (const url of urls) {
    if (known.has(url)) continue;
    const name = `kube-gitops-${createHash('sha256').update(url).digest('hex').slice(0, 12)}`;
    try {
      await runHelm(['repo', 'add', name, url], { env: home.env, shownAs: new Map([[home.dir, 'a temporary helm home']]) });
    } catch (error) {
      if (!(error instanceof HelmCommandError) || error.missing) throw error;
      return `the chart repository "${url}" cannot be reached (\`helm repo add\`): ${error.message}`;
    }
    known.add(url);
  }
  return undefined;
}

/** The URLs of the home's repositories, as `helm repo list` tells them (kube-gitops never reads repositories.yaml, which holds credentials). */
async function knownUrls(home: DependencyHome): Promise<Set<string>> {
  let listed: unknown;
  try {
    listed = JSON.parse(await runHelm(['repo', 'list', '--output', 'json'], { env: home.env }));
  } catch (error) {
    // `helm repo list` fails when no repository was added.
    if ((error instanceof HelmCommandError && !error.missing) || error instanceof SyntaxError) return new Set();
    throw error;
  }
  const entries = Array.isArray(listed) ? (listed as unknown[]) : [];
  return new Set(entries.flatMap((r) => (isJsonObject(r) && typeof r.url === 'string' ? [withoutSlash(r.url)] : [])));
}

/** The http(s) repositories of the chart's dependencies (file://, oci:// and @name / alias: entries need none). */
async function dependencyRepositories(chartDir: string): Promise<string[]> {
  const urls = (await chartDependencies(path.join(chartDir, 'Chart.yaml'))).flatMap((d) =>
    /^https?:\/\//.test(d.repository) ? [withoutSlash(d.repository)] : [],
  );
  return [...new Set(urls)];
}

function withoutSlash(url: string): string {
  return url.replace(/\/+$/, '');
}
