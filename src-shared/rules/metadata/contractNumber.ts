import { bestCandidate, fieldAt } from './extractedField.ts';
import type { ExtractedField } from './extractedField.ts';
import type { MatchablePage } from './matchablePage.ts';

interface NumberLabel {
  pattern: RegExp;
  confidence: number;
}

/**
 * The value after a label: ASCII reference characters, optionally a short Chinese prefix before a
 * bracketed year ("沪采〔2025〕…") and a "…第012号" tail. Chinese text is otherwise a stop, so a
 * squeezed PDF line "合同编号:HT-001签订日期…" still ends the number at "签".
 */
const valueSource =
  '((?:\\p{sc=Han}{1,4}(?=[\\[(〔]))?[A-Za-z0-9\\[(〔][A-Za-z0-9\\-_/.#〔〕\\[\\]()]*(?:\\p{sc=Han}{0,4}第?[A-Za-z0-9\\-]+号)?)';

const labels: readonly NumberLabel[] = [
  // 合同编号 / 协议编号 / 合同号 / 合同编码, tolerant of PDF spacing between characters.
  { pattern: new RegExp(`(?:合\\s*同|协\\s*议)\\s*(?:编\\s*号|号\\s*码|编\\s*码|号)\\s*(?:为|是)?\\s*:?\\s*${valueSource}`, 'gu'), confidence: 0.93 },
  // Contract No. / Agreement Number / Contract #: / Contract Ref. No.
  { pattern: new RegExp(`\\b(?:contract|agreement)\\s*(?:no\\b\\.?|number\\b|#|ref(?:erence)?\\b\\.?(?:\\s*no\\b\\.?)?|id\\b)\\s*:?\\s*${valueSource}`, 'giu'), confidence: 0.93 },
  // A bare "编号:" or "No.:" at the start of a line (document header); weaker, kept only without a better label.
  { pattern: new RegExp(`(?<=^|\\n)[ ]*(?:编\\s*号|No\\.?)\\s*:\\s*${valueSource}`, 'gu'), confidence: 0.72 },
];

/**
 * Words in the same clause before a label that make the number another contract's: an amendment or
 * a renewal quotes its original ("原合同（合同编号：…）", "under the Master Agreement No. …").
 */
const otherContractZh = /(?:原|主)(?:合同|协议)|前述|上述|所述|签订的|》\s*\(\s*$/;
const otherContractEn = /\b(?:original|master|parent|pursuant to|amends?|amending|supersedes?|replaces?|supplement(?:al)? to|referenced?)\b|\bunder\s+(?:the\s+)?(?:\w+\s+){0,3}$/i;

function quotesAnotherContract(text: string, labelStart: number): boolean {
  const window = text.slice(Math.max(0, labelStart - 40), labelStart);
  const clause = window.slice(Math.max(window.lastIndexOf('\n'), window.lastIndexOf('。'), window.lastIndexOf(';')) + 1);
  return otherContractZh.test(clause) || otherContractEn.test(clause);
}

function cleanNumber(raw: string): string | null {
  let value = raw.replace(/^No\.?\s*/i, '').replace(/[.\-_/]+$/, '');
  // A closing bracket that was never opened belongs to the sentence, not the number.
  const unbalanced = (open: string, close: string): boolean => value.endsWith(close) && value.split(open).length < value.split(close).length;
  while (unbalanced('(', ')') || unbalanced('[', ']') || unbalanced('〔', '〕')) value = value.slice(0, -1);
  if (value.length < 3 || value.length > 40 || !/\d/.test(value)) return null;
  // A value that is only a date is a label misread ("编号: 2025-03-01"), not a reference.
  if (/^\d{4}[-/.]\d{1,2}[-/.]\d{1,2}$/.test(value)) return null;
  return value;
}

/** The contract's own number (合同编号 / Contract No.), from a labelled value only: unlabelled digits are phone numbers as often as references. */
export function extractContractNumber(pages: readonly MatchablePage[]): ExtractedField<string> | undefined {
  const candidates: ExtractedField<string>[] = [];
  for (const page of pages) {
    for (const { pattern, confidence } of labels) {
      pattern.lastIndex = 0;
      for (let match = pattern.exec(page.text); match !== null; match = pattern.exec(page.text)) {
        const raw = match[1] ?? '';
        const value = cleanNumber(raw);
        if (value === null) continue;
        if (quotesAnotherContract(page.text, match.index)) continue;
        // The cleaned value is a substring of what matched: the evidence ends where the value does.
        const valueEnd = match.index + match[0].length - raw.length + raw.indexOf(value) + value.length;
        candidates.push(fieldAt(page, match.index, valueEnd, value, confidence));
      }
    }
  }
  return bestCandidate(candidates);
}
