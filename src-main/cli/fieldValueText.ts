import type { Money } from '../../src-shared/model/contract.ts';
import { formatMoneyPlain } from '../../src-shared/rules/money.ts';

/** A metadata value as one short line of text for the terminal (money with currency, parties joined, terms in months). */
export function fieldValueText(field: string, value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return String(value);
  const record = value as Record<string, unknown>;
  if (field === 'amount' && typeof record.minor === 'number' && typeof record.currency === 'string') {
    return `${formatMoneyPlain(value as Money)} ${record.currency}`;
  }
  if (field === 'parties') return [record.partyA, record.partyB, ...((record.others as string[] | undefined) ?? [])].filter(Boolean).join(' / ');
  if (field === 'term' && typeof record.months === 'number') return `${record.months} months`;
  if (field === 'noticePeriod' && typeof record.days === 'number') return `${record.days} days`;
  if (field === 'renewal') return `${record.automatic ? 'automatic' : 'not automatic'}${typeof record.periodMonths === 'number' ? `, ${record.periodMonths} months` : ''}`;
  return JSON.stringify(value);
}
