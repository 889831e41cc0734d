// A real git repository in a temporary directory, for end-to-end runs.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export class GitRepo {
  readonly dir = mkdtempSync(path.join(os.tmpdir(), 'kube-gitops-repo-'));
  private readonly checkouts: string[] = [];

  constructor() {
    this.git('init', '-q', '-b', 'master');
    this.git('config', 'user.email', 'test@example.com');
    this.git('config', 'user.name', 'kube-gitops test');
  }

  git(...args: string[]): string {
    return execFileSync('git', ['-C', this.dir, ...args], { encoding: 'utf8' }).trim();
  }

  write(file: string, content: string): void {
    const full = path.join(this.dir, file);
    mkdirSync(path.dirname(full), { recursive: true });
    writeFileSync(full, content);
  }

  remove(file: string): void {
    rmSync(path.join(this.dir, file), { force: true });
  }

  /** Commits everything and returns the new commit's sha. */
  commit(message: string): string {
    this.git('add', '-A');
    this.git('commit', '-q', '--allow-empty', '-m', message);
    return this.git('rev-parse', 'HEAD');
  }

  /** How `base` relates to `head`, as GitHub's compare API says it. */
  compare(base: string, head: string): 'ahead' | 'behind' | 'identical' | 'diverged' {
    if (base === head) return 'identical';
    const isAncestor = (a: string, b: string) => {
      try {
        execFileSync('git', ['-C', this.dir, 'merge-base', '--is-ancestor', a, b]);
        return true;
      } catch {
        return false;
      }
    };
    if (isAncestor(base, head)) return 'ahead';
    if (isAncestor(head, base)) return 'behind';
    return 'diverged';
  }

  /** The commits after `base` up to `head`, oldest first, as GitHub's compare API lists them. */
  between(base: string, head: string): string[] {
    return this.git('rev-list', '--reverse', `${base}..${head}`).split('\n').filter(Boolean);
  }

  /** A checkout of `sha` in a directory of its own (a runner's workspace), removed by cleanup(). */
  checkout(sha: string): string {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'kube-gitops-checkout-'));
    this.git('worktree', 'add', '-q', '--detach', dir, sha);
    this.checkouts.push(dir);
    return dir;
  }

  cleanup(): void {
    for (const dir of this.checkouts) rmSync(dir, { recursive: true, force: true });
    rmSync(this.dir, { recursive: true, force: true });
  }
}
