import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { previewIdentity } from '../../../src/preview/preview-identity.js';
import { previewMarkdown } from '../../../src/preview/preview-markdown.js';

const preview = previewIdentity('preview', 17, 'octo/shop', 'kube-gitops');
const ref = (kind: string, name: string) => ({ group: '', version: 'v1', kind, namespace: 'preview-pr-17', name });

describe('the preview comment', () => {
  it('leads with its own marker, says where, how healthy and what is in it, the URL as a link', () => {
    const body = previewMarkdown({
      preview,
      commit: 'a'.repeat(40),
      url: 'https://pr-17.preview.example.com/',
      status: 'ready',
      rows: [
        { ref: ref('Service', 'web'), state: 'healthy' },
        { ref: ref('ConfigMap', 'settings'), state: 'unchanged' },
      ],
    });
    assert.equal(
      body,
      [
        '<!-- kube-gitops:preview target=preview-pr-17 -->',
        '### 🟢 Preview ready',
        '',
        'Namespace `preview-pr-17` at `aaaaaaa` · URL: <https://pr-17.preview.example.com/> · Environment `preview/pr-17`',
        '',
        '| Object | State |',
        '| --- | --- |',
        '| `ConfigMap/preview-pr-17/settings` | unchanged |',
        '| `Service/preview-pr-17/web` | healthy |',
        '',
      ].join('\n'),
    );
  });

  it('shows text from manifests and errors as data: no markup, mention or link gets through', () => {
    const body = previewMarkdown({
      preview,
      commit: 'b'.repeat(40),
      status: 'failed',
      detail: 'deploy/x.yaml:1: <img src=x onerror=alert(1)> @octocat [click](https://evil.example)',
      rows: [{ ref: ref('ConfigMap', 'a|b'), state: '**bold**' }],
    });
    assert.doesNotMatch(body, /<img|(?<!\\)\]\(|@octocat|(?<!\\)\*\*bold/);
    assert.match(body, /### 🔴 Preview not applied/);
  });
});
