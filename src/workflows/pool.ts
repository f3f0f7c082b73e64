/**
 * Runs `task` over `items` with at most `limit` in flight, results in input order. After the first
 * failure, when `stopOnFailure` is set, no further item is started (those report `skipped`).
 * Hand-written rather than p-limit because the library's runtime dependencies are openapi-fetch and zod only.
 */
export type Settled<R> =
  | { readonly status: 'fulfilled'; readonly value: R }
  | { readonly status: 'rejected'; readonly reason: unknown }
  | { readonly status: 'skipped' };

export async function mapBounded<T, R>(
  items: readonly T[],
  limit: number,
  task: (item: T, index: number) => Promise<R>,
  stopOnFailure = false,
): Promise<Settled<R>[]> {
  const results: Settled<R>[] = items.map(() => ({ status: 'skipped' }));
  let next = 0;
  let failed = false;
  const worker = async () => {
    while (next < items.length && !(stopOnFailure && failed)) {
      const index = next++;
      try {
        results[index] = { status: 'fulfilled', value: await task(items[index] as T, index) };
      } catch (reason) {
        failed = true;
        results[index] = { status: 'rejected', reason };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}
