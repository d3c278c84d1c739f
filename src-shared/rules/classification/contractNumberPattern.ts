import { AppError } from '../../api/appError.ts';
import { isIsoDate } from '../isoDate.ts';
import type { ReasonKey } from '../../api/errorReasons.ts';

/**
 * Contract numbers assigned from a pattern such as `HT-{yyyy}-{seq:4}` → HT-2025-0001.
 *
 * Tokens: {yyyy} {yy} {MM} {dd} and exactly one {seq} or {seq:N} (zero-padded to N digits; a
 * sequence that outgrows N simply gets longer, HT-2025-10000, rather than failing or wrapping).
 * The sequence restarts in each period the date tokens imply: per day with {dd}, per month with
 * {MM}, per year with {yyyy} or {yy}, never without date tokens. The vault stores the last sequence
 * per (pattern, periodKey); parseContractNumber recovers it from numbers already in the vault.
 * A monthly or daily pattern must include the year, or numbers would repeat a year later.
 */

type NumberPart =
  | { kind: 'text'; text: string }
  | { kind: 'yyyy' | 'yy' | 'MM' | 'dd' }
  | { kind: 'seq'; width: number };

/** The period a sequence runs in: 'all' (never resets), a year '2025', a month '2025-03' or a day '2025-03-31'. */
export type PeriodKey = string;

const MAX_PATTERN_CHARS = 64;

function invalid(reason: ReasonKey, values: Record<string, string | number> = {}): never {
  throw new AppError('RULE_INVALID', { ...values, detail: reason });
}

/** Parses and checks a number pattern; throws RULE_INVALID with the reason. */
export function parseContractNumberPattern(pattern: string): NumberPart[] {
  if (pattern.trim().length === 0) invalid('reason.numberPattern.empty');
  if (pattern.length > MAX_PATTERN_CHARS) invalid('reason.numberPattern.tooLong', { limit: MAX_PATTERN_CHARS });
  if (/[\u0000-\u001f\u007f]/u.test(pattern)) invalid('reason.numberPattern.controlCharacter');
  const parts: NumberPart[] = [];
  let text = '';
  for (let i = 0; i < pattern.length; ) {
    const c = pattern[i] ?? '';
    if (c === '}') invalid('reason.numberPattern.strayClose', { position: i });
    if (c !== '{') {
      text += c;
      i += 1;
      continue;
    }
    const close = pattern.indexOf('}', i);
    if (close === -1) invalid('reason.numberPattern.unclosed', { position: i });
    const token = pattern.slice(i + 1, close);
    if (text !== '') parts.push({ kind: 'text', text });
    text = '';
    const seq = /^seq(?::([1-9]))?$/u.exec(token);
    if (seq) parts.push({ kind: 'seq', width: seq[1] === undefined ? 1 : Number(seq[1]) });
    else if (token === 'yyyy' || token === 'yy' || token === 'MM' || token === 'dd') parts.push({ kind: token });
    else invalid('reason.numberPattern.unknownToken', { token });
    i = close + 1;
  }
  if (text !== '') parts.push({ kind: 'text', text });
  const kinds = parts.map((p) => p.kind);
  const count = (kind: NumberPart['kind']): number => kinds.filter((k) => k === kind).length;
  if (count('seq') !== 1) invalid('reason.numberPattern.needsOneSeq');
  const hasYear = count('yyyy') + count('yy') > 0;
  if (count('MM') > 0 && !hasYear) invalid('reason.numberPattern.monthNeedsYear');
  if (count('dd') > 0 && (count('MM') === 0 || !hasYear)) invalid('reason.numberPattern.dayNeedsMonth');
  return parts;
}

/** Checks a pattern; throws RULE_INVALID with the reason. */
export function validateContractNumberPattern(pattern: string): void {
  parseContractNumberPattern(pattern);
}

function resetUnit(parts: NumberPart[]): 'day' | 'month' | 'year' | 'never' {
  if (parts.some((p) => p.kind === 'dd')) return 'day';
  if (parts.some((p) => p.kind === 'MM')) return 'month';
  if (parts.some((p) => p.kind === 'yyyy' || p.kind === 'yy')) return 'year';
  return 'never';
}

function keyFor(unit: ReturnType<typeof resetUnit>, year: string, month: string, day: string): PeriodKey {
  switch (unit) {
    case 'day':
      return `${year}-${month}-${day}`;
    case 'month':
      return `${year}-${month}`;
    case 'year':
      return year;
    default:
      return 'all';
  }
}

function checkDate(date: string): [string, string, string] {
  if (!isIsoDate(date)) invalid('reason.numberPattern.badDate', { date });
  return [date.slice(0, 4), date.slice(5, 7), date.slice(8, 10)];
}

/** The period whose sequence a number for `date` (YYYY-MM-DD) belongs to. */
export function periodKey(pattern: string, date: string): PeriodKey {
  const [year, month, day] = checkDate(date);
  return keyFor(resetUnit(parseContractNumberPattern(pattern)), year, month, day);
}

/** A freshly assigned number, with what the vault must remember for the next one. */
export interface AssignedContractNumber {
  number: string;
  seq: number;
  periodKey: PeriodKey;
}

/**
 * The next number for `date` (YYYY-MM-DD), given the last sequence used in that date's period
 * (null or 0 when the period has none yet, e.g. on the first contract of a new year).
 */
export function nextContractNumber(pattern: string, options: { date: string; lastSeqForPeriod: number | null }): AssignedContractNumber {
  const parts = parseContractNumberPattern(pattern);
  const [year, month, day] = checkDate(options.date);
  const last = options.lastSeqForPeriod ?? 0;
  if (!Number.isSafeInteger(last) || last < 0) invalid('reason.numberPattern.badSequence', { value: last });
  const seq = last + 1;
  const number = parts
    .map((part) => {
      switch (part.kind) {
        case 'text':
          return part.text;
        case 'yyyy':
          return year;
        case 'yy':
          return year.slice(2);
        case 'MM':
          return month;
        case 'dd':
          return day;
        case 'seq':
          return String(seq).padStart(part.width, '0');
      }
    })
    .join('');
  return { number, seq, periodKey: keyFor(resetUnit(parts), year, month, day) };
}

/**
 * Reads an existing number back against its pattern: its sequence and period, or null when the
 * number was not made by this pattern. A two-digit year {yy} is read as 20yy.
 */
export function parseContractNumber(pattern: string, number: string): { seq: number; periodKey: PeriodKey } | null {
  const parts = parseContractNumberPattern(pattern);
  const groups: NumberPart['kind'][] = [];
  const source = parts
    .map((part) => {
      if (part.kind === 'text') return part.text.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');
      groups.push(part.kind);
      switch (part.kind) {
        case 'yyyy':
          return '(\\d{4})';
        case 'yy':
        case 'dd':
          return '(\\d{2})';
        case 'MM':
          return '(0[1-9]|1[0-2])';
        case 'seq':
          return `(\\d{${part.width},})`;
      }
    })
    .join('');
  // Numbers are short (≤ 64-character patterns, one unbounded group), so this native regex cannot blow up.
  const match = new RegExp(`^${source}$`, 'u').exec(number.trim());
  if (!match) return null;
  let year = '';
  let month = '01';
  let day = '01';
  let seq = 0;
  groups.forEach((kind, index) => {
    const value = match[index + 1] ?? '';
    if (kind === 'yyyy') year = value;
    else if (kind === 'yy') year = `20${value}`;
    else if (kind === 'MM') month = value;
    else if (kind === 'dd') day = value;
    else seq = Number(value);
  });
  if (!Number.isSafeInteger(seq)) return null;
  const unit = resetUnit(parts);
  if (unit === 'day' && !isIsoDate(`${year}-${month}-${day}`)) return null;
  return { seq, periodKey: keyFor(unit, year, month, day) };
}
