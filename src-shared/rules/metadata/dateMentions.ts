// One module per function: date-fns's index loads all ~250 of them (~0.1 s of CPU in each extraction worker).
import { isExists } from 'date-fns/isExists';
import { parseChineseInteger } from './numberWords.ts';

/** A calendar date written somewhere in a page, normalised to YYYY-MM-DD, with its offsets. */
export interface DateMention {
  iso: string;
  start: number;
  end: number;
}

const monthNames: Readonly<Record<string, number>> = {
  january: 1, february: 2, march: 3, april: 4, may: 5, june: 6, july: 7, august: 8, september: 9, october: 10, november: 11, december: 12,
  jan: 1, feb: 2, mar: 3, apr: 4, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, oct: 10, nov: 11, dec: 12,
};
const monthPattern = '(january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)';

const chineseYearDigits: Readonly<Record<string, string>> = {
  '〇': '0', '零': '0', '○': '0', 'O': '0', 'o': '0', '一': '1', '二': '2', '三': '3', '四': '4', '五': '5', '六': '6', '七': '7', '八': '8', '九': '9',
};

/** Contracts outside this range are far more likely misreads (a phone number, a page count) than real dates. */
const earliestYear = 1950;
const latestYear = 2100;

function isoFrom(year: number, month: number, day: number): string | null {
  if (year < earliestYear || year > latestYear) return null;
  if (!isExists(year, month - 1, day)) return null;
  return `${String(year)}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

type DateReader = (match: RegExpExecArray) => string | null;

const num = (text: string | undefined): number => Number(text ?? 'NaN');

/**
 * Day-first or month-first numeric dates ("03/04/2025") are read only when the numbers decide it
 * (one of them above 12, or both equal); otherwise the date is ambiguous and skipped.
 */
function readAmbiguousNumeric(first: number, second: number, year: number): string | null {
  if (first > 12 && second <= 12) return isoFrom(year, second, first);
  if (second > 12 && first <= 12) return isoFrom(year, first, second);
  if (first === second) return isoFrom(year, first, second);
  return null;
}

const readers: readonly [RegExp, DateReader][] = [
  // 2025年3月1日, 2025 年 03 月 01 号
  [/(?<!\d)(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]/g, (m) => isoFrom(num(m[1]), num(m[2]), num(m[3]))],
  // 二〇二五年三月一日
  [/([〇零○Oo一二三四五六七八九]{4})\s*年\s*([一二三四五六七八九十]{1,3})\s*月\s*([一二三四五六七八九十]{1,3})\s*[日号]/g, (m) => {
    const year = [...(m[1] ?? '')].map((c) => chineseYearDigits[c] ?? 'x').join('');
    const month = parseChineseInteger(m[2] ?? '');
    const day = parseChineseInteger(m[3] ?? '');
    if (!/^\d{4}$/.test(year) || month === null || day === null) return null;
    return isoFrom(Number(year), month, day);
  }],
  // 2025-03-01, 2025/3/1, 2025.03.01 (the same separator twice; not inside a reference like HT-2025-03-01)
  // A dash between two dates is a range ("2025-03-01—2026-02-28"), so only a letter before a dash blocks.
  [/(?<![\w./])(?<![A-Za-z_]-)(\d{4})([-/.])(\d{1,2})\2(\d{1,2})(?![\w/]|-[A-Za-z_]|\.\d)/g, (m) => isoFrom(num(m[1]), num(m[3]), num(m[4]))],
  // March 1, 2025 / Mar. 1st 2025
  [new RegExp(`\\b${monthPattern}\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?\\s*,?\\s+(\\d{4})\\b`, 'gi'), (m) => isoFrom(num(m[3]), monthNames[(m[1] ?? '').toLowerCase()] ?? 0, num(m[2]))],
  // 1 March 2025 / 1st day of March, 2025
  [new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:day\\s+of\\s+)?${monthPattern}\\.?\\s*,?\\s+(\\d{4})\\b`, 'gi'), (m) => isoFrom(num(m[3]), monthNames[(m[2] ?? '').toLowerCase()] ?? 0, num(m[1]))],
  // 03/15/2025, 15.03.2025 (only when unambiguous)
  [/(?<![\w.\-/])(\d{1,2})([/.])(\d{1,2})\2(\d{4})(?![\w\-/]|\.\d)/g, (m) => readAmbiguousNumeric(num(m[1]), num(m[3]), num(m[4]))],
];

/** Every calendar date written on a (normalised) page, in text order, overlaps removed. */
export function findDates(text: string): DateMention[] {
  const found: DateMention[] = [];
  for (const [pattern, read] of readers) {
    pattern.lastIndex = 0;
    for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
      const iso = read(match);
      if (iso !== null) found.push({ iso, start: match.index, end: match.index + match[0].length });
    }
  }
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: DateMention[] = [];
  for (const mention of found) {
    const last = kept[kept.length - 1];
    if (last === undefined || mention.start >= last.end) kept.push(mention);
  }
  return kept;
}
