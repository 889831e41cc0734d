// Preloaded with NODE_OPTIONS=--import into dist/index.js by the bench: at exit, writes the
// process's peak resident set size (KiB, from getrusage) to the file KUBE_GITOPS_RSS_FILE names.
import { writeFileSync } from 'node:fs';

process.on('exit', () => {
  const file = process.env.KUBE_GITOPS_RSS_FILE;
  if (file) writeFileSync(file, String(process.resourceUsage().maxRSS));
});
