// The default of each input, as action.yml writes it (through the generated INPUT_DEFINITIONS): the
// reader falls back to these, so action.yml is the only place a default is written.
import { INPUT_DEFINITIONS } from './input-definitions.js';

/**
 * The default action.yml declares for `name`; '' when it declares none, or when the default is a
 * workflow expression (`${{ github.token }}`) that only the runner can evaluate.
 */
export function inputDefault(name: string): string {
  const value = INPUT_DEFINITIONS.find((d) => d.name === name)?.default ?? '';
  return value.includes('${{') ? '' : value;
}
