// The pull request files endpoint of the strict local GitHub stand-in (github-api-server.ts):
// GET /repos/{o}/{r}/pulls/{n}/files, one page at a time (per_page at most 100, a Link header to the
// others) and never more than GitHub's 3,000 files however many the pull request changes, each a
// `diff-entry` as GitHub's OpenAPI description gives it. A pull request the test did not describe is 404.
import { onePage, type RouteRequest, type Schema } from './github-openapi.js';

/** One changed file, as the test describes it. */
export interface StandInFile {
  filename: string;
  status: Schema<'diff-entry'>['status'];
  previous_filename?: string;
}

export interface PullFileAnswers {
  /** The files pull request `pullNumber` changes, all of them; undefined: no such pull request. */
  pullFiles?: (pullNumber: number) => StandInFile[] | undefined;
}

/** GitHub lists no more of a pull request's files than this. */
const GITHUB_FILES_LIMIT = 3000;
const BLOB = '6dcb09b5b57875f334f61aebed695e2e4193db5e';

function diffEntry(r: RouteRequest, f: StandInFile): Schema<'diff-entry'> {
  const at = `https://github.com/${r.owner}/${r.repo}`;
  const name = encodeURIComponent(f.filename);
  return {
    sha: f.status === 'removed' ? null : BLOB,
    filename: f.filename,
    status: f.status,
    additions: 1,
    deletions: 0,
    changes: 1,
    blob_url: `${at}/blob/${BLOB}/${name}`,
    raw_url: `${at}/raw/${BLOB}/${name}`,
    contents_url: `${r.repoUrl}/contents/${name}?ref=${BLOB}`,
    ...(f.previous_filename === undefined ? {} : { previous_filename: f.previous_filename }),
  };
}

/** Answers the request when it lists a pull request's files; false for any other request. */
export function handlePullFiles(r: RouteRequest, answers: PullFileAnswers): boolean {
  const m = /^\/pulls\/(\d+)\/files$/.exec(r.path);
  if (!m || r.method !== 'GET' || !answers.pullFiles) return false;
  const files = answers.pullFiles(Number(m[1]));
  if (!files) {
    r.fail(404, 'Not Found');
    return true;
  }
  const page = onePage(r, files.slice(0, GITHUB_FILES_LIMIT));
  r.reply(
    '/repos/{owner}/{repo}/pulls/{pull_number}/files',
    'get',
    200,
    page.items.map((f) => diffEntry(r, f)),
    page.headers,
  );
  return true;
}
