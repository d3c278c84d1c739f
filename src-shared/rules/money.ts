import type { Money } from '../model/contract.ts';

/** ISO 4217 currencies whose minor unit is not 1/100 (the rest use two decimals). */
const minorDigitsOverride: Record<string, number> = { JPY: 0, KRW: 0, VND: 0, CLP: 0, ISK: 0, BHD: 3, KWD: 3, OMR: 3, JOD: 3, TND: 3 };

/** Number of decimal places of a currency's minor unit. */
export function minorDigits(currency: string): number {
  return minorDigitsOverride[currency.toUpperCase()] ?? 2;
}

/**
 * Parses a decimal amount such as "1,200,000.50" into minor units without floating point,
 * so 0.1 + 0.2 problems never reach a stored contract value. Returns null when it is not a number.
 */
export function parseMoney(text: string, currency: string): Money | null {
  const cleaned = text.replace(/[,\s_']/g, '');
  const match = /^(\d+)(?:\.(\d+))?$/.exec(cleaned);
  if (!match) return null;
  const digits = minorDigits(currency);
  const whole = match[1] ?? '0';
  const fraction = match[2] ?? '';
  if (fraction.length > digits) return null;
  const minor = Number(whole + fraction.padEnd(digits, '0'));
  if (!Number.isSafeInteger(minor)) return null;
  return { minor, currency: currency.toUpperCase() };
}

/** Formats minor units back to a plain decimal string ("1200000.50"), locale-free for storage and JSON. */
export function formatMoneyPlain(money: Money): string {
  const digits = minorDigits(money.currency);
  if (digits === 0) return String(money.minor);
  const text = String(money.minor).padStart(digits + 1, '0');
  return `${text.slice(0, -digits)}.${text.slice(-digits)}`;
}

/**
 * Rewrites a figure as contracts print it as a plain decimal: "1,200,000.50", "1.200.000,50"
 * (European), "1'200'000" (Swiss), "12,50" (decimal comma). "12.000" is twelve unless
 * `dotGroupsThousands` says the document writes European numbers (a € amount): then twelve thousand.
 * Returns null for anything that is not clearly one number.
 */
export function localizedDecimal(text: string, dotGroupsThousands = false): string | null {
  const compact = text.replace(/\s/g, '');
  if (/^\d{1,3}(?:,\d{3})+(?:\.\d+)?$/.test(compact)) return compact.replace(/,/g, '');
  if (/^\d{1,3}(?:'\d{3})+(?:\.\d+)?$/.test(compact)) return compact.replace(/'/g, '');
  if (/^\d{1,3}(?:\.\d{3})+,\d+$/.test(compact) || /^\d{1,3}(?:\.\d{3}){2,}$/.test(compact)) return compact.replace(/\./g, '').replace(',', '.');
  if (/^\d{1,3}\.\d{3}$/.test(compact)) return dotGroupsThousands ? compact.replace('.', '') : compact;
  if (/^\d+,\d{1,2}$/.test(compact)) return compact.replace(',', '.');
  if (/^\d+(?:\.\d+)?$/.test(compact)) return compact;
  return null;
}

/** parseMoney for figures with thousands separators in any common convention (see localizedDecimal). */
export function parseLocalizedMoney(text: string, currency: string, dotGroupsThousands = false): Money | null {
  const plain = localizedDecimal(text, dotGroupsThousands);
  return plain === null ? null : parseMoney(plain, currency);
}

/**
 * Multiplies a plain decimal string by 10^exponent without floating point ("12.5", 4 → "125000"),
 * for amounts written in 万 (10^4) or 亿 (10^8). Returns null when it is not a plain decimal.
 */
export function shiftDecimal(text: string, exponent: number): string | null {
  const match = /^(\d+)(?:\.(\d+))?$/.exec(text);
  if (!match) return null;
  const fraction = (match[2] ?? '').padEnd(exponent, '0');
  const whole = `${match[1] ?? '0'}${fraction.slice(0, exponent)}`.replace(/^0+(?=\d)/, '');
  const rest = fraction.slice(exponent).replace(/0+$/, '');
  return rest === '' ? whole : `${whole}.${rest}`;
}
