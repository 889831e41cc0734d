// What every mode of the Action is given: the target's engine (logger, redactor, cluster client
// factory; src/run/engine.ts), the GitHub port when the run has a token, and the environment.
import type { GitHubApi } from '../github/github-port.js';
import type { Engine } from '../run/engine.js';

export interface ModeDeps extends Pick<Engine, 'logger' | 'redactor' | 'makeClient'> {
  github?: GitHubApi;
  env: NodeJS.ProcessEnv;
}

/** The apply mode writes: it needs the whole engine. */
export type ApplyModeDeps = ModeDeps & Engine;
