// `kube-gitops preview`: a pull request's preview from this working tree, with the engine of
// `mode: preview` (src/preview/) and no GitHub call (no deployment, no comment). `--pr N` applies
// into `<preview-prefix>-pr-<N>` (load, transform, check, plan shown, confirmed, apply, prune,
// wait); `--pr N --delete` removes it (every member, then the namespace, until 404); `--sweep`
// is cli-preview-sweep.ts. First, always: a namespace of that name that is not this preview's is
// refused, as the Action refuses it (src/preview/preview-guard.ts).
import { requireCoreType } from '../cluster/resource-catalogue.js';
import { ApplyRefusedError } from '../model/apply-refused.js';
import { ConfigurationError } from '../model/errors.js';
import { formatRef } from '../objects/object-ref.js';
import { applyPreviewObjects, loadPreviewObjects, type PreviewApply } from '../preview/preview-apply.js';
import { foreignNamespace } from '../preview/preview-guard.js';
import { namespaceRef, removePreview } from '../preview/preview-removal.js';
import { previewTarget, type PreviewTarget } from '../preview/preview-target.js';
import type { SecretRedactor } from '../redaction/secret-redactor.js';
import { confirmationGate } from '../run/write-gates.js';
import { escapeTerminalValue } from '../text/terminal-text.js';
import { cliHolder, confirm } from './cli-apply.js';
import { diffsOf, flagOn, type ParsedCommandLine } from './cli-flags.js';
import type { CliIo } from './cli-io.js';
import { cliPreviewSweep } from './cli-preview-sweep.js';
import { pullNumberOf, repositoryOf } from './cli-preview-target.js';
import { startRun, type CliRun } from './cli-run.js';
import { showOnTerminal } from './terminal-surface.js';

export async function cliPreview(line: ParsedCommandLine, io: CliIo, redactor: SecretRedactor): Promise<number> {
  if (flagOn(line, 'sweep')) return cliPreviewSweep(line, io, redactor);
  if (line.flags.has('closed') || line.flags.has('ttl-only')) throw new ConfigurationError('--closed and --ttl-only go with --sweep.');
  const number = pullNumberOf(line);
  const run = await startRun(line, io, redactor);
  try {
    const target = previewTarget(run.settings, number, await repositoryOf(line, run.settings.workspace));
    const client = run.engine.makeClient();
    const namespaceType = requireCoreType(await client.resourceTypes(), 'Namespace', ', so the preview namespace cannot be read');
    const live = await client.get(namespaceType, namespaceRef(target.preview.namespace));
    const foreign = foreignNamespace(live, target.preview);
    if (foreign) throw new ConfigurationError(foreign);
    if (flagOn(line, 'delete')) {
      if (!live) {
        io.stderr(`The namespace ${target.preview.namespace} does not exist: there is no preview to remove.\n`);
        return 0;
      }
      await confirmRemoval(target, io, flagOn(line, 'yes'));
      const rows = await removePreview({ settings: target.settings, commit: run.commit, engine: run.engine, client, namespaceType, holder: cliHolder() });
      for (const r of rows) io.stderr(`  deleted ${escapeTerminalValue(formatRef(r.ref))}\n`);
      io.stderr(`Removed the preview ${target.preview.namespace}: ${rows.length} object(s) deleted.\n`);
      return 0;
    }
    return await applyPreview(target, run, line, io);
  } finally {
    await run.close();
  }
}

async function applyPreview(target: PreviewTarget, run: CliRun, line: ParsedCommandLine, io: CliIo): Promise<number> {
  const diffs = diffsOf(line);
  const yes = flagOn(line, 'yes');
  const apply: PreviewApply = {
    target,
    engine: run.engine,
    client: run.engine.makeClient(),
    commit: run.commit,
    holder: cliHolder(),
    gates: [confirmationGate((plan) => confirm(plan, { engine: run.engine, settings: target.settings }, io, yes, diffs))],
  };
  const report = await applyPreviewObjects(await loadPreviewObjects(apply), apply);
  const code = showOnTerminal({ kind: 'apply', apply: report }, io, run.engine, { output: 'terminal', exitCode: false });
  const where = target.url ? ` at ${escapeTerminalValue(target.url)}` : '';
  io.stderr(`Preview of pull request #${target.preview.number}: namespace ${target.preview.namespace}${where}.\n`);
  return code;
}

/** A person confirms on a terminal; a script passes --yes. */
async function confirmRemoval(target: PreviewTarget, io: CliIo, yes: boolean): Promise<void> {
  if (yes) return;
  if (!io.interactive)
    throw new ApplyRefusedError('Nothing was deleted: stdin is not a terminal, so nobody can confirm. Pass --yes to delete without asking.', {});
  const answer = await io.ask(`Delete the preview ${target.preview.namespace} and everything in it? Only 'yes' deletes: `);
  if (answer.trim() !== 'yes') throw new ApplyRefusedError('Nothing was deleted: the removal was not confirmed.', {});
}
