// Every commit a target's ApplySet parent records as applied, in the order the API server wrote
// them: a `kubectl get --watch` of the parent Secret (a watch delivers every change after its first
// list, so no value in between is missed), with repeats of one value collapsed.
import { spawn } from 'node:child_process';
import { COMMIT_ANNOTATION, parentName } from '../../src/inventory/applyset.js';
import type { TestCluster } from './test-cluster.js';

export interface AppliedCommitsWatch {
  /** The recorded commits so far, oldest first, each once in a row. */
  commits(): string[];
  /** Resolves once the parent has recorded `sha` (the watch is event-driven: no polling of the server). */
  until(sha: string): Promise<void>;
  stop(): void;
}

export function watchAppliedCommits(c: TestCluster, target: string, namespace: string): AppliedCommitsWatch {
  const path = `{.metadata.annotations.${COMMIT_ANNOTATION.replace(/\./g, '\\.')}}{"\\n"}`;
  const child = spawn(
    c.state.kubectl,
    [
      '--kubeconfig',
      c.state.kubeconfig,
      'get',
      'secrets',
      '-n',
      namespace,
      '--field-selector',
      `metadata.name=${parentName(target)}`,
      '--watch',
      '-o',
      `jsonpath=${path}`,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const seen: string[] = [];
  const waiters: { sha: string; resolve: () => void }[] = [];
  let buffer = '';
  let errors = '';
  child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  child.stdout.on('data', (chunk: Buffer) => {
    buffer += chunk.toString();
    const lines = buffer.split('\n');
    buffer = lines.pop() ?? '';
    for (const line of lines.map((l) => l.trim()).filter(Boolean)) {
      if (seen.at(-1) !== line) seen.push(line);
      for (const w of waiters.filter((x) => x.sha === line)) w.resolve();
    }
  });
  return {
    commits: () => [...seen],
    until: (sha) =>
      seen.includes(sha)
        ? Promise.resolve()
        : new Promise((resolve, reject) => {
            waiters.push({ sha, resolve });
            child.once('exit', () => reject(new Error(`the watch of ${parentName(target)} ended before it recorded ${sha}: ${errors}`)));
          }),
    stop: () => void child.kill(),
  };
}
