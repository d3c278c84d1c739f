import { parseChineseInteger } from './numberWords.ts';

const digit = '[零〇壹贰叁肆伍陆柒捌玖一二三四五六七八九]';
const integerPart = '[零〇壹贰叁肆伍陆柒捌玖拾佰仟万萬亿億一二三四五六七八九十百千两]{1,24}';

/** Regex source for an amount in Chinese numerals, usually 大写 (壹拾贰万元整, 壹佰元伍角陆分). */
export const chineseAmountPattern = `${integerPart}[元圆圓](?:零?${digit}角)?(?:零?${digit}分)?(?:整|正)?`;

const digitValue: Readonly<Record<string, number>> = {
  零: 0, 〇: 0, 壹: 1, 贰: 2, 叁: 3, 肆: 4, 伍: 5, 陆: 6, 柒: 7, 捌: 8, 玖: 9,
  一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9,
};

/**
 * Reads an amount written in Chinese numerals (as matched by `chineseAmountPattern`) into minor
 * units of a two-decimal currency (分): 壹拾贰万元整 → 12000000. Returns null when the numeral is
 * not well formed, so a garbled OCR 大写 never turns into a wrong figure.
 */
export function parseChineseAmount(text: string): number | null {
  const match = new RegExp(`^(${integerPart})[元圆圓](?:零?(${digit})角)?(?:零?(${digit})分)?(?:整|正)?$`).exec(text);
  if (!match) return null;
  const yuan = parseChineseInteger(match[1] ?? '');
  if (yuan === null) return null;
  const jiao = match[2] === undefined ? 0 : (digitValue[match[2]] ?? 0);
  const fen = match[3] === undefined ? 0 : (digitValue[match[3]] ?? 0);
  const minor = yuan * 100 + jiao * 10 + fen;
  return Number.isSafeInteger(minor) ? minor : null;
}
