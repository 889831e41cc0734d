// Runs build.sh, which builds every control plane binary once per machine (cached, keyed on its
// inputs) and prints the directory holding them as its last line.
import { spawn } from 'node:child_process';
import path from 'node:path';

const here = path.dirname(new URL(import.meta.url).pathname);

export async function build(log: (line: string) => void): Promise<string> {
  log('building the control plane binaries (cached after the first build)');
  return new Promise((resolve, reject) => {
    const child = spawn('bash', [path.join(here, 'build.sh')], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => {
      err += d.toString();
      for (const line of d.toString().split('\n')) if (line.trim()) log(line);
    });
    child.on('error', (e) => reject(new Error(`cannot run test/cluster/build.sh: ${e.message}`)));
    child.on('close', (code) => {
      if (code === 0) resolve(out.trim().split('\n').pop() ?? '');
      else reject(new Error(`building the test control plane failed (exit ${code}):\n${err.split('\n').slice(-25).join('\n')}`));
    });
  });
}
