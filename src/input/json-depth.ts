/**
 * How deep pgensure follows JSON a stranger wrote (a saved plan, an API answer). What pgensure and the API write nests
 * a few levels; much deeper JSON is hostile, and every recursive walk of it (JSON.stringify, compare, render) would
 * overflow the stack.
 */
export const MAX_JSON_DEPTH = 64;

/** Whether a parsed JSON value nests more than `limit` arrays/objects deep (walked without recursion, stops early). */
export function isNestedDeeper(value: unknown, limit = MAX_JSON_DEPTH): boolean {
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (node === null || typeof node !== 'object') continue;
    if (depth > limit) return true;
    for (const child of Object.values(node))
      if (child !== null && typeof child === 'object') stack.push([child, depth + 1]);
  }
  return false;
}
