import { endOfISOWeek, format, parseISO } from 'date-fns';

/** How many snapshots to keep per period (the newest of each period), as restic's `forget --keep-*`. */
export interface RetentionPolicy {
  /** The newest N snapshots, whatever their dates (the newest one is always kept). */
  keepLast: number;
  keepDaily: number;
  keepWeekly: number;
  keepMonthly: number;
}

/**
 * Which snapshots a policy keeps: the newest `keepLast`, the newest of each of the last `keepDaily` days that have one, of
 * the last `keepWeekly` ISO weeks, and of the last `keepMonthly` months; the newest snapshot always.
 * Periods are in the local time zone, as the user thinks of "yesterday's backup".
 */
export function snapshotsToKeep(createdAts: readonly { id: string; createdAt: string }[], policy: RetentionPolicy): Set<string> {
  const newestFirst = [...createdAts].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  const keep = new Set<string>();
  for (const snapshot of newestFirst.slice(0, Math.max(1, policy.keepLast))) keep.add(snapshot.id);
  const rules: Array<[number, (d: Date) => string]> = [
    [policy.keepDaily, (d) => format(d, 'yyyy-MM-dd')],
    [policy.keepWeekly, (d) => format(endOfISOWeek(d), 'RRRR-II')],
    [policy.keepMonthly, (d) => format(d, 'yyyy-MM')],
  ];
  for (const [count, periodOf] of rules) {
    const seen = new Set<string>();
    for (const snapshot of newestFirst) {
      if (seen.size >= count) break;
      const period = periodOf(parseISO(snapshot.createdAt));
      if (seen.has(period)) continue;
      seen.add(period);
      keep.add(snapshot.id);
    }
  }
  return keep;
}
