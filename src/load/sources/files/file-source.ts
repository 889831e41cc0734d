// Plain files: a YAML or JSON file read as it is (a regular file inside the workspace, within the
// size limit). Its documents' lines are the objects' lines; SOPS may decrypt it (src/load/sops/).
import path from 'node:path';
import { readManifestFile } from '../../manifest-file.js';
import type { FoundSourceKind } from '../manifest-source.js';

const EXTENSIONS = new Set(['.yaml', '.yml', '.json']);

export const fileSource: FoundSourceKind = {
  name: 'plain files',
  found: 'file',
  detectFile: (name) => EXTENSIONS.has(path.extname(name).toLowerCase()),
  fileOf: (found) => found.relPath,
  async build(found, ctx) {
    ctx.reads.addFile(found.realPath);
    const read = await readManifestFile(found.realPath);
    return 'problem' in read ? { problem: `'${found.relPath}' ${read.problem}` } : { text: read.text };
  },
};
