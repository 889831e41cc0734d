// Which preview a `kube-gitops preview` run is about: the pull request's number (--pr) and the
// GitHub repository whose previews these are (--repository, else the git remote origin's GitHub
// URL), as the Action knows them from its event. Both are checked here, with a message naming the flag.
import { execFile } from 'node:child_process';
import { ConfigurationError } from '../model/errors.js';
import { childEnvironment } from '../tools/child-environment.js';
import type { ParsedCommandLine } from './cli-flags.js';

const REPOSITORY = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})\/[A-Za-z0-9._-]{1,100}$/;

/** --pr N: a positive whole number. */
export function pullNumberOf(line: ParsedCommandLine): number {
  const value = line.flags.get('pr');
  if (value === undefined) throw new ConfigurationError('kube-gitops preview needs --pr N (the pull request whose preview it is), or --sweep.');
  return positive(value, '--pr');
}

/** --closed 12,15: the pull requests that are closed. */
export function closedNumbersOf(line: ParsedCommandLine): number[] {
  const value = line.flags.get('closed') ?? '';
  return value
    .split(',')
    .map((v) => v.trim())
    .filter((v) => v !== '')
    .map((v) => positive(v, '--closed'));
}

function positive(value: string, flag: string): number {
  const n = Number(value);
  if (!/^[1-9][0-9]{0,9}$/.test(value) || !Number.isSafeInteger(n))
    throw new ConfigurationError(`${flag} takes pull request numbers (positive whole numbers); got '${value.slice(0, 40)}'.`);
  return n;
}

/** `owner/repo`: --repository, else origin's GitHub URL (https or ssh). */
export async function repositoryOf(line: ParsedCommandLine, workspace: string): Promise<string> {
  const given = line.flags.get('repository');
  const found = given ?? fromRemote(await originUrl(workspace));
  if (found !== undefined && REPOSITORY.test(found)) return found;
  throw new ConfigurationError(
    given === undefined
      ? "kube-gitops preview needs the GitHub repository whose previews these are: pass --repository OWNER/REPO (the git remote origin is not a GitHub repository's URL)."
      : `--repository takes OWNER/REPO as GitHub names them; got '${given.slice(0, 100)}'.`,
  );
}

function fromRemote(url: string | undefined): string | undefined {
  const m = /^(?:https:\/\/[^/]+\/|ssh:\/\/git@[^/]+\/|git@[^:]+:)([^/]+\/[^/]+?)(?:\.git)?\/?$/.exec(url ?? '');
  return m?.[1];
}

function originUrl(dir: string): Promise<string | undefined> {
  return new Promise((resolve) => {
    execFile('git', ['remote', 'get-url', 'origin'], { cwd: dir, env: childEnvironment('git') }, (error, stdout) => resolve(error ? undefined : stdout.trim()));
  });
}
