// The commit endpoints of the strict local GitHub stand-in (github-api-server.ts): the pull requests
// of a commit, the comparison of two commits and one commit with GitHub's signature verification,
// each answered in the shape GitHub's OpenAPI description gives the operation, from what the test
// says about its commits (GitHubApiServerOptions).
import { API, TIME, repositoryView, simpleUser } from './github-examples.js';
import { onePage, type RouteRequest, type Schema } from './github-openapi.js';

/** What the stand-in says about one commit's signature. */
export interface StandInCommit {
  verified: boolean;
  /** GitHub's `verification.reason`: valid, unsigned, unknown_key, invalid, … */
  reason: string;
  committer?: { name: string; email: string };
  /** The committer's GitHub account (`web-flow` for commits made in the web UI); null when none matched. */
  login?: string | null;
}

/** A pull request associated with a commit, as the test describes it. */
export interface StandInPull {
  number: number;
  state: string;
  merged_at: string | null;
  head?: { sha: string };
}

export interface CommitAnswers {
  /** How head relates to base, for GET /repos/{o}/{r}/compare/{base}...{head}. */
  compare?: (base: string, head: string) => 'ahead' | 'behind' | 'identical' | 'diverged';
  /** The commits of the comparison, oldest first (GitHub pages them: `per_page` up to 100); none when not given. */
  between?: (base: string, head: string) => string[];
  /** Pull requests associated with a commit. */
  pulls?: (sha: string) => StandInPull[];
  /** GitHub's verification of a commit, for GET /repos/{o}/{r}/commits/{ref}; undefined: no such commit (422). */
  commits?: (sha: string) => StandInCommit | undefined;
}

const ZERO = '0'.repeat(40);
const octocat = { name: 'Monalisa Octocat', email: 'mona@github.com' };

/** `commit`, with `commit.verification` as GitHub writes it. */
function commitView(r: RouteRequest, sha: string, c: StandInCommit): Schema<'commit'> {
  const committer = c.committer ?? octocat;
  const user = c.login ? simpleUser({ login: c.login, id: 19864447, type: 'User' }) : null;
  const signed = c.reason !== 'unsigned';
  return {
    url: `${r.repoUrl}/commits/${sha}`,
    sha,
    node_id: `C_${sha.slice(0, 20)}`,
    html_url: `https://github.com/${r.owner}/${r.repo}/commit/${sha}`,
    comments_url: `${r.repoUrl}/commits/${sha}/comments`,
    commit: {
      url: `${r.repoUrl}/git/commits/${sha}`,
      author: { ...committer, date: TIME },
      committer: { ...committer, date: TIME },
      message: 'a commit',
      tree: { url: `${r.repoUrl}/git/trees/${ZERO}`, sha: ZERO },
      comment_count: 0,
      verification: {
        verified: c.verified,
        reason: c.reason,
        signature: signed ? '-----BEGIN PGP SIGNATURE-----\n\n-----END PGP SIGNATURE-----\n' : null,
        payload: signed ? `tree ${ZERO}\n` : null,
        verified_at: c.verified ? '2026-11-22T10:00:01Z' : null,
      },
    },
    author: user,
    committer: user,
    parents: [],
    stats: { additions: 0, deletions: 0, total: 0 },
    files: [],
  };
}

/** `pull-request-simple`; a pull request merged by fast-forward has the commit itself as its head, and GitHub always sends the head. */
export function pullView(r: RouteRequest, sha: string, p: StandInPull): Schema<'pull-request-simple'> {
  const url = `${API}/repos/${r.owner}/${r.repo}/pulls/${p.number}`;
  const html = `https://github.com/${r.owner}/${r.repo}/pull/${p.number}`;
  const issue = `${API}/repos/${r.owner}/${r.repo}/issues/${p.number}`;
  const author = simpleUser({ login: 'octocat', id: 1, type: 'User' });
  const side = (ref: string, at: string) => ({ label: `${r.owner}:${ref}`, ref, repo: repositoryView(r.owner, r.repo), sha: at, user: author });
  return {
    url,
    id: p.number,
    node_id: `PR_${p.number}`,
    html_url: html,
    diff_url: `${html}.diff`,
    patch_url: `${html}.patch`,
    issue_url: issue,
    commits_url: `${url}/commits`,
    review_comments_url: `${url}/comments`,
    review_comment_url: `${API}/repos/${r.owner}/${r.repo}/pulls/comments{/number}`,
    comments_url: `${issue}/comments`,
    statuses_url: `${API}/repos/${r.owner}/${r.repo}/statuses/${p.head?.sha ?? sha}`,
    number: p.number,
    state: p.state,
    locked: false,
    title: 'Change the manifests',
    user: author,
    body: null,
    labels: [],
    milestone: null,
    created_at: '2026-11-21T10:00:00Z',
    updated_at: TIME,
    closed_at: p.merged_at,
    merged_at: p.merged_at,
    merge_commit_sha: p.merged_at ? sha : null,
    assignee: null,
    head: side('feature', p.head?.sha ?? sha),
    base: side('main', ZERO),
    _links: {
      comments: { href: `${issue}/comments` },
      commits: { href: `${url}/commits` },
      statuses: { href: `${API}/repos/${r.owner}/${r.repo}/statuses/${p.head?.sha ?? sha}` },
      html: { href: html },
      issue: { href: issue },
      review_comments: { href: `${url}/comments` },
      review_comment: { href: `${API}/repos/${r.owner}/${r.repo}/pulls/comments{/number}` },
      self: { href: url },
    },
    author_association: 'CONTRIBUTOR',
    auto_merge: null,
  };
}

function comparison(
  r: RouteRequest,
  base: string,
  head: string,
  status: Schema<'commit-comparison'>['status'],
  between: readonly string[] | undefined,
): { body: Schema<'commit-comparison'>; headers: Record<string, string> } {
  const basehead = `${base}...${head}`;
  const baseCommit = commitView(r, base, { verified: false, reason: 'unsigned' });
  const page = onePage(r, between ?? []);
  const body: Schema<'commit-comparison'> = {
    url: `${r.repoUrl}/compare/${basehead}`,
    html_url: `https://github.com/${r.owner}/${r.repo}/compare/${basehead}`,
    permalink_url: `https://github.com/${r.owner}/${r.repo}/compare/${r.owner}:${basehead}`,
    diff_url: `https://github.com/${r.owner}/${r.repo}/compare/${basehead}.diff`,
    patch_url: `https://github.com/${r.owner}/${r.repo}/compare/${basehead}.patch`,
    base_commit: baseCommit,
    merge_base_commit: baseCommit,
    status,
    ahead_by: between ? between.length : status === 'ahead' || status === 'diverged' ? 1 : 0,
    behind_by: status === 'behind' || status === 'diverged' ? 1 : 0,
    total_commits: between?.length ?? 0,
    commits: page.items.map((sha) => commitView(r, sha, { verified: false, reason: 'unsigned' })),
    files: [],
  };
  return { body, headers: page.headers };
}

/** Answers the request when it is one of the commit endpoints the test gave answers for; false otherwise. */
export function handleCommits(r: RouteRequest, answers: CommitAnswers): boolean {
  if (r.method !== 'GET') return false;
  let m: RegExpExecArray | null;
  if ((m = /^\/commits\/([0-9a-f]{7,40})\/pulls$/.exec(r.path))) {
    const sha = m[1]!;
    const pulls = (answers.pulls?.(sha) ?? []).map((p) => pullView(r, sha, p));
    r.reply('/repos/{owner}/{repo}/commits/{commit_sha}/pulls', 'get', 200, pulls);
  } else if ((m = /^\/compare\/([0-9a-f]{7,40})\.\.\.([0-9a-f]{7,40})$/.exec(r.path)) && answers.compare) {
    const { body, headers } = comparison(r, m[1]!, m[2]!, answers.compare(m[1]!, m[2]!), answers.between?.(m[1]!, m[2]!));
    r.reply('/repos/{owner}/{repo}/compare/{basehead}', 'get', 200, body, headers);
  } else if ((m = /^\/commits\/([0-9a-f]{7,40})$/.exec(r.path)) && answers.commits) {
    const found = answers.commits(m[1]!);
    if (found) r.reply('/repos/{owner}/{repo}/commits/{ref}', 'get', 200, commitView(r, m[1]!, found));
    else r.reply('/repos/{owner}/{repo}/commits/{ref}', 'get', 422, { message: `No commit found for SHA: ${m[1]!}`, documentation_url: r.docs });
  } else return false;
  return true;
}
