/**
 * How deep pgensure follows JSON a stranger wrote (a saved plan, an API answer). What pgensure and the API write nests
 * a few levels; much deeper JSON is hostile, and every recursive walk of it (JSON.stringify, compare, render) would
 * overflow the stack.
 */
export const MAX_JSON_DEPTH = 64;

/**
 * Whether a parsed JSON value nests more than `limit` arrays/objects deep. It stops at the first node past the limit,
 * so its own recursion is at most `limit + 1` deep whatever the input; it allocates nothing (every page of every list
 * passes through here: 50,000 clusters' worth of `Object.values` arrays was 56 MB of garbage).
 */
export function isNestedDeeper(value: unknown, limit = MAX_JSON_DEPTH): boolean {
  return value !== null && typeof value === 'object' && isDeeperFrom(value, 1, limit);
}

function isDeeperFrom(node: object, depth: number, limit: number): boolean {
  if (depth > limit) return true;
  if (Array.isArray(node)) {
    for (let i = 0; i < node.length; i++) if (isDeeperChild(node[i], depth, limit)) return true;
    return false;
  }
  // for…in over a parsed object sees its own keys only (a JSON object has no enumerable inherited keys); an own
  // "__proto__" key is read as the own value, as Object.values would.
  for (const key in node) if (isDeeperChild((node as Record<string, unknown>)[key], depth, limit)) return true;
  return false;
}

function isDeeperChild(child: unknown, depth: number, limit: number): boolean {
  return child !== null && typeof child === 'object' && isDeeperFrom(child, depth + 1, limit);
}
