import type { Contract, Money } from '../../../src-shared/model/contract.ts';

/** One year's signed total in one currency. */
export interface YearTotal {
  year: string;
  minor: number;
}

/**
 * Totals of signed contract value by signing year, one series per currency (amounts in different
 * currencies are never added). Years without a contract inside the span are present with 0, so a chart
 * shows gaps as gaps; contracts without a signing date or an amount are left out.
 */
export function totalsByYear(contracts: readonly Contract[]): Map<string, YearTotal[]> {
  const sums = new Map<string, Map<number, number>>();
  for (const c of contracts) {
    if (c.amount === null || c.signingDate === null) continue;
    const year = Number(c.signingDate.slice(0, 4));
    const byYear = sums.get(c.amount.currency) ?? new Map<number, number>();
    byYear.set(year, (byYear.get(year) ?? 0) + c.amount.minor);
    sums.set(c.amount.currency, byYear);
  }
  const result = new Map<string, YearTotal[]>();
  for (const currency of [...sums.keys()].sort()) {
    const byYear = sums.get(currency) ?? new Map<number, number>();
    const years = [...byYear.keys()];
    const series: YearTotal[] = [];
    for (let y = Math.min(...years); y <= Math.max(...years); y += 1) series.push({ year: String(y), minor: byYear.get(y) ?? 0 });
    result.set(currency, series);
  }
  return result;
}

/** The contracts as a history: newest signing first, undated ones (by creation) last. */
export function historyOrder(contracts: readonly Contract[]): Contract[] {
  return [...contracts].sort((a, b) => {
    if (a.signingDate !== b.signingDate) {
      if (a.signingDate === null) return 1;
      if (b.signingDate === null) return -1;
      return a.signingDate < b.signingDate ? 1 : -1;
    }
    return a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0;
  });
}

/** Money in a currency's major unit as a number, for chart axes only (figures shown as text use formatMoney). */
export function majorUnits(money: Money): number {
  return money.minor / 100;
}
