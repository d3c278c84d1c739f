// One module per function: date-fns's index loads all ~250 of them (~0.1 s of CPU in each extraction worker).
import { addMonths } from 'date-fns/addMonths';
import { format } from 'date-fns/format';
import { isExists } from 'date-fns/isExists';
import { subDays } from 'date-fns/subDays';
import { clauseBefore } from './clauseContext.ts';
import { bestCandidate, fieldAt } from './extractedField.ts';
import type { ExtractedField } from './extractedField.ts';
import type { MatchablePage } from './matchablePage.ts';
import { countPattern, parseCount } from './numberWords.ts';

/** The contract's duration in months ("期限为三年" = 36, "for a term of 36 months" = 36). */
export interface ContractTerm {
  months: number;
}

interface TermRule {
  pattern: RegExp;
  confidence: number;
}

const count = `(${countPattern})`;
/** Unit after the count; "年" must not be a date's year ("2025年3月"). */
const zhUnit = '(个\\s*自然月|个\\s*月|月|周年|个\\s*年度|年)(?!\\s*\\d{1,2}\\s*月|[零〇一二三四五六七八九十]{1,2}月)';
const enUnit = '(calendar\\s+months?|months?|years?)';

const rules: readonly TermRule[] = [
  // 合同期限为三年 / 有效期：1年 / 租赁期限三十六个月 / 本合同有效期两年
  {
    pattern: new RegExp(`((?:合同|协议|租赁|服务|聘用|劳动合同|合作|委托|承包|许可|使用|本合同|本协议)?(?:的)?(?:期限|有效期限?|租期|服务期|合作期|聘期))\\s*(?:为期|为|是|共|暂定为?|:)?\\s*(?:为期|为)?\\s*${count}\\s*${zhUnit}`, 'giu'),
    confidence: 0.9,
  },
  // for a term of 36 months / for an initial period of two (2) years / for a period of one year
  { pattern: new RegExp(`()\\bfor\\s+(?:a|an)\\s+(?:initial\\s+)?(?:term|period)\\s+of\\s+${count}\\s+${enUnit}`, 'gi'), confidence: 0.88 },
  // The term of this Agreement shall be three (3) years / Term: 24 months
  {
    pattern: new RegExp(`(\\b(?:initial\\s+)?term(?:\\s+of\\s+this\\s+(?:agreement|contract))?)\\s*(?::|shall\\s+be|is|will\\s+be)\\s*(?:a\\s+period\\s+of\\s+)?${count}\\s+${enUnit}`, 'gi'),
    confidence: 0.9,
  },
  // has a term of one (1) year / with an initial term of 24 months
  { pattern: new RegExp(`()\\b(?:has|have|with)\\s+(?:a|an)\\s+(?:initial\\s+)?term\\s+of\\s+${count}\\s+${enUnit}`, 'gi'), confidence: 0.88 },
  // a 36-month term / an initial three-year term
  { pattern: new RegExp(`()\\b(?:a|an)\\s+(?:initial\\s+)?${count}[- ](month|year)\\s+(?:initial\\s+)?term\\b`, 'gi'), confidence: 0.85 },
  // shall remain in (full) force (and effect) for three (3) years / valid for 12 months
  { pattern: new RegExp(`()\\b(?:remain\\s+in\\s+(?:full\\s+)?(?:force|effect)(?:\\s+and\\s+effect)?|be\\s+valid|continue\\s+in\\s+(?:full\\s+)?(?:force|effect))\\s+for\\s+(?:a\\s+period\\s+of\\s+)?${count}\\s+${enUnit}`, 'gi'), confidence: 0.85 },
];

/**
 * Periods that are not the contract's term but are written the same way: probation, warranty,
 * confidentiality that survives, renewal periods, notice, payment.
 */
const otherPeriodZh = /试用|质保|保修|保密|付款|交货|免租|保证|违约|整改|宽限|续期|续约|续签|顺延|延续|延长|竞业|培训|服务期满后/;
const otherPeriodEn = /\b(?:confidential|surviv|warrant|renew|renewal|successive|additional|extension|extend|notice|probation|payment|non-?compet|non-?solicit|retention|guarantee|defects?\s+liability|trial)/i;

function monthsFrom(value: number, unit: string): number | null {
  const isMonth = /月|month/i.test(unit);
  const months = isMonth ? value : value * 12;
  // Beyond 50 years it is a misread (a year number, an article number), not a term.
  return months >= 1 && months <= 600 ? months : null;
}

/** The stated term of the contract, converted to months. */
export function extractContractTerm(pages: readonly MatchablePage[]): ExtractedField<ContractTerm> | undefined {
  const candidates: ExtractedField<ContractTerm>[] = [];
  for (const page of pages) {
    for (const { pattern, confidence } of rules) {
      pattern.lastIndex = 0;
      for (let m = pattern.exec(page.text); m !== null; m = pattern.exec(page.text)) {
        const value = parseCount(m[2] ?? '');
        if (value === null) continue;
        const months = monthsFrom(value, m[3] ?? '');
        if (months === null) continue;
        const clause = clauseBefore(page.text, m.index, 120) + (m[1] ?? '');
        if (otherPeriodZh.test(clause) || otherPeriodEn.test(clause)) continue;
        candidates.push(fieldAt(page, m.index, m.index + m[0].length, { months }, confidence));
      }
    }
  }
  return bestCandidate(candidates);
}

/**
 * The end date a start date and a term imply: the day before the same date `months` later
 * (2025-03-01 + 12 months ends 2026-02-28), the way Chinese and English contracts count a term.
 * When that later month has no such day (a term starting on 31 January or 29 February), date-fns
 * clamps to the month's last day, and that last day is itself the end: 2024-01-31 + 1 month ends
 * 2024-02-29, as the PRC Civil Code (art. 203) counts a period with no corresponding day.
 */
export function endDateFromTerm(startDate: string, months: number): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(startDate);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (!isExists(year, month - 1, day)) return null;
  const later = addMonths(new Date(year, month - 1, day), months);
  const clamped = later.getDate() !== day;
  return format(clamped ? later : subDays(later, 1), 'yyyy-MM-dd');
}
