import { clauseAround } from './clauseContext.ts';
import { bestCandidate, fieldAt } from './extractedField.ts';
import type { ExtractedField } from './extractedField.ts';
import type { MatchablePage } from './matchablePage.ts';
import { countPattern, parseCount } from './numberWords.ts';

/** Whether the contract renews by itself at the end of its term, and for how long each time. */
export interface RenewalTerms {
  automatic: boolean;
  periodMonths?: number;
}

/** How long before termination or non-renewal a party must give notice, in days. */
export interface NoticePeriod {
  days: number;
}

interface RenewalRule {
  pattern: RegExp;
  automatic: boolean;
  confidence: number;
}

const negation = '(?:不|不得|不会|不再|不予|并不|并非|无|非)';
const renewVerbZh = '(?:续期|续约|续签|延续|顺延|延长|续展|续订)';

const renewalRules: readonly RenewalRule[] = [
  { pattern: new RegExp(`${negation}\\s*自动\\s*${renewVerbZh}`, 'g'), automatic: false, confidence: 0.85 },
  { pattern: new RegExp(`(?<!${negation}\\s*)自动\\s*${renewVerbZh}`, 'g'), automatic: true, confidence: 0.9 },
  { pattern: new RegExp(`视为(?:双方)?(?:同意)?${renewVerbZh}`, 'g'), automatic: true, confidence: 0.85 },
  // 期满后自动终止: the contract ends by itself, so it does not renew.
  { pattern: /(?:期满|到期|届满)(?:后|时)?\s*(?:即)?自动(?:终止|失效)/g, automatic: false, confidence: 0.8 },
  {
    pattern: /(?:续签|续约|续期|续租|延期|继续承租|继续租赁|继续合作)[^。;\n]{0,30}?(?:另行签订|重新签订|协商一致|书面同意|另行协商|同意后)|(?:另行签订|重新签订|协商)[^。;\n]{0,10}?(?:续签|续约|续期|续租)/g,
    automatic: false,
    confidence: 0.75,
  },
  {
    pattern: /\b(?:shall|will|does|do)\s+not\s+(?:be\s+)?(?:automatically\s+)?renew(?:ed)?\b|\bnot\s+be\s+(?:automatically\s+)?renewed\b|\bno\s+automatic\s+renewal\b|\bwithout\s+automatic\s+renewal\b/gi,
    automatic: false,
    confidence: 0.85,
  },
  {
    pattern: /(?<!\bnot\s+(?:be\s+)?)\bautomatically\s+(?:be\s+)?(?:renew(?:ed|s)?|extend(?:ed|s)?)\b|(?<!\bnot\s+)\bauto-?renew(?:s|al|ed)?\b|\b(?<!\bnot\s+(?:be\s+)?)renew(?:s|ed)?\s+automatically\b|\bevergreen\b/gi,
    automatic: true,
    confidence: 0.9,
  },
  {
    pattern: /\b(?:renew(?:ed|al)?|extend(?:ed)?|extension)\b[^.;\n]{0,40}?\b(?:by\s+)?(?:mutual\s+(?:written\s+)?(?:agreement|consent)|written\s+agreement\s+of\s+(?:both|the)\s+parties)/gi,
    automatic: false,
    confidence: 0.75,
  },
];

const count = `(${countPattern})`;
/** Where the renewal sentence stops describing the renewal period and starts the notice condition. */
const renewalTailStop = /[。;\n]|\.\s|\b(?:unless|provided|if|upon|by\s+giving|notice)\b|除非|但|如|提前|通知/i;
const periodZh = new RegExp(`${count}\\s*(个\\s*月|年|月)(?!\\s*\\d)`, 'iu');
const periodEn = new RegExp(`${count}\\s*(?:-|\\s)?\\s*(months?|years?)\\b`, 'i');
const singlePeriodEn = /\b(?:an?|one)\s+(?:additional|further|successive|like)\s+(year|month)\b|\b(?:from\s+)?(year|month)[- ]to[- ](?:year|month)\b|\b(annual)ly\b|\b(month)ly\b/i;
const sameAsTerm = /同等期限|相同期限|原期限|原合同期限|same\s+(?:term|period|duration)|like\s+(?:term|period)|equal\s+to\s+the\s+initial\s+term/i;

function renewalPeriod(text: string, from: number, termMonths: number | undefined): { months?: number; end: number } {
  const tail = text.slice(from, from + 100);
  const stop = tail.search(renewalTailStop);
  const scope = stop === -1 ? tail : tail.slice(0, stop);
  const found = periodZh.exec(scope) ?? periodEn.exec(scope);
  if (found) {
    const value = parseCount(found[1] ?? '');
    if (value !== null) {
      const months = /月|month/i.test(found[2] ?? '') ? value : value * 12;
      if (months >= 1 && months <= 120) return { months, end: from + found.index + found[0].length };
    }
  }
  const single = singlePeriodEn.exec(scope);
  if (single) return { months: /month/i.test(single[0]) ? 1 : 12, end: from + single.index + single[0].length };
  const same = sameAsTerm.exec(scope);
  if (same && termMonths !== undefined) return { months: termMonths, end: from + same.index + same[0].length };
  return { end: from };
}

/** Renewal terms: automatic (自动续期, "shall automatically renew") or not, and the renewal period when stated. */
export function extractRenewal(pages: readonly MatchablePage[], termMonths?: number): ExtractedField<RenewalTerms> | undefined {
  const candidates: ExtractedField<RenewalTerms>[] = [];
  for (const page of pages) {
    for (const { pattern, automatic, confidence } of renewalRules) {
      pattern.lastIndex = 0;
      for (let m = pattern.exec(page.text); m !== null; m = pattern.exec(page.text)) {
        const matchEnd = m.index + m[0].length;
        const value: RenewalTerms = { automatic };
        let end = matchEnd;
        if (automatic) {
          const period = renewalPeriod(page.text, matchEnd, termMonths);
          if (period.months !== undefined) value.periodMonths = period.months;
          end = period.end;
        }
        candidates.push(fieldAt(page, m.index, end, value, confidence));
      }
    }
  }
  return bestCandidate(candidates);
}

interface NoticeRule {
  pattern: RegExp;
  confidence: number;
}

const noticeRules: readonly NoticeRule[] = [
  // 提前三十(30)日书面通知 / 提前1个月以书面形式通知对方 / 提前30天向对方发出书面通知
  { pattern: new RegExp(`提前\\s*(?:至少|不少于)?\\s*${count}\\s*(个\\s*工作日|工作日|个\\s*月|日|天|周|星期)[^,。;\\n]{0,12}?(?:通知|告知)`, 'giu'), confidence: 0.9 },
  // 于合同期满前三十日书面通知
  { pattern: new RegExp(`(?:期满|到期|届满|终止)(?:之日)?前\\s*${count}\\s*(个\\s*工作日|工作日|个\\s*月|日|天|周)[^,。;\\n]{0,12}?(?:通知|告知|提出)`, 'giu'), confidence: 0.9 },
  // thirty (30) days' prior written notice / 90 days written notice
  { pattern: new RegExp(`${count}\\s*((?:calendar\\s+|business\\s+|working\\s+)?(?:days?|months?|weeks?))'?\\s*(?:prior\\s+|advance\\s+|previous\\s+)?(?:written\\s+)?notice`, 'gi'), confidence: 0.9 },
  // six (6) months prior to the expiration of the term, either party gives notice
  {
    pattern: new RegExp(`${count}\\s*((?:calendar\\s+|business\\s+|working\\s+)?(?:days?|months?|weeks?))\\s+(?:prior\\s+to|before)\\s+(?:the\\s+)?(?:expiration|expiry|end|termination|renewal|scheduled)[^.;\\n]{0,80}?\\bnotice\\b`, 'gi'),
    confidence: 0.85,
  },
  // written notice … at least sixty (60) days prior to / before / in advance
  {
    pattern: new RegExp(`\\bnotice\\b[^.;\\n]{0,60}?\\b(?:at\\s+least|not\\s+less\\s+than|no\\s+less\\s+than|no\\s+later\\s+than)\\s+${count}\\s*((?:calendar\\s+|business\\s+|working\\s+)?(?:days?|months?|weeks?))\\s*(?:prior|before|in\\s+advance)`, 'gi'),
    confidence: 0.88,
  },
];

/** The notice the contract means: ending or not renewing it. */
const noticeTopic = /解除|终止|续|期满|届满|到期|退租|辞职|离职|不再|terminat|renew|cancel|expir|withdraw|resign/i;
/**
 * The notice that stops a renewal or ends the term is the one a reminder needs, so it wins over a
 * termination-for-convenience notice in the same contract.
 */
const renewalNotice = /续|期满|届满|到期|renew|expir|end\s+of\s+the\s+(?:then[- ]current\s+|initial\s+)?term/i;
const renewalNoticeBonus = 0.03;

const renewalRequest = /(?:继续承租|继续租赁|续租|续签|续约|继续合作)[^。;]{0,20}(?:提出|申请)|(?:request|apply)\s+(?:for\s+)?(?:a\s+)?renewal/i;
const endingNotice = /不再|不续|终止|解除|退租|terminat|non-?renewal|not\s+to\s+renew/i;

/** Notices of something else: delivery, payment, inspection, a breach to cure. */
const otherNotice = /交货|发货|送货|提货|付款|支付|验收|进场|检修|维修|访问|检查|开票|安装|培训|调价|\bcure|\bremed|deliver|\bship|\bpayment|\binvoice|\binspect|\baudit|\baccess\b|price\s+(?:change|increase|adjustment)|\bvisit/i;

function noticeDays(value: number, unit: string): { days: number; penalty: number } | null {
  // Working days have no fixed calendar length: a day count would be wrong by weekends and holidays.
  if (/工作日|business|working/i.test(unit)) return null;
  if (/月|month/i.test(unit)) return { days: value * 30, penalty: 0.1 };
  if (/周|星期|week/i.test(unit)) return { days: value * 7, penalty: 0 };
  return { days: value, penalty: 0 };
}

/** The notice period for ending or not renewing the contract (提前三十日书面通知, "thirty (30) days' prior written notice"). */
export function extractNoticePeriod(pages: readonly MatchablePage[]): ExtractedField<NoticePeriod> | undefined {
  const candidates: ExtractedField<NoticePeriod>[] = [];
  for (const page of pages) {
    for (const { pattern, confidence } of noticeRules) {
      pattern.lastIndex = 0;
      for (let m = pattern.exec(page.text); m !== null; m = pattern.exec(page.text)) {
        const value = parseCount(m[1] ?? '');
        if (value === null || value <= 0) continue;
        const converted = noticeDays(value, m[2] ?? '');
        if (converted === null || converted.days > 730) continue;
        const end = m.index + m[0].length;
        const sentence = clauseAround(page.text, m.index, end);
        // "期满前两个月书面提出续租" is the deadline to ask for a renewal, not a notice that ends the contract.
        if (renewalRequest.test(sentence) && !endingNotice.test(sentence)) continue;
        const topical = noticeTopic.test(sentence);
        const elsewhere = otherNotice.test(sentence);
        if (elsewhere && !topical) continue;
        // A notice sentence about ending the contract that also mentions payment or delivery is
        // usually still the termination notice, but less surely; one about neither is a guess.
        const base = topical ? (elsewhere ? 0.6 : confidence) : 0.55;
        const bonus = topical && renewalNotice.test(sentence) ? renewalNoticeBonus : 0;
        candidates.push(fieldAt(page, m.index, end, { days: converted.days }, base + bonus - converted.penalty));
      }
    }
  }
  return bestCandidate(candidates);
}
