// The inputs that name where an apply is recorded as a GitHub Deployment: the environment (at most
// 255 characters, GitHub's limit for an environment's name; empty: decided later from the targets
// file or the target's name) and the URL of what the target serves (an absolute http(s) URL, since
// GitHub shows it as a link; empty: none). Bad values are configuration errors naming the input.
import { ConfigurationError } from '../model/errors.js';
import { Inputs } from '../model/inputs-outputs.js';
import type { InputReader } from './input-reader.js';
import type { TargetSettings } from './settings.js';

/** GitHub refuses longer environment names. */
const MAX_ENVIRONMENT_CHARS = 255;

export function readDeploymentSettings(input: InputReader): Pick<TargetSettings, 'environment' | 'environmentUrl'> {
  const environment = input(Inputs.Environment).trim();
  if (Array.from(environment).length > MAX_ENVIRONMENT_CHARS || /\p{Cc}/u.test(environment)) {
    throw new ConfigurationError(
      `Input '${Inputs.Environment}' must be a GitHub environment's name: one line of at most ${MAX_ENVIRONMENT_CHARS} characters.`,
      Inputs.Environment,
    );
  }
  const environmentUrl = input(Inputs.EnvironmentUrl).trim();
  if (environmentUrl !== '' && !isHttpUrl(environmentUrl)) {
    throw new ConfigurationError(
      `Input '${Inputs.EnvironmentUrl}' must be an absolute http:// or https:// URL; got ${JSON.stringify(environmentUrl.slice(0, 200))}.`,
      Inputs.EnvironmentUrl,
    );
  }
  return { ...(environment ? { environment } : {}), ...(environmentUrl ? { environmentUrl } : {}) };
}

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}
