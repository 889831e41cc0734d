// The rollout order of a targets file's rings, and each target's place in it (RingPosition). Rings
// that are numbers roll out in increasing order; rings that are names in the order the file first
// names them; a file that mixes the two is refused at the first entry that breaks the pattern, as
// "ring 2 before canary" has no meaning anyone could agree on. Two ringed targets sharing a GitHub
// environment are refused too: their deployments could not be told apart. A target's `soak` (a duration, from
// its entry or `defaults:`) is read here, refused at its line when it is not one.
import type { RingPosition } from '../model/ring-position.js';
import { parseDuration } from './input-settings.js';
import { FILE_FIELDS } from './target-fields.js';
import { errorAt, type TargetsFile } from './targets-file.js';

/** What the order reads of each target: its name, ring, and where its applies are recorded. */
export interface RingedTarget {
  name: string;
  ring?: string | number;
  environment?: string;
}

/** Each ringed target's position, by name; targets without a ring have none. */
export function ringPositions(file: TargetsFile, targets: readonly RingedTarget[]): Map<string, RingPosition> {
  const ringed = targets.filter((t): t is RingedTarget & { ring: string | number } => t.ring !== undefined);
  const order = ringOrder(file, ringed);
  checkOwnEnvironments(file, ringed);
  const positions = new Map<string, RingPosition>();
  for (const t of ringed) {
    const index = order.indexOf(String(t.ring));
    const before = order.slice(0, index).map((ring) => ({
      ring,
      targets: ringed.filter((u) => String(u.ring) === ring).map((u) => ({ target: u.name, environment: u.environment ?? u.name })),
    }));
    positions.set(t.name, { ring: String(t.ring), before, soakMs: soakOf(file, t.name) });
  }
  return positions;
}

/** The rings of the positions, first to roll out first. */
export function ringsInOrder(positions: ReadonlyMap<string, RingPosition>): string[] {
  const rings = new Map([...positions.values()].map((p) => [p.ring, p.before.length]));
  return [...rings].sort((a, b) => a[1] - b[1]).map(([ring]) => ring);
}

function ringOrder(file: TargetsFile, ringed: readonly { name: string; ring: string | number }[]): string[] {
  const numbered = ringed.filter((t) => typeof t.ring === 'number');
  if (numbered.length > 0 && numbered.length < ringed.length) {
    const odd = ringed.find((t) => typeof t.ring !== typeof ringed[0]?.ring);
    const entry = file.targets.find((e) => e.name === odd?.name);
    const line = (entry?.fields.get(FILE_FIELDS.Ring) ?? file.defaults.get(FILE_FIELDS.Ring))?.line ?? entry?.line ?? 1;
    throw errorAt(
      file.file,
      line,
      `field 'ring': the rings of one file are all whole numbers (rolled out in increasing order) or all names (rolled out in the order the file names them); target ${JSON.stringify(odd?.name ?? '')} breaks the pattern of the first ringed target`,
    );
  }
  return orderRings(ringed.map((t) => t.ring));
}

/** Rings as the file gives them (in file order), each once, first to roll out first: numbers in increasing order, names as first named. */
export function orderRings(values: readonly (string | number)[]): string[] {
  const rings = [...new Set(values)];
  const numbers = rings.filter((r) => typeof r === 'number');
  if (numbers.length === rings.length) return numbers.sort((a, b) => a - b).map(String);
  return rings.map(String);
}

/** Each ringed target's deployments are told apart by their environment: two ringed targets never share one. */
function checkOwnEnvironments(file: TargetsFile, ringed: readonly RingedTarget[]): void {
  const seen = new Map<string, string>();
  for (const t of ringed) {
    const environment = t.environment ?? t.name;
    const first = seen.get(environment);
    if (first !== undefined) {
      const entry = file.targets.find((e) => e.name === t.name);
      const line = (entry?.fields.get(FILE_FIELDS.Environment) ?? file.defaults.get(FILE_FIELDS.Environment))?.line ?? entry?.line ?? 1;
      throw errorAt(
        file.file,
        line,
        `field 'environment': targets ${JSON.stringify(first)} and ${JSON.stringify(t.name)} both record their applies in environment ${JSON.stringify(environment)}; with rings each target needs its own, where the targets after it read whether it has a commit applied and healthy`,
      );
    }
    seen.set(environment, t.name);
  }
}

function soakOf(file: TargetsFile, name: string): number {
  const entry = file.targets.find((e) => e.name === name);
  const value = entry?.fields.get(FILE_FIELDS.Soak) ?? file.defaults.get(FILE_FIELDS.Soak);
  if (!value) return 0;
  try {
    return parseDuration(value.text, FILE_FIELDS.Soak);
  } catch {
    throw errorAt(file.file, value.line, `field 'soak' must be a duration such as 90s, 10m or 1h30m; got ${JSON.stringify(value.text.slice(0, 80))}`);
  }
}
