/**
 * Runs `work` over `items` with at most `concurrency` calls in flight, in order of the items, so a
 * document's pages keep every OCR worker busy. Stops taking new items once `shouldStop()` says so
 * (time budget spent); a rejection stops the others from taking new items and is rethrown.
 */
export async function forEachConcurrently<T>(
  items: readonly T[],
  concurrency: number,
  work: (item: T, index: number) => Promise<void>,
  shouldStop: () => boolean = () => false,
): Promise<void> {
  let next = 0;
  let failed = false;
  const lane = async (): Promise<void> => {
    while (!failed && next < items.length && !shouldStop()) {
      const index = next++;
      try {
        await work(items[index] as T, index);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  const lanes = Array.from({ length: Math.max(1, Math.min(concurrency, items.length)) }, lane);
  const results = await Promise.allSettled(lanes);
  const rejection = results.find((result): result is PromiseRejectedResult => result.status === 'rejected');
  if (rejection) throw rejection.reason;
}
