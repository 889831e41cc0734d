// One target's input values in layers: a value given on the step wins, then the entry's, then the
// file's `defaults:`, then action.yml's default (which the inputs' parser applies to ''). The runner
// passes action.yml's default for every input the step leaves out, so a step value equal to that
// default counts as not given: the file's value stands. The parser's errors about a value that came
// from the file are rethrown at that value's file:line. A reader that knows which inputs were given
// (the CLI's flags) says so with `given`, and then a given default overrides the file too.
import { ConfigurationError } from '../model/errors.js';
import { inputDefault } from './input-defaults.js';
import type { InputReader } from './input-reader.js';
import { TARGET_INPUTS } from './target-fields.js';
import { errorAt, type FieldValue, type TargetEntry, type TargetsFile } from './targets-file.js';

export interface LayeredTarget {
  input: InputReader;
  /** The file's value of an input when the layers take it from the file (not the step). */
  fromFile(name: string): FieldValue | undefined;
}

/** Whether the step gave an input (the CLI knows its flags; the runner fills in every default). */
export type GivenInputs = (name: string) => boolean;

const PER_TARGET: ReadonlySet<string> = new Set(TARGET_INPUTS);

/** The layers of one entry; `step` reads the step's inputs (`() => ''`: the file's values alone). */
export function layerTarget(file: TargetsFile, entry: TargetEntry, step: InputReader, given?: GivenInputs): LayeredTarget {
  const givenOnStep = (name: string): string | undefined => {
    const value = step(name);
    if (value.trim() === '') return undefined;
    if (given) return given(name) ? value : undefined;
    return value.trim() !== inputDefault(name) ? value : undefined;
  };
  const fromFile = (name: string): FieldValue | undefined => {
    if (!PER_TARGET.has(name) || givenOnStep(name) !== undefined) return undefined;
    return entry.fields.get(name) ?? file.defaults.get(name);
  };
  return { input: (name) => fromFile(name)?.text ?? step(name), fromFile };
}

/** Runs the parser over a layered target: a ConfigurationError about a file value names its file:line and field. */
export function atFileLines<T>(file: TargetsFile, layered: LayeredTarget, read: () => T): T {
  try {
    return read();
  } catch (error) {
    const value = error instanceof ConfigurationError && error.input ? layered.fromFile(error.input) : undefined;
    if (!(error instanceof ConfigurationError) || !error.input || !value) throw error;
    throw errorAt(file.file, value.line, oneLine(error.message.replace(/^Input '/, "field '")));
  }
}

/** The file's text is the attacker's: a control character in a quoted value is escaped (`\n`), so the message stays one line. */
function oneLine(message: string): string {
  return message.replace(/\p{Cc}/gu, (c) => JSON.stringify(c).slice(1, -1));
}
