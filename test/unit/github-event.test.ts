import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { readGitHubEvent, resolveMode } from '../../src/action/github-event.js';
import { pullRequestPayload, pushPayload } from '../support/run-action.js';

function envFor(event: string, payload: Record<string, unknown>, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'kg-event-')), 'event.json');
  writeFileSync(file, JSON.stringify(payload));
  return { GITHUB_EVENT_NAME: event, GITHUB_EVENT_PATH: file, GITHUB_REPOSITORY: 'Codertocat/Hello-World', ...extra };
}

describe('the event', () => {
  it('reads a real pull_request payload: number, head and base commits', () => {
    const e = readGitHubEvent(envFor('pull_request', pullRequestPayload({ number: 7, baseSha: 'b'.repeat(40), headSha: 'h'.repeat(40) }), { GITHUB_SHA: 'm'.repeat(40) }));
    assert.deepEqual(e.pullRequest, { number: 7, baseSha: 'b'.repeat(40), headSha: 'h'.repeat(40), headRepoFork: false });
    assert.equal(e.sha, 'h'.repeat(40), 'the PR head, not the merge commit');
    assert.equal(resolveMode('auto', e), 'plan');
  });

  it('applies on a push to the default branch in auto mode', () => {
    const e = readGitHubEvent(envFor('push', pushPayload({ before: 'a'.repeat(40), after: 'c'.repeat(40) }), { GITHUB_REF: 'refs/heads/master', GITHUB_SHA: 'c'.repeat(40) }));
    assert.equal(e.defaultBranch, 'master');
    assert.equal(resolveMode('auto', e), 'apply');
  });

  it('asks for an explicit mode on a push to another branch or another event', () => {
    const push = readGitHubEvent(envFor('push', pushPayload({ before: 'a'.repeat(40), after: 'c'.repeat(40) }), { GITHUB_REF: 'refs/heads/feature' }));
    assert.throws(() => resolveMode('auto', push), /set the input 'mode' to plan or apply/);
    const dispatch = readGitHubEvent(envFor('workflow_dispatch', {}));
    assert.throws(() => resolveMode('auto', dispatch), /'workflow_dispatch' events/);
    assert.equal(resolveMode('apply', dispatch), 'apply');
  });
});
