// How an input is read (the Action's core.getInput, the CLI's flags, a test's map), and the boolean
// parser the settings readers share: below them, so none imports another for it.
import { ConfigurationError } from '../model/errors.js';
import { inputDefault } from './input-defaults.js';

export type InputReader = (name: string) => string;

export function parseBoolean(input: InputReader, name: string): boolean {
  const value = input(name).trim() || inputDefault(name);
  if (/^(true|True|TRUE)$/.test(value)) return true;
  if (/^(false|False|FALSE)$/.test(value)) return false;
  throw new ConfigurationError(`Input '${name}' must be true or false; got '${value}'.`, name);
}
