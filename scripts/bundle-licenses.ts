// dist/licenses.txt: for each npm package a bundle holds (from esbuild's metafile), its name, the
// license its package.json declares and the text of its license file, sorted by name.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const LICENSE_FILE = /^(licen[cs]e|copying)(\.(md|txt))?$/i;

/** The package folders (node_modules/<name> or node_modules/@scope/<name>, nested ones too) of the bundle's inputs. */
function packageDirs(inputs: string[]): string[] {
  const dirs = new Set<string>();
  for (const input of inputs) {
    const match = /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(input);
    if (match?.[1]) dirs.add(match[1]);
  }
  return [...dirs];
}

function entry(root: string, dir: string): { name: string; text: string } {
  const manifest = JSON.parse(readFileSync(path.join(root, dir, 'package.json'), 'utf8')) as { name?: string; license?: string | { type?: string } };
  const license = typeof manifest.license === 'object' ? manifest.license.type : manifest.license;
  const name = manifest.name ?? dir;
  const file = readdirSync(path.join(root, dir)).find((f) => LICENSE_FILE.test(f));
  const body = file ? readFileSync(path.join(root, dir, file), 'utf8').trim() : '';
  return { name, text: [name, license ?? '(no license field)', ...(body ? [body] : [])].join('\n') };
}

export function licensesText(root: string, inputs: string[]): string {
  const entries = packageDirs(inputs)
    .filter((dir) => existsSync(path.join(root, dir, 'package.json')))
    .map((dir) => entry(root, dir));
  const unique = new Map(entries.map((e) => [`${e.name}\n${e.text}`, e]));
  return `${[...unique.values()]
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .map((e) => e.text)
    .join('\n\n')}\n`;
}
