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
