import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Inputs } from '../../../src/model/inputs-outputs.js';
import { readSettings } from '../../../src/settings/read-settings.js';
import { splitSettings } from '../../../src/settings/settings.js';
import { assertRefused } from '../../support/targets-workspace.js';

describe("the label that opts a fork's pull request into a preview: the preview-label input", () => {
  const read = (inputs: Record<string, string>) => readSettings((n) => inputs[n] ?? '', { GITHUB_WORKSPACE: process.cwd() });

  it("is action.yml's default `preview` when not given, and the step's value (trimmed) when given, for the whole run", () => {
    assert.equal(read({}).previewLabel, 'preview');
    const given = read({ [Inputs.PreviewLabel]: ' safe to deploy 🚀 ' });
    assert.equal(given.previewLabel, 'safe to deploy 🚀');
    assert.equal(splitSettings(given).run.previewLabel, 'safe to deploy 🚀');
  });

  it('refuses a name no GitHub label can have (more than 50 characters, or more than one line), naming the input', () => {
    assertRefused(() => read({ [Inputs.PreviewLabel]: 'p'.repeat(51) }), `Input '${Inputs.PreviewLabel}' must be a GitHub label's name`, /50 characters/);
    assertRefused(() => read({ [Inputs.PreviewLabel]: 'preview\nsafe' }), `Input '${Inputs.PreviewLabel}'`, /one line/);
  });
});
