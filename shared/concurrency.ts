/**
 * Runs `work` on every item, at most `concurrency` at a time, in order of start; resolves when
 * all are done and rejects with the first failure (callers that must go on catch inside `work`).
 * The one bounded worker pool of the project: imports, indexing hooks, evaluations.
 */
export async function forEachConcurrently<T>(
  items: readonly T[],
  concurrency: number,
  work: (item: T, index: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < items.length; i = next++) await work(items[i] as T, i);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
}
