import { bestCandidate, fieldAt } from './extractedField.ts';
import type { ExtractedField } from './extractedField.ts';
import { clauseBefore } from './clauseContext.ts';
import { findDates } from './dateMentions.ts';
import type { DateMention } from './dateMentions.ts';
import type { MatchablePage } from './matchablePage.ts';

/** Signing, start and end dates (YYYY-MM-DD), each only when a label or a phrase says which it is. */
export interface ContractDates {
  signingDate?: ExtractedField<string>;
  startDate?: ExtractedField<string>;
  endDate?: ExtractedField<string>;
}

/** What a date is; a signature-block date is a weak signing date, and the latest of them counts. */
type DateKind = 'signing' | 'signatureBlock' | 'start' | 'end';

interface DateRule {
  kind: DateKind;
  /** Text right before the date, anchored at its end (`\s*$`). */
  before?: RegExp;
  /** Text right after the date, anchored at its start (`^`). */
  after?: RegExp;
  confidence: number;
  /** The clause must be about the contract's term ("合同期限", "this Agreement", "term"). */
  needsTermContext?: boolean;
}

const rules: readonly DateRule[] = [
  // Signing.
  { kind: 'signing', before: /(?:签订|签署|签约|签字|订立|签章)\s*(?:日期|时间|日)\s*(?:为)?\s*:?\s*$/, confidence: 0.92 },
  { kind: 'signing', before: /(?:于|在)\s*$/, after: /^\s*(?:在[^,;。\n]{1,20}?)?\s*(?:正式)?(?:签订|签署|订立|签约|签字)/, confidence: 0.9 },
  { kind: 'signing', before: /\b(?:signing|execution|signature)\s+date\s*:?\s*$/i, confidence: 0.92 },
  { kind: 'signing', before: /\bdate\s+of\s+(?:signing|execution|signature|this\s+(?:agreement|contract))\s*:?\s*$/i, confidence: 0.9 },
  { kind: 'signing', before: /\b(?:signed|executed)\s+(?:on|as\s+of|this|at\s+[^,.;\n]{1,30}\s+on)(?:\s+the)?\s*$/i, confidence: 0.88 },
  { kind: 'signing', before: /\bdated(?:\s+as\s+of)?(?:\s+this|\s+the)?\s*$/i, confidence: 0.85 },
  { kind: 'signing', before: /\b(?:made|entered\s+into)(?:\s+and\s+entered\s+into)?(?:\s+(?:on|as\s+of))?(?:\s+this|\s+the)?\s*$/i, confidence: 0.85 },
  // Start.
  { kind: 'start', before: /(?:生效|起始|开始|起租|起算|开工|服务开始|合同开始)\s*(?:日期|日|时间)\s*(?:为)?\s*:?\s*$/, confidence: 0.92 },
  { kind: 'start', before: /(?:自|从|于)\s*$/, after: /^\s*(?:起)?\s*(?:正式)?生效/, confidence: 0.9 },
  { kind: 'start', before: /(?:自|从)\s*$/, after: /^\s*(?:起|开始)(?!\s*(?:至|到))/, confidence: 0.85, needsTermContext: true },
  { kind: 'start', before: /\beffective\s+(?:as\s+of|on|from)(?:\s+the)?\s*$/i, confidence: 0.9 },
  { kind: 'start', before: /\beffective\s+date"?\)?\s*(?:is|shall\s+be|means|of\s+this\s+(?:agreement|contract)\s+(?:is|shall\s+be))?\s*:?\s*$/i, confidence: 0.9 },
  { kind: 'start', before: /\b(?:commenc(?:e|es|ing)|begin(?:s|ning)?|start(?:s|ing)?)\s+(?:on|from)(?:\s+the)?\s*$/i, confidence: 0.9 },
  { kind: 'start', before: /\b(?:commencing|beginning|starting)\s*$/i, confidence: 0.85, needsTermContext: true },
  { kind: 'start', before: /\b(?:months?|years?)\s+(?:from|commencing(?:\s+on)?|beginning(?:\s+on)?|starting(?:\s+on)?)(?:\s+the)?\s*$/i, confidence: 0.85, needsTermContext: true },
  { kind: 'start', before: /\b(?:commencement|start|starting)\s+date\s*(?:is|shall\s+be)?\s*:?\s*$/i, confidence: 0.9 },
  { kind: 'start', after: /^\s*\(\s*(?:the\s+|hereinafter\s+(?:referred\s+to\s+as\s+)?(?:the\s+)?)?"?effective\s+date/i, confidence: 0.9 },
  // End.
  { kind: 'end', before: /(?:终止|到期|截止|结束|届满|期满)\s*(?:日期|日|时间)\s*(?:为)?\s*:?\s*$/, confidence: 0.9 },
  { kind: 'end', before: /有效期\s*(?:至|到|截止到?)\s*$/, confidence: 0.9 },
  { kind: 'end', before: /(?:至|到)\s*$/, after: /^\s*(?:止|终止|届满|为止)/, confidence: 0.85, needsTermContext: true },
  { kind: 'end', before: /\bexpir(?:e|es|ing)\s+on(?:\s+the)?\s*$/i, confidence: 0.9 },
  { kind: 'end', before: /\b(?:expiration|expiry|end|termination)\s+date\s*(?:is|shall\s+be)?\s*:?\s*$/i, confidence: 0.9 },
  { kind: 'end', before: /\b(?:ending|terminating|terminates?|ends?)\s+on(?:\s+the)?\s*$/i, confidence: 0.85, needsTermContext: true },
  { kind: 'end', before: /\b(?:ending|expiring)\s*$/i, confidence: 0.8, needsTermContext: true },
  { kind: 'end', before: /\b(?:until|through|till)(?:\s+and\s+including)?(?:\s+the)?\s*$/i, confidence: 0.8, needsTermContext: true },
];

/** A bare "日期:" / "Date:" counts only inside a signature block, and then weakly (a letterhead has one too). */
const bareDateLabel = /(?:^|[\s:])(?:日期|date)\s*:?\s*$/i;
const signatureContext = /盖章|签字|签章|签名|signature|signed\s+(?:by|for)|\bby\s*:\s*_*/i;
const signatureBlockConfidence = 0.6;

const termContext = /期限|有效期|本合同|本协议|合同期|租期|租赁期|服务期|聘期|合作期|承包期|期间|\bterm\b|\bperiod\b|\bthis\s+(?:agreement|contract)\b|in\s+(?:full\s+)?(?:force|effect)|\bvalid\b|\blease\b/i;
/** Dates of other things that contracts also write as ranges: delivery, warranty, payment, probation. */
const otherPeriod = /交货|交付|发货|到货|质保|保修|付款|支付|验收|试用|培训|实习|装修|免租|保密|报价|投标|\bdeliver(?:y|ed)?\b|\bship|\bwarrant|\bpayment|\bpay\b|\binvoice|\bprobation|\btrial\b|\binstallation|rent-free|\btraining|\bconfidential|\bquotation|\boffer\b/i;
/** An amendment quotes the original contract's dates; those are not this document's. */
const otherContract = /(?:原|主)(?:合同|协议)|\boriginal\s+(?:agreement|contract)|\bmaster\s+agreement/i;

const rangeConnector = /^\s*(?:起)?\s*(?:至|到|~|-|to|until|through|till|and\s+ending\s+on)(?:\s+the)?\s*$/i;

interface DateCandidate extends ExtractedField<string> {
  kind: DateKind;
}

function candidate(kind: DateKind, page: MatchablePage, start: number, end: number, iso: string, confidence: number): DateCandidate {
  return { ...fieldAt(page, start, end, iso, confidence), kind };
}

function rangeCandidates(page: MatchablePage, first: DateMention, second: DateMention): DateCandidate[] | null {
  const between = page.text.slice(first.end, second.start);
  if (!rangeConnector.test(between)) return null;
  const context = clauseBefore(page.text, first.start) + between;
  // Consumed either way: a delivery window's dates must not be picked up by the single-date rules.
  if (otherPeriod.test(context) || otherContract.test(context) || !termContext.test(context) || second.iso <= first.iso) return [];
  const lead = /(?:自|从|由|from)\s*$/i.exec(page.text.slice(Math.max(0, first.start - 8), first.start));
  const start = lead ? first.start - lead[0].length : first.start;
  const tail = /^\s*(?:止|为止)/.exec(page.text.slice(second.end, second.end + 6));
  const end = second.end + (tail ? tail[0].length : 0);
  return [candidate('start', page, start, end, first.iso, 0.92), candidate('end', page, start, end, second.iso, 0.92)];
}

function ruleCandidates(page: MatchablePage, mention: DateMention): DateCandidate[] {
  const before = page.text.slice(Math.max(0, mention.start - 80), mention.start);
  const after = page.text.slice(mention.end, mention.end + 40);
  const clause = clauseBefore(page.text, mention.start);
  if (otherContract.test(clause)) return [];
  const found: DateCandidate[] = [];
  for (const rule of rules) {
    const b = rule.before ? rule.before.exec(before) : null;
    if (rule.before && !b) continue;
    const a = rule.after ? rule.after.exec(after) : null;
    if (rule.after && !a) continue;
    if (rule.kind !== 'signing' && otherPeriod.test(clause)) continue;
    if (rule.needsTermContext && !termContext.test(clause)) continue;
    const start = b ? mention.start - before.length + b.index : mention.start;
    const end = a ? mention.end + a[0].length : mention.end;
    found.push(candidate(rule.kind, page, start, end, mention.iso, rule.confidence));
  }
  if (found.length === 0) {
    const bare = bareDateLabel.exec(before);
    if (bare && signatureContext.test(page.text.slice(Math.max(0, mention.start - 300), mention.start))) {
      found.push(candidate('signatureBlock', page, mention.start - before.length + bare.index, mention.end, mention.iso, signatureBlockConfidence));
    }
  }
  return found;
}

/** Finds the labelled signing, start and end dates; `today` (YYYY-MM-DD) makes a future signing date less believable. */
export function extractContractDates(pages: readonly MatchablePage[], today?: string): ContractDates {
  const all: DateCandidate[] = [];
  for (const page of pages) {
    const mentions = findDates(page.text);
    const consumed = new Set<number>();
    for (let i = 0; i + 1 < mentions.length; i++) {
      const first = mentions[i];
      const second = mentions[i + 1];
      if (first === undefined || second === undefined) continue;
      const range = rangeCandidates(page, first, second);
      if (range === null) continue;
      all.push(...range);
      consumed.add(i).add(i + 1);
    }
    mentions.forEach((mention, index) => {
      if (!consumed.has(index)) all.push(...ruleCandidates(page, mention));
    });
  }
  // Signature blocks can carry one date per party: the contract is signed when the last party signs.
  const latestBlock = all
    .filter((c) => c.kind === 'signatureBlock')
    .reduce<DateCandidate | undefined>((latest, c) => (latest === undefined || c.value > latest.value ? c : latest), undefined);
  const signingPool = all.filter((c) => c.kind === 'signing');
  if (latestBlock) signingPool.push(latestBlock);
  if (today !== undefined) {
    for (const c of signingPool) if (c.value > today) c.confidence = Math.round(c.confidence * 0.7 * 100) / 100;
  }
  const strip = (c: DateCandidate | undefined): ExtractedField<string> | undefined => {
    if (c === undefined) return undefined;
    const { kind: _kind, ...field } = c;
    return field;
  };
  const result: ContractDates = {};
  const signingDate = strip(bestCandidate(signingPool));
  let startDate = strip(bestCandidate(all.filter((c) => c.kind === 'start')));
  let endDate = strip(bestCandidate(all.filter((c) => c.kind === 'end')));
  if (startDate && endDate && endDate.value <= startDate.value) {
    // Contradictory: keep the better-supported one only.
    if (endDate.confidence > startDate.confidence) startDate = undefined;
    else endDate = undefined;
  }
  if (signingDate) result.signingDate = signingDate;
  if (startDate) result.startDate = startDate;
  if (endDate) result.endDate = endDate;
  return result;
}
