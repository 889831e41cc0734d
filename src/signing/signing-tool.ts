// Runs git, gpg and ssh-keygen for the signature checks: arguments as a list (no shell), optional
// stdin, the exit code and both outputs returned, never thrown; a missing binary is a clear error.
// By default in the environment child-environment.ts allows git (or gpg), never the whole runner's.
import { spawn } from 'node:child_process';
import { ConfigurationError } from '../model/errors.js';
import { childEnvironment } from '../tools/child-environment.js';

export interface ToolResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface ToolOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  input?: string;
}

export function runTool(command: string, args: readonly string[], options: ToolOptions = {}): Promise<ToolResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env ?? childEnvironment(command === 'git' ? 'git' : 'gpg'),
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'ENOENT'
          ? new ConfigurationError(`Signed-commit verification needs '${command}' on PATH, and it is not there.`, 'verify-commits')
          : error,
      ),
    );
    child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr }));
    child.stdin.on('error', () => undefined);
    child.stdin.end(options.input ?? '');
  });
}
