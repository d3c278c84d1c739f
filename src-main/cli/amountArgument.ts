import { AppError } from '../../src-shared/api/appError.ts';
import type { ReasonKey } from '../../src-shared/api/errorReasons.ts';

/**
 * An amount typed on the command line in major units (yuan, dollars), with optional thousands
 * separators and up to two decimals, as minor units (分, cents); undefined when not given.
 */
export function parseMajorAmount(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const cleaned = text.replace(/[,\s_]/g, '');
  const match = /^(\d+)(?:\.(\d{1,2}))?$/.exec(cleaned);
  if (!match) throw new AppError('INVALID_INPUT', { detail: 'reason.amount.invalid' satisfies ReasonKey, value: text });
  const minor = Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
  if (!Number.isSafeInteger(minor)) throw new AppError('INVALID_INPUT', { detail: 'reason.amount.invalid' satisfies ReasonKey, value: text });
  return minor;
}
