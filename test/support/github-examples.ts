// Realistic objects for the stand-in's answers, modelled on the examples in GitHub's REST
// documentation (octocat, Hello-World) and typed by GitHub's OpenAPI schemas: a user, a repository, a
// label, a git commit. The stand-in's routes put them together into each operation's response.
import type { Schema } from './github-openapi.js';

export const API = 'https://api.github.com';
export const TIME = '2026-11-22T10:00:00Z';

export interface Account {
  login: string;
  id: number;
  type: 'Bot' | 'User';
}

/** `simple-user`, as GitHub writes it for a person or an app's bot account. */
export function simpleUser(a: Account): Schema<'simple-user'> {
  const url = `${API}/users/${a.login}`;
  return {
    login: a.login,
    id: a.id,
    node_id: a.type === 'Bot' ? `BOT_${a.id}` : `U_${a.id}`,
    avatar_url: `https://avatars.githubusercontent.com/u/${a.id}?v=4`,
    gravatar_id: '',
    url,
    html_url: a.type === 'Bot' ? `https://github.com/apps/${a.login.replace(/\[bot\]$/, '')}` : `https://github.com/${a.login}`,
    followers_url: `${url}/followers`,
    following_url: `${url}/following{/other_user}`,
    gists_url: `${url}/gists{/gist_id}`,
    starred_url: `${url}/starred{/owner}{/repo}`,
    subscriptions_url: `${url}/subscriptions`,
    organizations_url: `${url}/orgs`,
    repos_url: `${url}/repos`,
    events_url: `${url}/events{/privacy}`,
    received_events_url: `${url}/received_events`,
    type: a.type,
    site_admin: false,
  };
}

/** `label`: a repository label as GitHub lists it on an issue or pull request. */
export function labelView(owner: string, repo: string, name: string, id: number, color = 'ededed', description: string | null = null): Schema<'label'> {
  return {
    id,
    node_id: `LA_${id}`,
    url: `${API}/repos/${owner}/${repo}/labels/${encodeURIComponent(name)}`,
    name,
    description,
    color,
    default: false,
  };
}

const repoUrls = (u: string) => ({
  archive_url: `${u}/{archive_format}{/ref}`,
  assignees_url: `${u}/assignees{/user}`,
  blobs_url: `${u}/git/blobs{/sha}`,
  branches_url: `${u}/branches{/branch}`,
  collaborators_url: `${u}/collaborators{/collaborator}`,
  comments_url: `${u}/comments{/number}`,
  commits_url: `${u}/commits{/sha}`,
  compare_url: `${u}/compare/{base}...{head}`,
  contents_url: `${u}/contents/{+path}`,
  contributors_url: `${u}/contributors`,
  deployments_url: `${u}/deployments`,
  downloads_url: `${u}/downloads`,
  events_url: `${u}/events`,
  forks_url: `${u}/forks`,
  git_commits_url: `${u}/git/commits{/sha}`,
  git_refs_url: `${u}/git/refs{/sha}`,
  git_tags_url: `${u}/git/tags{/sha}`,
  issue_comment_url: `${u}/issues/comments{/number}`,
  issue_events_url: `${u}/issues/events{/number}`,
  issues_url: `${u}/issues{/number}`,
  keys_url: `${u}/keys{/key_id}`,
  labels_url: `${u}/labels{/name}`,
  languages_url: `${u}/languages`,
  merges_url: `${u}/merges`,
  milestones_url: `${u}/milestones{/number}`,
  notifications_url: `${u}/notifications{?since,all,participating}`,
  pulls_url: `${u}/pulls{/number}`,
  releases_url: `${u}/releases{/id}`,
  stargazers_url: `${u}/stargazers`,
  statuses_url: `${u}/statuses/{sha}`,
  subscribers_url: `${u}/subscribers`,
  subscription_url: `${u}/subscription`,
  tags_url: `${u}/tags`,
  teams_url: `${u}/teams`,
  trees_url: `${u}/git/trees{/sha}`,
  hooks_url: `${u}/hooks`,
});

/** `repository`: the repository a pull request's head and base belong to. */
export function repositoryView(owner: string, repo: string): Schema<'repository'> {
  const html = `https://github.com/${owner}/${repo}`;
  return {
    id: 1296269,
    node_id: 'MDEwOlJlcG9zaXRvcnkxMjk2MjY5',
    name: repo,
    full_name: `${owner}/${repo}`,
    license: null,
    forks: 0,
    owner: simpleUser({ login: owner, id: 1, type: 'User' }),
    private: false,
    html_url: html,
    description: null,
    fork: false,
    url: `${API}/repos/${owner}/${repo}`,
    ...repoUrls(`${API}/repos/${owner}/${repo}`),
    git_url: `git:github.com/${owner}/${repo}.git`,
    ssh_url: `git@github.com:${owner}/${repo}.git`,
    clone_url: `${html}.git`,
    mirror_url: null,
    svn_url: html,
    homepage: null,
    language: null,
    forks_count: 0,
    stargazers_count: 0,
    watchers_count: 0,
    watchers: 0,
    size: 108,
    default_branch: 'main',
    open_issues_count: 0,
    open_issues: 0,
    has_issues: true,
    has_projects: true,
    has_wiki: true,
    has_pages: false,
    has_downloads: true,
    archived: false,
    disabled: false,
    pushed_at: TIME,
    created_at: '2011-01-26T19:01:12Z',
    updated_at: TIME,
  };
}
