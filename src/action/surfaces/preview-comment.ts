// The preview's one sticky comment on its pull request (src/preview/preview-markdown.ts), created or
// updated in place under the preview's own marker on the preview's pull request, its URL the
// `comment-url` output; the same text is the job summary unless the caller writes its own (the sweep). Everything below the marker passes through the run's redactor. `comment: false`
// or no token: nothing is posted; a token that may not comment leaves a warning, never a failed step.
import * as core from '@actions/core';
import { upsertStickyComment } from '../../github/sticky-comment.js';
import { previewMarker, previewMarkdown, type PreviewView } from '../../preview/preview-markdown.js';
import type { Settings } from '../../settings/settings.js';
import type { ModeDeps } from '../mode-deps.js';
import { Outputs } from '../../model/inputs-outputs.js';
import { writeSummary } from './runner-writes.js';
import { unlessForbidden } from './permission-warning.js';

export async function postPreviewComment(view: PreviewView, settings: Settings, options: { summary: boolean }, deps: ModeDeps): Promise<string | undefined> {
  const { github, logger } = deps;
  const marker = previewMarker(view.preview);
  const [, ...below] = previewMarkdown(view).split('\n');
  const body = `${marker}\n${deps.redactor.redactString(below.join('\n'))}`;
  if (options.summary) await writeSummary(body);
  if (!settings.comment) return undefined;
  if (!github) {
    logger.warning('No github-token: the preview is described in the job summary only.');
    return undefined;
  }
  const issueNumber = view.preview.number;
  const result = await unlessForbidden(logger, 'The token cannot comment on this pull request; the preview is described in the job summary.', () =>
    upsertStickyComment(github, { issueNumber, marker, body }),
  );
  if (result) {
    logger.info(`Preview comment ${result.action}: ${result.url}`);
    core.setOutput(Outputs.CommentUrl, result.url);
  }
  return result?.url;
}
