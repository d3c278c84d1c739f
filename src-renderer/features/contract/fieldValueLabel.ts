import type { MessageKey } from '../../../src-shared/i18n/en.ts';
import type { Money } from '../../../src-shared/model/contract.ts';
import type { Locale } from '../../../src-shared/i18n/translate.ts';
import { formatMoney } from '../../i18n/formatMoney.ts';
import type { Translator } from '../../i18n/useT.ts';

const labelled = new Set(['type', 'number', 'parties', 'signingDate', 'startDate', 'endDate', 'term', 'amount', 'renewal', 'noticePeriod']);

/** The translated name of a metadata field (its id for a field this version does not know). */
export function fieldLabel(t: Translator, field: string): string {
  return labelled.has(field) ? t(`cli.metadata.${field}` as MessageKey) : field;
}

/** A metadata value as one short line: money in the UI language, parties joined, terms in months or days. */
export function fieldValueLabel(t: Translator, locale: Locale, field: string, value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return String(value);
  const record = value as Record<string, unknown>;
  if (field === 'amount' && typeof record['minor'] === 'number' && typeof record['currency'] === 'string') return formatMoney(value as Money, locale);
  if (field === 'parties') return [record['partyA'], record['partyB'], ...((record['others'] as string[] | undefined) ?? [])].filter(Boolean).join(' / ');
  if (field === 'term' && typeof record['months'] === 'number') return t('cli.metadata.months', { n: record['months'] });
  if (field === 'noticePeriod' && typeof record['days'] === 'number') return t('cli.metadata.days', { n: record['days'] });
  if (field === 'renewal') {
    const kind = t(record['automatic'] ? 'cli.metadata.automatic' : 'cli.metadata.notAutomatic');
    return typeof record['periodMonths'] === 'number' ? `${kind}, ${t('cli.metadata.months', { n: record['periodMonths'] })}` : kind;
  }
  return JSON.stringify(value);
}
