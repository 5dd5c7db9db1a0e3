/**
 * Runs `task` over `items` with at most `parallelism` in flight, in order. Once `signal` aborts, no new item starts;
 * the results of items that never started are undefined.
 */
export async function runPool<T, R>(
  items: readonly T[],
  parallelism: number,
  signal: AbortSignal,
  task: (item: T) => Promise<R>,
): Promise<(R | undefined)[]> {
  const results: (R | undefined)[] = new Array(items.length).fill(undefined);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (!signal.aborted && next < items.length) {
      const index = next++;
      results[index] = await task(items[index]!);
    }
  };
  const workers = Array.from({ length: Math.max(1, Math.min(parallelism, items.length)) }, worker);
  await Promise.all(workers);
  return results;
}
