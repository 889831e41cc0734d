// Splits a YAML (or JSON) file into documents with the line each starts on, and parses them. Every
// text goes through here (files, kustomize's and helm's output, sops' plaintext), so the alias
// limits hold for each: a recursive alias, nesting too deep, or aliases adding more than
// MAX_ALIAS_NODES in one text is a problem at the document, which is then left out, never expanded.
import { load, YAMLException } from 'js-yaml';
import type { Problem } from '../model/problem.js';
import { measureExpansion, type Expansion } from './alias-expansion.js';
import { MAX_ALIAS_NODES, MAX_NESTING_DEPTH } from './manifest-limits.js';

export interface ParsedDocument {
  value: unknown;
  /** 1-based line where the document's content starts. */
  line: number;
  /** Nodes its aliases add when expanded (0 without aliases); the loader holds the run to a budget. */
  aliasNodes: number;
}

interface Chunk {
  text: string;
  /** 0-based line of the chunk's first line in the file. */
  offset: number;
}

/** Document boundaries are `---` lines at column 0 (a `...` line ends a document too). */
function splitDocuments(text: string): Chunk[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const chunks: Chunk[] = [];
  let start = 0;
  const flush = (end: number) => chunks.push({ text: lines.slice(start, end).join('\n'), offset: start });
  lines.forEach((line, i) => {
    if (/^---(\s|$)/.test(line) || /^\.\.\.\s*$/.test(line)) {
      flush(i);
      start = i + 1;
      // `--- value` keeps content on the marker line.
      if (/^---\s+\S/.test(line)) {
        lines[i] = line.replace(/^---/, '   ');
        start = i;
      }
    }
  });
  flush(lines.length);
  return chunks;
}

function firstContentLine(chunk: Chunk): number {
  const lines = chunk.text.split('\n');
  const i = lines.findIndex((l) => l.trim() !== '' && !l.trimStart().startsWith('#') && !l.startsWith('%'));
  return chunk.offset + (i < 0 ? 0 : i) + 1;
}

function syntaxProblem(file: string, chunk: Chunk, error: YAMLException): Problem {
  const mark = error.mark;
  let line = chunk.offset + (mark ? mark.line : 0) + 1;
  let column = (mark ? mark.column : 0) + 1;
  let message = `YAML syntax error: ${error.reason}`;
  // An error found at the end of the input (an unclosed bracket) points past the last line: name the last line instead.
  const chunkLines = chunk.text.split('\n');
  let last = chunkLines.length - 1;
  while (last > 0 && (chunkLines[last] ?? '').trim() === '') last--;
  if (line > chunk.offset + last + 1) {
    line = chunk.offset + last + 1;
    column = (chunkLines[last] ?? '').length + 1;
  }
  if (/complex keys/.test(error.reason)) {
    const lines = chunk.text.split('\n');
    const i = lines.findIndex((l) => /\{\{.*\}\}/.test(l));
    if (i >= 0) {
      line = chunk.offset + i + 1;
      column = (lines[i] ?? '').indexOf('{{') + 1;
    }
    message =
      'a mapping key is not a string (an unrendered template placeholder such as {{TOKEN}}?); render the template before committing, or quote the value';
  }
  return { message, source: { file, line, column } };
}

export interface ParsedText {
  documents: ParsedDocument[];
  /** Syntax and alias problems, in document order. */
  problems: Problem[];
  /** The alias problems alone (recursive, too deep, too many nodes): what no consumer of the text may get past. */
  aliasProblems: Problem[];
}

/** Parses every document; syntax errors become problems with file:line:column, documents over the alias limits problems at their line. */
export function parseDocuments(file: string, text: string): ParsedText {
  const documents: ParsedDocument[] = [];
  const problems: Problem[] = [];
  const aliasProblems: Problem[] = [];
  let aliasNodes = 0;
  for (const chunk of splitDocuments(text)) {
    if (chunk.text.split('\n').every((l) => l.trim() === '' || l.trimStart().startsWith('#') || l.startsWith('%'))) continue;
    try {
      const value = load(chunk.text, { filename: file });
      if (value === null || value === undefined) continue;
      const line = firstContentLine(chunk);
      const expansion = measureExpansion(value);
      const added = expansion.nodes - expansion.written;
      aliasNodes += expansion.recursive ? 0 : added;
      const refused = refusal(expansion, added, aliasNodes);
      if (refused) {
        problems.push({ message: refused, source: { file, line } });
        aliasProblems.push({ message: refused, source: { file, line } });
      } else documents.push({ value, line, aliasNodes: added });
    } catch (error) {
      if (error instanceof YAMLException) problems.push(syntaxProblem(file, chunk, error));
      else throw error;
    }
  }
  return { documents, problems, aliasProblems };
}

/** Why a document's aliases are refused: recursive, too deep, or (with the text's earlier documents) too many nodes. */
function refusal(expansion: Expansion, added: number, total: number): string | undefined {
  if (expansion.recursive) return 'an alias (*name) inside the collection its anchor names makes the document infinite; write the value out instead';
  if (expansion.depth > MAX_NESTING_DEPTH)
    return `with its aliases (*name) expanded the document nests ${expansion.depth} levels deep; the limit is ${MAX_NESTING_DEPTH}`;
  if (total > MAX_ALIAS_NODES) return aliasBudgetMessage(added, total);
  return undefined;
}

/** The message for aliases over the budget: this document's count, and the total it brings its file (or output) or the run to. */
export function aliasBudgetMessage(added: number, total: number, scope: 'file' | 'run' = 'file'): string {
  const here = added >= total ? '' : `, which brings the ${scope} to ${total.toLocaleString('en-US')}`;
  return (
    `YAML aliases (*name) in this document expand to ${added.toLocaleString('en-US')} more nodes${here}; ` +
    `aliases may add at most ${MAX_ALIAS_NODES.toLocaleString('en-US')} nodes in a run (each alias counts as a full copy of what it names); write the values out or use fewer aliases`
  );
}

/**
 * 1-based lines of the entries of the first top-level `items:` sequence at or after `fromLine`
 * (best effort, in one pass over the lines; an entry not found gets the document's line).
 */
export function listItemLines(lines: readonly string[], fromLine: number): number[] {
  const itemsIndex = lines.findIndex((l, i) => i >= fromLine - 1 && /^items:\s*$/.test(l));
  if (itemsIndex < 0) return [];
  const indent = /^(\s*)-/.exec(lines[itemsIndex + 1] ?? '')?.[1] ?? '';
  const found: number[] = [];
  for (let i = itemsIndex + 1; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (line.startsWith(`${indent}- `) || line === `${indent}-`) found.push(i + 1);
    else if (/^\S/.test(line) && !line.startsWith('#')) break;
  }
  return found;
}
