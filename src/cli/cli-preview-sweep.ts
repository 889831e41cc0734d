// `kube-gitops preview --sweep`: the scheduled sweep from a terminal, with the Action's scan and rule
// (src/preview/preview-sweep-scan.ts, preview-sweep-rule.ts). The command line cannot ask GitHub,
// so the closed pull requests are given (--closed 12,15) or only TTLs count (--ttl-only); every
// other pull request counts as open. It prints what it found and why, asks (or takes --yes), then
// removes each preview to go as a closed pull request's is removed; one that fails is reported and
// the others still go (exit 1). Nothing the rule leaves alone is written.
import { requireCoreType } from '../cluster/resource-catalogue.js';
import { ApplyRefusedError } from '../model/apply-refused.js';
import { ConfigurationError, getErrorMessage } from '../model/errors.js';
import type { SweepRow } from '../preview/preview-sweep-markdown.js';
import { sweepVerdict, type SweepScope } from '../preview/preview-sweep-rule.js';
import { scanPreviews } from '../preview/preview-sweep-scan.js';
import { removePreview } from '../preview/preview-removal.js';
import { previewTarget } from '../preview/preview-target.js';
import type { SecretRedactor } from '../redaction/secret-redactor.js';
import { escapeTerminalValue } from '../text/terminal-text.js';
import { cliHolder } from './cli-apply.js';
import { flagOn, type ParsedCommandLine } from './cli-flags.js';
import type { CliIo } from './cli-io.js';
import { closedNumbersOf, repositoryOf } from './cli-preview-target.js';
import { startRun } from './cli-run.js';

export async function cliPreviewSweep(line: ParsedCommandLine, io: CliIo, redactor: SecretRedactor): Promise<number> {
  const closed = new Set(closedNumbersOf(line));
  if (line.flags.has('pr') || line.flags.has('delete')) throw new ConfigurationError('--sweep finds the previews itself: not with --pr or --delete.');
  if (closed.size === 0 && !flagOn(line, 'ttl-only')) {
    throw new ConfigurationError('kube-gitops preview --sweep cannot ask GitHub which pull requests are closed: pass --closed N,N… or --ttl-only.');
  }
  const run = await startRun(line, io, redactor);
  try {
    const { settings, engine } = run;
    const repository = await repositoryOf(line, settings.workspace);
    const scope: SweepScope = {
      prefix: settings.preview.prefix,
      repository,
      fieldManager: settings.fieldManager,
      ...(settings.preview.ttlMs === undefined ? {} : { ttlMs: settings.preview.ttlMs }),
    };
    const client = engine.makeClient();
    const scan = await scanPreviews(client, scope, engine.logger);
    const now = engine.now().getTime();
    const decided = scan.candidates.map((c) => ({
      candidate: c,
      verdict: sweepVerdict(c, { state: closed.has(c.preview.number) ? 'closed' : 'open', merged: false }, now),
    }));
    const rows: SweepRow[] = [...scan.alone, ...decided.map(({ candidate, verdict }) => ({ namespace: candidate.preview.namespace, ...verdict }))];
    for (const r of rows.sort((a, b) => a.namespace.localeCompare(b.namespace)))
      io.stdout(`${r.outcome.padEnd(6)} ${escapeTerminalValue(r.namespace)}: ${escapeTerminalValue(r.why)}\n`);
    const going = decided.filter((d) => d.verdict.outcome === 'swept');
    if (going.length === 0) {
      io.stderr('No preview to remove.\n');
      return 0;
    }
    await confirmSweep(
      going.map((d) => d.candidate.preview.namespace),
      io,
      flagOn(line, 'yes'),
    );
    const namespaceType = requireCoreType(await client.resourceTypes(), 'Namespace', ', so the preview namespaces cannot be deleted');
    let failed = 0;
    for (const { candidate } of going) {
      const target = previewTarget(settings, candidate.preview.number, repository);
      try {
        const removed = await removePreview({ settings: target.settings, commit: run.commit, engine, client, namespaceType, holder: cliHolder() });
        io.stderr(`Removed the preview ${target.preview.namespace}: ${removed.length} object(s) deleted.\n`);
      } catch (error) {
        failed++;
        engine.logger.error(`Removing the preview ${target.preview.namespace} failed: ${engine.redactor.redactString(getErrorMessage(error))}`);
      }
    }
    return failed > 0 ? 1 : 0;
  } finally {
    await run.close();
  }
}

async function confirmSweep(namespaces: readonly string[], io: CliIo, yes: boolean): Promise<void> {
  if (yes) return;
  if (!io.interactive)
    throw new ApplyRefusedError('Nothing was deleted: stdin is not a terminal, so nobody can confirm. Pass --yes to delete without asking.', {});
  const answer = await io.ask(`Delete ${namespaces.length} preview(s) (${namespaces.join(', ')}) and everything in them? Only 'yes' deletes: `);
  if (answer.trim() !== 'yes') throw new ApplyRefusedError('Nothing was deleted: the sweep was not confirmed.', {});
}
