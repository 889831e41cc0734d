// A target's review record in a fleet's one comment (`mode: fleet`): the body's first line is a
// fleet marker and the records are the lines right under it, one per target, up to the first line
// that is not a record. Nothing lower in the body is read: the renderers break every `<!--` of text
// that is not ours, so no manifest value quoted in a diff can start a line there. A target with two
// records in one comment has none that can be trusted.
import { isFleetMarker } from '../github/sticky-comment.js';
import { parseReviewLine, type BoundReview } from './review-marker.js';

const RECORD_START = '<!-- kube-gitops:review ';

/** The record of `target` in a fleet comment body; undefined when the body holds none (or two) in its leading lines. */
export function parseFleetReviewMarker(body: string, target: string): BoundReview | undefined {
  const lines = body.split(/\r?\n/);
  if (!isFleetMarker(lines[0] ?? '')) return undefined;
  const found: BoundReview[] = [];
  for (const line of lines.slice(1)) {
    if (!line.startsWith(RECORD_START)) break;
    const review = parseReviewLine(line, target);
    if (review) found.push(review);
  }
  return found.length === 1 ? found[0] : undefined;
}
