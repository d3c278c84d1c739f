import type { Money } from '../../src-shared/model/contract.ts';
import { formatMoneyPlain } from '../../src-shared/rules/money.ts';
import type { Locale } from '../../src-shared/i18n/translate.ts';

const formatters = new Map<string, Intl.NumberFormat>();

/**
 * An amount as the UI language writes it ("CN¥1,200,000.00", "US$5,000.00"). The decimal string is
 * formatted, not minor/100 as a float, so no amount is ever shown off by a rounding error.
 */
export function formatMoney(money: Money, locale: Locale): string {
  const key = `${locale}|${money.currency}`;
  let formatter = formatters.get(key);
  if (formatter === undefined) {
    try {
      formatter = new Intl.NumberFormat(locale, { style: 'currency', currency: money.currency });
    } catch {
      // An unknown currency code: still show the figure and the code.
      formatter = new Intl.NumberFormat(locale, { minimumFractionDigits: 2 });
    }
    formatters.set(key, formatter);
  }
  const text = formatter.format(formatMoneyPlain(money) as Intl.StringNumericLiteral);
  return formatter.resolvedOptions().style === 'currency' ? text : `${text} ${money.currency}`;
}
