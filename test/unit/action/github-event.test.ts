import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { readGitHubEvent, resolveMode } from '../../../src/action/github-event.js';
import { ConfigurationError } from '../../../src/model/errors.js';
import { pullRequestPayload, pushPayload } from '../../support/run-action.js';

function envFor(event: string, payload: Record<string, unknown>, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'kg-event-')), 'event.json');
  writeFileSync(file, JSON.stringify(payload));
  return { GITHUB_EVENT_NAME: event, GITHUB_EVENT_PATH: file, GITHUB_REPOSITORY: 'Codertocat/Hello-World', ...extra };
}

describe('the event', () => {
  it('reads a real pull_request payload: number, head and base commits', () => {
    const e = readGitHubEvent(
      envFor('pull_request', pullRequestPayload({ number: 7, baseSha: 'b'.repeat(40), headSha: 'h'.repeat(40) }), { GITHUB_SHA: 'm'.repeat(40) }),
    );
    assert.deepEqual(e.pullRequest, { number: 7, baseSha: 'b'.repeat(40), headSha: 'h'.repeat(40), headRepoFork: false });
    assert.equal(e.sha, 'h'.repeat(40), 'the PR head, not the merge commit');
    assert.equal(resolveMode('auto', e), 'plan');
  });

  it('reads the run id from GITHUB_RUN_ID, when it is a positive integer', () => {
    const push = (runId: string) => readGitHubEvent(envFor('push', pushPayload({ before: 'a'.repeat(40), after: 'c'.repeat(40) }), { GITHUB_RUN_ID: runId }));
    assert.equal(push('4242').runId, 4242);
    assert.equal(push('4242').runUrl, 'https://github.com/Codertocat/Hello-World/actions/runs/4242');
    for (const bad of ['', '0', '-1', '12abc', '1e3', '99999999999999999999']) assert.equal(push(bad).runId, undefined, bad);
  });

  it('applies on a push to the default branch in auto mode', () => {
    const e = readGitHubEvent(
      envFor('push', pushPayload({ before: 'a'.repeat(40), after: 'c'.repeat(40) }), { GITHUB_REF: 'refs/heads/master', GITHUB_SHA: 'c'.repeat(40) }),
    );
    assert.equal(e.defaultBranch, 'master');
    assert.equal(resolveMode('auto', e), 'apply');
  });

  it('asks for an explicit mode on a push to another branch or another event', () => {
    const push = readGitHubEvent(envFor('push', pushPayload({ before: 'a'.repeat(40), after: 'c'.repeat(40) }), { GITHUB_REF: 'refs/heads/feature' }));
    assert.throws(() => resolveMode('auto', push), /set the input 'mode' to plan, apply or drift/);
    const dispatch = readGitHubEvent(envFor('workflow_dispatch', {}));
    assert.throws(() => resolveMode('auto', dispatch), /'workflow_dispatch' events/);
    assert.equal(resolveMode('apply', dispatch), 'apply');
    assert.equal(resolveMode('drift', dispatch), 'drift');
  });
});

function envWithFile(event: string, text: string): NodeJS.ProcessEnv {
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'kg-event-')), 'event.json');
  writeFileSync(file, text);
  return { GITHUB_EVENT_NAME: event, GITHUB_EVENT_PATH: file, GITHUB_REPOSITORY: 'Codertocat/Hello-World' };
}

function configurationError(pattern: RegExp): (error: unknown) => boolean {
  return (error) => error instanceof ConfigurationError && pattern.test(error.message) && !error.message.includes('\n');
}

describe('a broken event file', () => {
  it('fails with a one-line configuration error when the event file is not JSON, not an object, or missing', () => {
    assert.throws(
      () => readGitHubEvent(envWithFile('pull_request', 'this is { not json')),
      configurationError(/^The event file GITHUB_EVENT_PATH \(.*event\.json\) is not valid JSON \(/),
    );
    assert.throws(() => readGitHubEvent(envWithFile('push', '[1, 2]')), configurationError(/holds a JSON array, not an event payload/));
    assert.throws(() => readGitHubEvent(envWithFile('push', 'null')), configurationError(/holds a JSON null, not an event payload/));
    assert.throws(
      () => readGitHubEvent({ GITHUB_EVENT_NAME: 'push', GITHUB_EVENT_PATH: path.join(os.tmpdir(), 'kg-no-such-event.json') }),
      configurationError(/cannot be read \(ENOENT\)/),
    );
  });

  it('fails with a configuration error when a pull request event lacks the pull request, its number or its head commit', () => {
    const full = pullRequestPayload({ number: 7, baseSha: 'b'.repeat(40), headSha: 'h'.repeat(40) }) as {
      number?: number;
      pull_request: { number?: number; head: { sha?: string } };
    };
    const without = (change: (p: typeof full) => void) => {
      const p = structuredClone(full);
      change(p);
      return JSON.stringify(p);
    };
    assert.throws(
      () =>
        readGitHubEvent(
          envWithFile(
            'pull_request',
            without((p) => delete (p as { pull_request?: unknown }).pull_request),
          ),
        ),
      configurationError(/^The pull_request event payload in GITHUB_EVENT_PATH \(.*\) has no pull_request object;/),
    );
    assert.throws(
      () =>
        readGitHubEvent(
          envWithFile(
            'pull_request_target',
            without((p) => delete p.pull_request.head.sha),
          ),
        ),
      configurationError(/pull_request_target event payload .* has no pull_request\.head\.sha/),
    );
    assert.throws(
      () =>
        readGitHubEvent(
          envWithFile(
            'pull_request',
            without((p) => {
              delete p.number;
              delete p.pull_request.number;
            }),
          ),
        ),
      configurationError(/has no pull request number/),
    );
    assert.throws(
      () => readGitHubEvent({ GITHUB_EVENT_NAME: 'pull_request' }),
      configurationError(/\(GITHUB_EVENT_PATH is not set\) has no pull_request object/),
    );
  });

  it('keeps other events lenient: a push without any pull request is fine', () => {
    assert.equal(readGitHubEvent(envWithFile('push', '{}')).pullRequest, undefined);
  });

  it('does not read the event file when the GitHub client module is imported (as @actions/github does)', async () => {
    const saved = process.env.GITHUB_EVENT_PATH;
    process.env.GITHUB_EVENT_PATH = envWithFile('pull_request', 'not json at all').GITHUB_EVENT_PATH;
    try {
      const { createGitHubApi } = await import('../../../src/github/octokit-github.js');
      assert.equal(typeof createGitHubApi({ token: 't', owner: 'o', repo: 'r', apiUrl: 'http://127.0.0.1:9' }).listIssueComments, 'function');
    } finally {
      if (saved === undefined) delete process.env.GITHUB_EVENT_PATH;
      else process.env.GITHUB_EVENT_PATH = saved;
    }
  });
});
