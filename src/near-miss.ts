/**
 * Did-you-mean for everything a user types: spec keys and values, flags, commands, flag values, addresses. PURE.
 *
 * A guess is offered only when it is close and unambiguous: a wrong guess sends the user the wrong way, which is
 * worse than none.
 */

/**
 * The candidate the user most likely meant by `typed`: the same word in another case; else the closest one within a
 * few typos (Damerau–Levenshtein, case-blind: one for words of 4–6 characters, two from 7, none below 4); else the
 * only candidate that `typed` (3+ characters) is the start of. `undefined` when nothing fits or two fit equally well.
 */
export function findNearMiss(candidates: Iterable<string>, typed: string): string | undefined {
  const known = [...new Set(candidates)];
  const lower = typed.toLowerCase();
  const same = known.find((candidate) => candidate.toLowerCase() === lower);
  if (same !== undefined) return same;
  return findClosest(known, lower) ?? findOnlyExtension(known, lower);
}

/** How many typos a word of this length may carry and still be recognised. */
export function typoBudget(length: number): number {
  if (length < 4) return 0;
  return length < 7 ? 1 : 2;
}

function findClosest(known: readonly string[], lower: string): string | undefined {
  const budget = typoBudget([...lower].length);
  let best: string | undefined;
  let bestDistance = budget + 1;
  let tied = false;
  for (const candidate of known) {
    const distance = editDistance(candidate.toLowerCase(), lower);
    if (distance < bestDistance) {
      [best, bestDistance, tied] = [candidate, distance, false];
    } else if (distance === bestDistance) {
      tied = true;
    }
  }
  return tied ? undefined : best;
}

/** `--auto` for `--auto-approve`, `replication` for `replicationMode`: a unique completion of a typed beginning. */
function findOnlyExtension(known: readonly string[], lower: string): string | undefined {
  if ([...lower].length < 3) return undefined;
  const extensions = known.filter((candidate) => candidate.toLowerCase().startsWith(lower));
  return extensions.length === 1 ? extensions[0] : undefined;
}

/** ` (did you mean X?)` with X as `quote` shows it, or '' when there is no good guess: ready to append to a message. */
export function didYouMean(
  candidates: Iterable<string>,
  typed: string,
  quote: (candidate: string) => string = (c) => `"${c}"`,
): string {
  const near = findNearMiss(candidates, typed);
  return near === undefined ? '' : ` (did you mean ${quote(near)}?)`;
}

/**
 * The address meant by a `--target` that names no document: for a bare NAME, the one address with that name (in any
 * region); otherwise the nearest address (one or two typos, as findNearMiss).
 */
export function findNearAddress(addresses: Iterable<string>, typed: string): string | undefined {
  const known = [...new Set(addresses)];
  if (!typed.includes('/')) {
    const named = known.filter((address) => address.slice(address.indexOf('/') + 1) === typed);
    if (named.length === 1) return named[0];
    if (named.length > 1) return undefined;
  }
  return findNearMiss(known, typed);
}

/**
 * The Damerau–Levenshtein distance (Lowrance–Wagner): the fewest insertions, deletions, substitutions and swaps of
 * two adjacent characters that turn `a` into `b`, so `versoin` is one edit from `version`. Compares code points.
 * Unlike the restricted "optimal string alignment" variant, this is a metric (it obeys the triangle inequality).
 */
export function editDistance(a: string, b: string): number {
  const s = [...a];
  const t = [...b];
  const infinity = s.length + t.length;
  // Row and column 0 hold "infinity"; d[i + 1][j + 1] is the distance between s[0..i) and t[0..j).
  const d: number[][] = Array.from({ length: s.length + 2 }, () => new Array<number>(t.length + 2).fill(0));
  d[0]![0] = infinity;
  for (let i = 0; i <= s.length; i++) [d[i + 1]![0], d[i + 1]![1]] = [infinity, i];
  for (let j = 0; j <= t.length; j++) [d[0]![j + 1], d[1]![j + 1]] = [infinity, j];
  const lastRowOf = new Map<string, number>();
  for (let i = 1; i <= s.length; i++) {
    let lastMatchColumn = 0;
    for (let j = 1; j <= t.length; j++) {
      const k = lastRowOf.get(t[j - 1]!) ?? 0;
      const l = lastMatchColumn;
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      if (cost === 0) lastMatchColumn = j;
      d[i + 1]![j + 1] = Math.min(
        d[i]![j]! + cost,
        d[i + 1]![j]! + 1,
        d[i]![j + 1]! + 1,
        d[k]![l]! + (i - k - 1) + 1 + (j - l - 1),
      );
    }
    lastRowOf.set(s[i - 1]!, i);
  }
  return d[s.length + 1]![t.length + 1]!;
}
