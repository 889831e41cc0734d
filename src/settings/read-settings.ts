// The settings of a step: the inputs alone, or, with `target: NAME`, the targets file's entry of that
// name with the inputs given on the step over it (fleet-targets.ts). Without `target` the targets
// file is not read.
import { Inputs } from '../model/inputs-outputs.js';
import { readTargetSettings } from './fleet-targets.js';
import type { InputReader } from './input-reader.js';
import { readInputSettings } from './input-settings.js';
import type { Settings } from './settings.js';

export { parseDuration } from './input-settings.js';

export function readSettings(input: InputReader, env: NodeJS.ProcessEnv): Settings {
  const target = input(Inputs.Target).trim();
  return target === '' ? readInputSettings(input, env) : readTargetSettings(target, input, env);
}
