export { refusal } from '../../../helpers/refusal.ts';

/** Wall time and the largest growth of resident memory seen while `work` ran. */
export interface Measured<T> {
  outcome: { value: T } | { error: unknown };
  ms: number;
  /** Peak of (rss now - rss before), in MB, sampled every 5 ms and once at the end. */
  peakRssGrowthMb: number;
}

/** Runs `work` and reports how long it took and how far resident memory grew on the way. */
export async function measure<T>(work: () => Promise<T>): Promise<Measured<T>> {
  const baseline = process.memoryUsage.rss();
  let peak = baseline;
  const sample = (): void => {
    peak = Math.max(peak, process.memoryUsage.rss());
  };
  const timer = setInterval(sample, 5);
  const started = performance.now();
  let outcome: Measured<T>['outcome'];
  try {
    outcome = { value: await work() };
  } catch (error) {
    outcome = { error };
  } finally {
    clearInterval(timer);
  }
  const ms = performance.now() - started;
  sample();
  return { outcome, ms, peakRssGrowthMb: (peak - baseline) / 1e6 };
}

/** The AppError a piece of work was refused with; fails the test when it succeeded or threw something else. */
