import { isSpacedWordChar } from './textNormalization.ts';

/** A found range [start, end) in a normalised text. */
export interface TextRange {
  start: number;
  end: number;
}

/**
 * Splits an any/all rule into its words the way Paperless-ngx does: whitespace separates words and
 * a double-quoted phrase stays one word. A Chinese list is often typed with 、 or ，, so those separate too.
 */
export function splitRuleWords(pattern: string): string[] {
  const words: string[] = [];
  const finder = /"([^"]+)"|“([^”]+)”|([^\s"“”、，]+)/gu;
  for (const match of pattern.matchAll(finder)) {
    const word = (match[1] ?? match[2] ?? match[3] ?? '').trim();
    if (word.length > 0) words.push(word);
  }
  return words;
}

function codePointBefore(text: string, index: number): number {
  if (index <= 0) return -1;
  const unit = text.charCodeAt(index - 1);
  if (unit >= 0xdc00 && unit <= 0xdfff && index >= 2) return text.codePointAt(index - 2) ?? -1;
  return unit;
}

function lastCodePoint(text: string): number {
  return codePointBefore(text, text.length);
}

/**
 * True when a hit of `term` at [start, end) stands as a whole word: Latin-like words need a
 * non-letter on each side, while a Han (or kana) edge needs nothing, because those scripts do not
 * separate words with spaces. So "nda" is not found in "standard", but 销售 is found in 本销售合同.
 */
export function isWholeWordAt(text: string, term: string, start: number, end: number): boolean {
  const first = term.codePointAt(0) ?? -1;
  const last = lastCodePoint(term);
  if (isSpacedWordChar(first) && isSpacedWordChar(codePointBefore(text, start))) return false;
  if (isSpacedWordChar(last) && isSpacedWordChar(text.codePointAt(end) ?? -1)) return false;
  return true;
}

/** The first whole-word occurrence of an already normalised `term` in `text` at or after `from`. */
export function findTerm(text: string, term: string, from = 0): TextRange | null {
  if (term.length === 0) return null;
  for (let index = text.indexOf(term, from); index !== -1; index = text.indexOf(term, index + 1)) {
    const end = index + term.length;
    if (isWholeWordAt(text, term, index, end)) return { start: index, end };
  }
  return null;
}
