// Measures what a parsed YAML value would be with its aliases expanded, without expanding it:
// js-yaml gives every alias the same object as its anchor, so each distinct object is visited
// once and remembered by identity. Linear in the parsed size, however large the expansion.

export interface Expansion {
  /** Nodes (collections and scalars) with every alias counted as a full copy. */
  nodes: number;
  /** Nodes as written: each distinct collection once, with its scalars. */
  written: number;
  /** Nesting depth with aliases expanded (a scalar document is 0). */
  depth: number;
  /** An alias inside the collection it names: the expansion is infinite. */
  recursive: boolean;
}

type Collection = object;

interface Frame {
  node: Collection;
  children: unknown[];
  next: number;
  nodes: number;
  depth: number;
}

function isCollection(value: unknown): value is Collection {
  return typeof value === 'object' && value !== null;
}

function childrenOf(node: Collection): unknown[] {
  return Array.isArray(node) ? node : Object.values(node);
}

export function measureExpansion(root: unknown): Expansion {
  if (!isCollection(root)) return { nodes: 1, written: 1, depth: 0, recursive: false };
  const measured = new Map<Collection, { nodes: number; depth: number }>();
  const open = new Set<Collection>();
  let written = 0;
  const enter = (node: Collection): Frame => {
    open.add(node);
    const children = childrenOf(node);
    written += 1 + children.filter((c) => !isCollection(c)).length;
    return { node, children, next: 0, nodes: 1, depth: 1 };
  };
  const stack: Frame[] = [enter(root)];
  let result = { nodes: 1, depth: 1 };
  for (let frame = stack.at(-1); frame; frame = stack.at(-1)) {
    if (frame.next === frame.children.length) {
      stack.pop();
      open.delete(frame.node);
      result = { nodes: frame.nodes, depth: frame.depth };
      measured.set(frame.node, result);
      const parent = stack.at(-1);
      if (parent) addChild(parent, result);
      continue;
    }
    const child = frame.children[frame.next++];
    if (!isCollection(child)) {
      frame.nodes += 1;
      continue;
    }
    if (open.has(child)) return { nodes: Infinity, written, depth: Infinity, recursive: true };
    const known = measured.get(child);
    if (known) addChild(frame, known);
    else stack.push(enter(child));
  }
  return { ...result, written, recursive: false };
}

function addChild(frame: Frame, child: { nodes: number; depth: number }): void {
  frame.nodes += child.nodes;
  frame.depth = Math.max(frame.depth, child.depth + 1);
}
