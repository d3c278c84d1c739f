import type { Money } from '../../src-shared/model/contract.ts';
import type { MessageKey } from '../../src-shared/i18n/en.ts';
import { translate, type Locale } from '../../src-shared/i18n/translate.ts';
import { formatMoneyPlain } from '../../src-shared/rules/money.ts';

const labelled = new Set(['type', 'number', 'parties', 'signingDate', 'startDate', 'endDate', 'term', 'amount', 'renewal', 'noticePeriod']);

/** The translated label of a metadata field (falls back to its id for a field this version does not know). */
export function fieldLabel(locale: Locale, field: string): string {
  return labelled.has(field) ? translate(locale, `cli.metadata.${field}` as MessageKey) : field;
}

/** A metadata value as one short line of text for the terminal (money with currency, parties joined, terms in months). */
export function fieldValueText(locale: Locale, field: string, value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return String(value);
  const record = value as Record<string, unknown>;
  if (field === 'amount' && typeof record.minor === 'number' && typeof record.currency === 'string') {
    return `${formatMoneyPlain(value as Money)} ${record.currency}`;
  }
  if (field === 'parties') return [record.partyA, record.partyB, ...((record.others as string[] | undefined) ?? [])].filter(Boolean).join(' / ');
  if (field === 'term' && typeof record.months === 'number') return translate(locale, 'cli.metadata.months', { n: record.months });
  if (field === 'noticePeriod' && typeof record.days === 'number') return translate(locale, 'cli.metadata.days', { n: record.days });
  if (field === 'renewal') {
    const kind = translate(locale, record.automatic ? 'cli.metadata.automatic' : 'cli.metadata.notAutomatic');
    return typeof record.periodMonths === 'number' ? `${kind}, ${translate(locale, 'cli.metadata.months', { n: record.periodMonths })}` : kind;
  }
  return JSON.stringify(value);
}
