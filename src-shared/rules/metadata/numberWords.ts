import nzh from 'nzh';

const englishUnits: Readonly<Record<string, number>> = {
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19,
};
const englishTens: Readonly<Record<string, number>> = {
  twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90,
};

const unitWords = Object.keys(englishUnits).join('|');
const tensWords = Object.keys(englishTens).join('|');
const belowHundred = `(?:(?:${tensWords})(?:[- ](?:${unitWords}))?|${unitWords})`;

/** Regex source for a count written in English words, up to "nine hundred ninety-nine" (use with the `i` flag). */
export const englishNumberPattern = `(?:${belowHundred}(?: hundred(?:(?: and)? ${belowHundred})?)?)`;

/** Regex source for a count written with Chinese numerals, lower case or 大写 (一, 三十六, 两, 壹拾贰). */
export const chineseNumberPattern = '[零〇一二两三四五六七八九十百千壹贰叁肆伍陆柒捌玖拾佰仟]{1,8}';

/**
 * Regex source for a count as contracts write it: digits, English words or Chinese numerals, optionally
 * followed by the digits again in brackets ("thirty (30)", "三十（30）"). Use with the `i` flag.
 */
export const countPattern = `(?:\\d{1,4}|${englishNumberPattern}|${chineseNumberPattern})(?:\\s*\\(\\s*\\d{1,4}\\s*\\))?`;

function parseBelowHundred(words: string): number | null {
  const parts = words.split(/[- ]/);
  if (parts.length === 1) return englishUnits[parts[0] ?? ''] ?? englishTens[parts[0] ?? ''] ?? null;
  if (parts.length !== 2) return null;
  const tens = englishTens[parts[0] ?? ''];
  const unit = englishUnits[parts[1] ?? ''];
  if (tens === undefined || unit === undefined || unit === 0 || unit >= 10) return null;
  return tens + unit;
}

/** Parses an English number word ("twelve", "thirty-six", "one hundred twenty"); null when it is not one. */
export function parseEnglishNumber(text: string): number | null {
  const words = text.trim().toLowerCase().replace(/\s+/g, ' ');
  const hundred = /^(.+?) hundred(?:(?: and)? (.+))?$/.exec(words);
  if (!hundred) return parseBelowHundred(words);
  const head = parseBelowHundred(hundred[1] ?? '');
  const tail = hundred[2] === undefined ? 0 : parseBelowHundred(hundred[2]);
  if (head === null || head < 1 || head > 9 || tail === null) return null;
  return head * 100 + tail;
}

const lowerNumerals = /^[零〇一二三四五六七八九十百千万亿]+$/;
const upperNumerals = /^[零壹贰叁肆伍陆柒捌玖拾佰仟万亿]+$/;

/**
 * Parses an integer in Chinese numerals, lower case (三十六, 两万) or 大写 (壹拾贰万), with nzh. nzh
 * decodes leniently (it reads "十十" as 100), so the result must encode back to what was written:
 * a value is returned only when the text is a well-formed numeral. 零 is ignored in that comparison
 * because writers and nzh differ on it across 万 (壹佰万零伍仟 vs 壹佰万伍仟).
 */
export function parseChineseInteger(text: string): number | null {
  const written = text.replace(/两/g, '二').replace(/〇/g, '零').replace(/萬/g, '万').replace(/億/g, '亿');
  if (written === '' || /^零+$/.test(written)) return written === '' ? null : 0;
  const upper = upperNumerals.test(written);
  if (!upper && !lowerNumerals.test(written)) return null;
  // nzh's typings say string, but it returns a number unless asked otherwise.
  const value = Number(upper ? nzh.cn.decodeB(written) : nzh.cn.decodeS(written));
  if (!Number.isSafeInteger(value) || value <= 0) return null;
  const bare = (s: string): string => s.replace(/零/g, '');
  const encodings = upper
    ? [nzh.cn.encodeB(value), nzh.cn.encodeB(value, { tenMin: true })]
    : [nzh.cn.encodeS(value), nzh.cn.encodeS(value, { tenMin: false })];
  return encodings.some((encoding) => bare(encoding) === bare(written)) ? value : null;
}

/**
 * Parses a count as matched by `countPattern`. When a contract writes the number twice ("two (2)")
 * both must agree, otherwise the text is contradictory and no value is returned.
 */
export function parseCount(text: string): number | null {
  const match = /^(.*?)\s*(?:\(\s*(\d{1,4})\s*\))?$/s.exec(text.trim());
  if (!match) return null;
  const head = (match[1] ?? '').trim();
  let value: number | null;
  if (/^\d+$/.test(head)) value = Number(head);
  else if (/^[a-z -]+$/i.test(head)) value = parseEnglishNumber(head);
  else value = parseChineseInteger(head);
  if (value === null) return null;
  if (match[2] !== undefined && Number(match[2]) !== value) return null;
  return value;
}
