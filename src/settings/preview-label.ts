// The `preview-label` input: the name of the label that lets a fork's pull request deploy its
// preview. GitHub's label names are one line of at most 50 characters, without surrounding spaces;
// any other value is a configuration error naming the input, since no label could ever match it and
// every fork would be refused without saying why. Empty: action.yml's default.
import { ConfigurationError } from '../model/errors.js';
import { Inputs } from '../model/inputs-outputs.js';
import { inputDefault } from './input-defaults.js';
import type { InputReader } from './input-reader.js';

/** GitHub refuses longer label names. */
const MAX_LABEL_CHARS = 50;

export function readPreviewLabel(input: InputReader): string {
  const label = input(Inputs.PreviewLabel).trim() || inputDefault(Inputs.PreviewLabel);
  if (Array.from(label).length > MAX_LABEL_CHARS || /\p{Cc}/u.test(label)) {
    throw new ConfigurationError(
      `Input '${Inputs.PreviewLabel}' must be a GitHub label's name: one line of at most ${MAX_LABEL_CHARS} characters; got ${JSON.stringify(label.slice(0, 60))}.`,
      Inputs.PreviewLabel,
    );
  }
  return label;
}
