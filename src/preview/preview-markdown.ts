// The preview's one sticky comment on its pull request: where the preview is (its namespace and
// URL), whether it is healthy, and what is in it (one row per object with its health), or that it
// was removed. Its first line is the preview's own marker, so it never takes the place of a plan
// comment. Object names and messages are data: every one is escaped. Pure.
import { markerName } from '../github/sticky-comment.js';
import { formatRef, refKey, type ObjectRef } from '../objects/object-ref.js';
import { cellCode, escapeText, inlineCode } from '../text/markdown-escape.js';
import type { PreviewIdentity } from './preview-identity.js';

/** Rows shown before the rest are counted ("and N more"), well inside GitHub's comment limit. */
const MAX_ROWS = 200;

export function previewMarker(preview: Pick<PreviewIdentity, 'target'>): string {
  return `<!-- kube-gitops:preview target=${markerName(preview.target)} -->`;
}

/** One object of the preview and its state. */
export interface PreviewRow {
  ref: ObjectRef;
  /** `healthy`, `progressing`, `failed`, or what happened to it (`unchanged`, `not waited`). */
  state: string;
}

export interface PreviewView {
  preview: PreviewIdentity;
  commit: string;
  url?: string;
  /** `ready`: applied and healthy; `unhealthy`: applied, not all healthy; `failed`: not applied; `removed`: torn down; `not-removed`: its removal failed; `held`: a fork's, not opted in. */
  status: 'ready' | 'unhealthy' | 'failed' | 'removed' | 'not-removed' | 'held';
  /** One line on what went wrong (failed), or on what was removed. */
  detail?: string;
  rows: readonly PreviewRow[];
}

const HEADLINES: Record<PreviewView['status'], string> = {
  ready: '### 🟢 Preview ready',
  unhealthy: '### 🟠 Preview applied, not healthy',
  failed: '### 🔴 Preview not applied',
  removed: '### ⚪ Preview removed',
  'not-removed': '### 🔴 Preview not removed',
  held: '### ⏸️ Preview not deployed',
};

export function previewMarkdown(view: PreviewView): string {
  const { preview } = view;
  const where = [
    `Namespace ${inlineCode(preview.namespace)} at ${inlineCode(view.commit.slice(0, 7))}`,
    ...(view.url && view.status !== 'removed' ? [`URL: ${autolink(view.url)}`] : []),
    `Environment ${inlineCode(preview.environment)}`,
  ];
  const lines = [previewMarker(preview), HEADLINES[view.status], '', where.join(' · ')];
  if (view.detail) lines.push('', escapeText(view.detail));
  if (view.rows.length > 0) lines.push('', ...rowsTable(view.rows, view.status === 'removed' || view.status === 'not-removed' ? 'Deleted' : 'State'));
  return `${lines.join('\n')}\n`;
}

function rowsTable(rows: readonly PreviewRow[], heading: string): string[] {
  const sorted = [...rows].sort((a, b) => refKey(a.ref).localeCompare(refKey(b.ref)));
  const shown = sorted.slice(0, MAX_ROWS);
  const more = sorted.length - shown.length;
  return [
    `| Object | ${heading} |`,
    '| --- | --- |',
    ...shown.map((r) => `| ${cellCode(formatRef(r.ref))} | ${escapeText(r.state)} |`),
    ...(more > 0 ? ['', `…and ${more} more.`] : []),
  ];
}

/** The preview's URL (the `environment-url` input, checked as an absolute http(s) URL) as a link; anything else as text. */
function autolink(url: string): string {
  try {
    const href = new URL(url).href;
    return /^https?:\/\/[^\s<>]+$/.test(href) ? `<${href}>` : escapeText(url);
  } catch {
    return escapeText(url);
  }
}
