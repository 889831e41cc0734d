// The settings of a step: the inputs alone, or, with `target: NAME`, the targets file's entry of that
// name with the inputs given on the step over it (fleet-targets.ts). Without `target` the targets
// file is not read.
import { Inputs } from '../model/inputs-outputs.js';
import { readTargetSettings } from './fleet-targets.js';
import type { InputReader } from './input-reader.js';
import type { GivenInputs } from './target-layers.js';
import { readInputSettings } from './input-settings.js';
import type { Settings } from './settings.js';

export { parseDuration } from './input-settings.js';

/** `given`: which inputs the step set, when the reader knows (else a value equal to action.yml's default counts as not set). */
export function readSettings(input: InputReader, env: NodeJS.ProcessEnv, given?: GivenInputs): Settings {
  const target = input(Inputs.Target).trim();
  return target === '' ? readInputSettings(input, env) : readTargetSettings(target, input, env, given);
}
