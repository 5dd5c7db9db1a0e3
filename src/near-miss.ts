/**
 * The candidate the user most likely meant by `typed`: the same word in another case, or one edit away (a typo) for
 * words longer than three characters. `undefined` when nothing is that close; a wrong guess is worse than none.
 */
export function findNearMiss(candidates: Iterable<string>, typed: string): string | undefined {
  for (const candidate of candidates) if (isNearMiss(candidate, typed)) return candidate;
  return undefined;
}

function isNearMiss(known: string, typed: string): boolean {
  if (known.toLowerCase() === typed.toLowerCase()) return true;
  return Math.abs(known.length - typed.length) <= 1 && typed.length > 3 && editDistance(known, typed) <= 1;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current.push(Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost));
    }
    previous = current;
  }
  return previous[b.length]!;
}
