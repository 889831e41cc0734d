// Where each node of a YAML text starts, by 1-based line: the parser's own events (js-yaml's
// parseEvents, the same parser the value comes from) folded into a tree that mirrors the value,
// so a message can name the line of an entry, a key or a value. Lines only; never the value.
import { EVENT_ID, getScalarValue, parseEvents, type Event } from 'js-yaml';

export interface LineNode {
  line: number;
  kind: 'mapping' | 'sequence' | 'scalar' | 'alias';
  /** A scalar's decoded text (a mapping key's name). */
  scalar?: string;
  /** A sequence's items; a mapping's keys and values, alternating. */
  children: LineNode[];
}

/** The tree of the text's first document, or undefined when it is empty. */
export function lineTree(text: string): LineNode | undefined {
  const lineOf = lineFinder(text);
  const stack: LineNode[] = [{ line: 1, kind: 'sequence', children: [] }];
  let lastLine = 1;
  for (const event of parseEvents(text, {})) {
    // A document is a holder of its one content node, closed by a POP like a collection.
    const node = event.type === EVENT_ID.DOCUMENT ? { line: 1, kind: 'sequence' as const, children: [] } : nodeOf(event, text, lineOf);
    // An empty value (`key:` with nothing after it) has no offset: it is on its key's line.
    if (node && node.line < 0) node.line = lastLine;
    if (node) lastLine = node.line;
    const parent = stack.at(-1);
    if (event.type === EVENT_ID.POP) stack.pop();
    if (!node || !parent) continue;
    parent.children.push(node);
    if (event.type !== EVENT_ID.SCALAR && event.type !== EVENT_ID.ALIAS) stack.push(node);
  }
  return stack[0]?.children[0]?.children[0];
}

function nodeOf(event: Event, text: string, lineOf: (offset: number) => number): LineNode | undefined {
  switch (event.type) {
    case EVENT_ID.MAPPING:
      return { line: lineOf(event.start), kind: 'mapping', children: [] };
    case EVENT_ID.SEQUENCE:
      return { line: lineOf(event.start), kind: 'sequence', children: [] };
    case EVENT_ID.SCALAR:
      return { line: lineOf(Math.max(event.valueStart, event.anchorStart, event.tagStart)), kind: 'scalar', scalar: getScalarValue(text, event), children: [] };
    case EVENT_ID.ALIAS:
      return { line: lineOf(event.anchorStart), kind: 'alias', children: [] };
    default:
      return undefined;
  }
}

/** The key and value nodes of `key` in a mapping node. */
export function entryOf(node: LineNode | undefined, key: string): { key: LineNode; value: LineNode } | undefined {
  if (node?.kind !== 'mapping') return undefined;
  for (let i = 0; i + 1 < node.children.length; i += 2) {
    const [k, v] = [node.children[i], node.children[i + 1]];
    if (k?.scalar === key && v) return { key: k, value: v };
  }
  return undefined;
}

/** 1-based line of a character offset (binary search over the line starts); -1 for no offset. */
function lineFinder(text: string): (offset: number) => number {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return (offset) => {
    if (offset < 0) return -1;
    let [lo, hi] = [0, starts.length - 1];
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] ?? 0) <= Math.max(offset, 0)) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
}
