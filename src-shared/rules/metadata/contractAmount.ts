import { clauseBefore } from './clauseContext.ts';
import type { Money } from '../../model/contract.ts';
import { localizedDecimal, parseMoney, shiftDecimal } from '../money.ts';
import { fieldAt } from './extractedField.ts';
import type { ExtractedField } from './extractedField.ts';
import { chineseAmountPattern, parseChineseAmount } from './chineseAmount.ts';
import type { MatchablePage } from './matchablePage.ts';

/** How the words before an amount describe it. */
type AmountRole = 'total' | 'priced' | 'other' | 'unlabelled';

interface AmountMention {
  page: MatchablePage;
  start: number;
  end: number;
  money: Money;
  /** Written in Chinese numerals (大写): a cross-check for an adjacent figure. */
  chinese: boolean;
  /** A bare "$" or "dollars": USD is a guess. */
  guessedCurrency: boolean;
}

/** Currency written before the figure, longest first so "US$" wins over "$". */
const prefixCurrencies: readonly [string, string][] = [
  ['U.S.$', 'USD'], ['US$', 'USD'], ['HK$', 'HKD'], ['S$', 'SGD'], ['A$', 'AUD'], ['C$', 'CAD'], ['NT$', 'TWD'],
  ['人民币', 'CNY'], ['RMB', 'CNY'], ['CNY', 'CNY'], ['USD', 'USD'], ['EUR', 'EUR'], ['GBP', 'GBP'], ['HKD', 'HKD'], ['JPY', 'JPY'],
  ['SGD', 'SGD'], ['AUD', 'AUD'], ['CAD', 'CAD'], ['CHF', 'CHF'], ['美元', 'USD'], ['欧元', 'EUR'], ['港币', 'HKD'], ['港元', 'HKD'],
  ['¥', 'CNY'], ['€', 'EUR'], ['£', 'GBP'], ['$', 'USD'],
];
/** Currency written after the figure; the leading 万/亿 scales it. */
const suffixCurrencies: readonly [string, string][] = [
  ['元人民币', 'CNY'], ['元', 'CNY'], ['圆', 'CNY'], ['美元', 'USD'], ['欧元', 'EUR'], ['港元', 'HKD'], ['港币', 'HKD'], ['英镑', 'GBP'], ['日元', 'JPY'],
  ['RMB', 'CNY'], ['CNY', 'CNY'], ['USD', 'USD'], ['EUR', 'EUR'], ['GBP', 'GBP'], ['HKD', 'HKD'], ['JPY', 'JPY'],
  ['US dollars', 'USD'], ['U.S. dollars', 'USD'], ['United States dollars', 'USD'], ['dollars', 'USD'], ['euros', 'EUR'], ['yuan', 'CNY'],
];

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const prefixSource = prefixCurrencies.map(([p]) => escape(p)).join('|');
const suffixSource = suffixCurrencies.map(([s]) => escape(s)).join('|');
/**
 * A figure with separators; its meaning is decided by localizedDecimal. French-style space groups
 * ("21 500 euros") are one figure, so their last group is never read alone as 500.
 */
const figureSource = "\\d{1,3}(?:[ \\u202f]\\d{3})+(?:[.,]\\d{1,2})?(?![\\d,.'])|\\d(?:[\\d,.']*\\d)?";

const figureAmount = new RegExp(
  `(?<![A-Za-z])(?:(${prefixSource})\\s*)?(?<![\\d.,']|\\d[ \\u202f])(${figureSource})(?![\\d%])\\s*(万|亿)?\\s*(?:(${suffixSource})(?![A-Za-z]))?`,
  'gi',
);
const chineseAmount = new RegExp(`(?:(人民币|美元|欧元|港币|RMB|USD|EUR)\\s*)?(?:\\(?\\s*大写\\s*\\)?\\s*:?\\s*)?(${chineseAmountPattern})`, 'g');
/** "合同总价（元）：120,000.00": the unit sits in the label, the figure stands alone. */
const unitInLabel = new RegExp(
  `(?:合同总金额|合同总价款?|合同金额|合同价款|总价款?|总金额|total\\s+(?:contract\\s+)?(?:price|amount|value))\\s*\\(\\s*(万元|元|人民币元?|RMB|CNY|USD|US\\$|美元|EUR|€|欧元)\\s*\\)\\s*:?\\s*(${figureSource})(?![\\d%])`,
  'gi',
);

const currencyFor = (written: string, table: readonly [string, string][]): string | undefined =>
  table.find(([w]) => w.toLowerCase() === written.toLowerCase())?.[1];

/** Labels before an amount: the closest one decides what the amount is. */
const labelPatterns: readonly [RegExp, AmountRole][] = [
  [/合同总金额|合同总价款|合同总价格|合同总价|合同总额|合同总值|合同金额|合同价款|合同价格|签约合同价|合同总造价|总价款|含税总价|含税总金额|价税合计|总金额|总价|总额|总计|合计|服务费总额|费用总额|租金总额|总租金|货款总额|采购总额|采购总金额|total\s+contract\s+(?:price|value|amount|sum)|contract\s+(?:price|value|amount|sum)|total\s+(?:price|amount|fees?|consideration|value|purchase\s+price)|total\s+rent|aggregate\s+(?:contract\s+)?(?:price|amount|fees?|consideration)|purchase\s+price/gi, 'total'],
  [/金额|价款|货款|价格|费用|服务费|报酬|咨询费|合同款|工程款|承包价|\bfees?\b|\bprice\b|\bsum\b|\bconsideration\b|\bamount\b/gi, 'priced'],
  [
    /违约金|违约|赔偿金?|罚款|罚金|滞纳金|保证金|定金|订金|押金|预付款?|首付款?|首期|第[一二三四五六七八九十\d]+期|每期|分期|尾款|进度款|余款|剩余|每月|每季度?|每年|每日|每天|每件|每台|每平方米|每人|每小时|月租金?|年租金|日租金|单价|利息|万分之|千分之|百分之|不含税(?:金额|价款?|总价)?|税额|税金|增值税|保险|上限|不超过|最高|限额|其中|退还|退款|奖励|补偿金?|工资|月薪|薪酬|\bpenalt(?:y|ies)\b|liquidated\s+damages|\bdamages\b|\bdeposit\b|\badvance\b|down\s+payment|instal?l?ments?|per\s+(?:month|annum|year|day|hour|unit|square)|\bmonthly\b|\bannual(?:ly)?\b|\bdaily\b|\bhourly\b|\blate\b|\binterest\b|unit\s+price|\beach\b|\btax(?:es)?\b|\bVAT\b|\binsurance\b|\bcap(?:ped)?\b|\bexceed|\blimit|\bliabilit|(?:first|second|third|final)\s+(?:payment|instal?lment)|\bbalance\b|\bfines?\b|\bretainer\b|\bremaining\b|of\s+which|\bsalary\b|\bwages?\b|\bbonus\b|reimburs|\brefund|\bcompensation\b|\brent\b/gi,
    'other',
  ],
];

/** A rate, not a sum: "¥5,000/月", "USD 200 per hour". */
const rateAfter = /^\s*(?:\/|每|per\b|a\s+(?:month|year|day)\b|monthly\b|annually\b|p\.a\.)/i;
/** Between a label and the figure: a percentage means the figure is derived (30% of the price, i.e. ¥36,000). */
const derivedBetween = /%|百分之|\bpercent\b/i;

interface AmountContext {
  role: AmountRole;
  /** Where the deciding label starts, so the evidence shows "合同总价：¥…" and not only the figure. */
  labelStart: number;
}

function contextOf(page: MatchablePage, start: number, end: number): AmountContext {
  if (rateAfter.test(page.text.slice(end, end + 14))) return { role: 'other', labelStart: start };
  const windowStart = Math.max(0, start - 40);
  // A line break inside a sentence ("shall not exceed\nUSD 4,000,000", as PDFs wrap) does not end the clause.
  const clause = clauseBefore(page.text, start, 40);
  const clauseOffset = start - clause.length - windowStart;
  let closest: { index: number; end: number; length: number; role: AmountRole } | undefined;
  for (const [pattern, role] of labelPatterns) {
    pattern.lastIndex = 0;
    for (let m = pattern.exec(clause); m !== null; m = pattern.exec(clause)) {
      const labelEnd = m.index + m[0].length;
      if (closest === undefined || labelEnd > closest.end || (labelEnd === closest.end && m[0].length > closest.length)) {
        closest = { index: m.index, end: labelEnd, length: m[0].length, role };
      }
    }
  }
  if (closest === undefined) return { role: 'unlabelled', labelStart: start };
  const labelStart = windowStart + clauseOffset + closest.index;
  if (derivedBetween.test(clause.slice(closest.end))) return { role: 'other', labelStart };
  return { role: closest.role, labelStart };
}

function figureMentions(page: MatchablePage, documentHints: CurrencyHints): AmountMention[] {
  const mentions: AmountMention[] = [];
  figureAmount.lastIndex = 0;
  for (let m = figureAmount.exec(page.text); m !== null; m = figureAmount.exec(page.text)) {
    const [whole, prefix, figure, scale, suffix] = m;
    if (prefix === undefined && suffix === undefined) continue;
    // A bare figure followed by 万/亿 with no currency word is a quantity, not money.
    if (figure === undefined) continue;
    // "人民币" or a code spelled in lower case inside prose ("usd") is rare; keep codes upper case.
    if (prefix !== undefined && /^[a-z]/.test(prefix)) continue;
    let currency = (prefix !== undefined ? currencyFor(prefix, prefixCurrencies) : undefined) ?? (suffix !== undefined ? currencyFor(suffix, suffixCurrencies) : undefined);
    if (currency === undefined) continue;
    const guessedCurrency = (prefix === '$' || suffix?.toLowerCase() === 'dollars') && !documentHints.usd;
    if (currency === 'CNY' && (prefix === '¥' || prefix === undefined) && documentHints.jpy && !documentHints.cny) currency = 'JPY';
    const exponent = scale === '万' ? 4 : scale === '亿' ? 8 : 0;
    const money = readFigure(figure, currency, exponent);
    if (money === null || money.minor <= 0) continue;
    const trailing = whole.length - whole.trimEnd().length;
    mentions.push({ page, start: m.index, end: m.index + whole.length - trailing, money, chinese: false, guessedCurrency });
  }
  chineseAmount.lastIndex = 0;
  for (let m = chineseAmount.exec(page.text); m !== null; m = chineseAmount.exec(page.text)) {
    const minor = parseChineseAmount(m[2] ?? '');
    if (minor === null || minor <= 0) continue;
    const currency = m[1] === undefined ? 'CNY' : (currencyFor(m[1], prefixCurrencies) ?? 'CNY');
    mentions.push({ page, start: m.index, end: m.index + m[0].length, money: { minor, currency }, chinese: true, guessedCurrency: false });
  }
  unitInLabel.lastIndex = 0;
  for (let m = unitInLabel.exec(page.text); m !== null; m = unitInLabel.exec(page.text)) {
    const unit = m[1] ?? '';
    const currency = /USD|US\$|美元/i.test(unit) ? 'USD' : /EUR|€|欧元/i.test(unit) ? 'EUR' : 'CNY';
    const money = readFigure(m[2] ?? '', currency, unit === '万元' ? 4 : 0);
    if (money === null || money.minor <= 0) continue;
    mentions.push({ page, start: m.index, end: m.index + m[0].length, money, chinese: false, guessedCurrency: false });
  }
  return mentions.sort((a, b) => a.start - b.start);
}

function readFigure(figure: string, currency: string, exponent: number): Money | null {
  const plain = localizedDecimal(figure, currency === 'EUR');
  // 万/亿 scale the decimal exactly before it becomes minor units (12.5万元 = 125000.00).
  const scaled = plain === null || exponent === 0 ? plain : shiftDecimal(plain, exponent);
  return scaled === null ? null : parseMoney(scaled, currency);
}

interface CurrencyHints {
  usd: boolean;
  jpy: boolean;
  cny: boolean;
}

function currencyHints(pages: readonly MatchablePage[]): CurrencyHints {
  const all = pages.map((p) => p.text).join('\n');
  return {
    usd: /\bUSD\b|US\$|U\.S\.\s*(?:\$|dollars?)|\bUS\s+dollars?|United\s+States\s+dollars?|美元/i.test(all),
    jpy: /\bJPY\b|日元|円|\byen\b/i.test(all),
    cny: /人民币|\bRMB\b|\bCNY\b|元/.test(all),
  };
}

interface ScoredAmount {
  start: number;
  end: number;
  page: MatchablePage;
  money: Money;
  role: AmountRole;
  confidence: number;
}

const sameMoney = (a: Money, b: Money): boolean => a.minor === b.minor && a.currency === b.currency;
/** What may sit between a figure and its 大写 twin: brackets, a colon, "大写", a currency word. */
const pairGap = /^[\s(),:大写小写人民币RMB¥即为]*$/;

const baseConfidence: Readonly<Record<AmountRole, number>> = { total: 0.9, priced: 0.7, unlabelled: 0.55, other: 0 };

/**
 * The contract's total amount: a labelled total (合同总价, Total Contract Price) first, a priced
 * amount (价款, fee) next; penalties, deposits, instalments and rates never. An amount written both
 * as a figure and in 大写 that agree is more certain; if they disagree the amount is not returned.
 */
export function extractContractAmount(pages: readonly MatchablePage[]): ExtractedField<Money> | undefined {
  const hints = currencyHints(pages);
  const scored: ScoredAmount[] = [];
  for (const page of pages) {
    const mentions = figureMentions(page, hints);
    const used = new Set<number>();
    mentions.forEach((mention, index) => {
      if (used.has(index)) return;
      let end = mention.end;
      let agreement = 0;
      let context = contextOf(page, mention.start, mention.end);
      const next = mentions[index + 1];
      if (next !== undefined && next.chinese !== mention.chinese && pairGap.test(page.text.slice(mention.end, next.start)) && next.start - mention.end <= 16) {
        used.add(index + 1);
        // A figure and its 大写 twin that disagree: the contract contradicts itself, so say nothing.
        if (!sameMoney(mention.money, next.money)) return;
        agreement = 0.06;
        end = next.end;
        if (context.role === 'unlabelled') context = contextOf(page, next.start, next.end);
      }
      const { role, labelStart } = context;
      if (role === 'other') return;
      let confidence = baseConfidence[role] + agreement;
      if (mention.guessedCurrency) confidence -= 0.1;
      scored.push({ page, start: Math.min(labelStart, mention.start), end, money: mention.money, role, confidence });
    });
  }
  // A labelled total decides. Weaker evidence (a price, a fee, or no label) counts only when it is
  // unambiguous: a document quoting several different prices does not say which one is the contract's.
  const onlyValue = (items: ScoredAmount[]): ScoredAmount[] =>
    new Set(items.map((s) => `${String(s.money.minor)} ${s.money.currency}`)).size === 1 ? items : [];
  const totals = scored.filter((s) => s.role === 'total');
  const priced = scored.filter((s) => s.role === 'priced');
  // A text quoting many different sums (a book, a report) is not a contract stating its price.
  const manySums = new Set(scored.map((s) => `${String(s.money.minor)} ${s.money.currency}`)).size > 3;
  const pool = totals.length > 0 ? totals : manySums ? [] : priced.length > 0 ? onlyValue(priced) : onlyValue(scored);
  let best: ScoredAmount | undefined;
  for (const s of pool) {
    if (best === undefined || s.confidence > best.confidence) best = s;
  }
  return best ? fieldAt(best.page, best.start, best.end, best.money, best.confidence) : undefined;
}
