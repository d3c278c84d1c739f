/**
 * How text becomes search terms, the same way for the index and for queries, so Chinese and English
 * can live in one index. Chinese has no spaces between words and no dictionary here, so every run of
 * Han (and kana) characters is cut into overlapping two-character pairs: `付款的期限` indexes as
 * 付款 款的 的期 期限, and any query of two or more characters from it is found by its own pairs.
 * Latin letters and digits stay whole words (FlexSearch's CJK charset splits them into letters too,
 * which would ruin English search). Codes such as `HT-2024-0153` are indexed whole as well as in
 * parts, so a contract number finds exactly its contract.
 */

// Scripts written without spaces: Han (incl. extensions), Hiragana, Katakana.
const cjkRun = '[\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}\\u3005\\u30FC]+';
// Letters and digits of every other script (Latin, Cyrillic, Greek, Hangul...), with combining marks.
const wordRun = '(?:(?![\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}])[\\p{L}\\p{N}\\p{M}])+';
// A word, or a code of words joined by - _ / . , : (HT-2024-0153, 1,200,000, v2.1).
const codeRun = `${wordRun}(?:[-_/.,:]${wordRun})*`;
const queryPieces = new RegExp(`(${cjkRun})|(${codeRun})`, 'gu');
// In indexed text a CJK run goes on across spaces and line breaks (`保 密 协 议`, a phrase wrapped in a
// PDF): Chinese puts no spaces between words, so whitespace there is layout. In a query a space is the
// user's own word boundary (`付款 期限` is two words, not the phrase 付款期限).
const textPiecesPattern = new RegExp(`(${cjkRun}(?:\\s+${cjkRun})*)|(${codeRun})`, 'gu');
const whitespace = /\s+/gu;
const joiners = /[-_/.,:]/u;
const marks = /\p{M}+/gu;

/** Longest word kept; longer runs are noise (base64, hashes) that would only bloat the index. */
export const MAX_WORD_LENGTH = 40;

/** Case, width and accent folding: `Ｔｅｒｍ`, `TERM` and `térm` are the same word. */
export function foldText(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

function foldWord(word: string): string {
  // Accents are dropped by decomposing; only Latin-like words reach here, so Hangul is left composed.
  return /[\u00C0-\u024F\u1E00-\u1EFF]/u.test(word) ? word.normalize('NFD').replace(marks, '').normalize('NFC') : word;
}

/** One piece of a text: a CJK run (to be paired) or a word (possibly a joined code with its parts). */
export interface TextPiece {
  kind: 'cjk' | 'word';
  /** Folded text of the piece. */
  text: string;
  /** For a joined code, its parts; otherwise empty. */
  parts: string[];
}

/** Splits folded text into CJK runs and words, in order; `query` keeps spaces between Chinese words as boundaries. */
export function textPieces(text: string, reading: 'text' | 'query' = 'text'): TextPiece[] {
  const out: TextPiece[] = [];
  for (const match of foldText(text).matchAll(reading === 'query' ? queryPieces : textPiecesPattern)) {
    if (match[1] !== undefined) {
      out.push({ kind: 'cjk', text: match[1].replace(whitespace, ''), parts: [] });
    } else if (match[2] !== undefined) {
      const whole = foldWord(match[2]);
      const parts = joiners.test(whole) ? whole.split(joiners).filter((p) => p !== '') : [];
      if (whole.length <= MAX_WORD_LENGTH) out.push({ kind: 'word', text: whole, parts });
      else if (parts.length > 0) out.push(...parts.filter((p) => p.length <= MAX_WORD_LENGTH).map((p) => ({ kind: 'word' as const, text: p, parts: [] })));
    }
  }
  return out;
}

/** The overlapping two-character pairs of a CJK run; a lone character is its own term. */
export function cjkPairs(run: string): string[] {
  const chars = Array.from(run);
  if (chars.length === 1) return chars;
  const pairs: string[] = [];
  for (let i = 0; i + 1 < chars.length; i++) pairs.push(`${chars[i]}${chars[i + 1]}`);
  return pairs;
}

/** Every term a text is indexed under, in order of first appearance (duplicates kept: position matters to ranking). */
export function indexTokens(text: string): string[] {
  const tokens: string[] = [];
  for (const piece of textPieces(text)) {
    if (piece.kind === 'cjk') tokens.push(...cjkPairs(piece.text));
    else tokens.push(piece.text, ...piece.parts);
  }
  return tokens;
}

// Compiled once: these run per character of a snippet and per vocabulary term of a one-character query.
const wholeCjk = new RegExp(`^${cjkRun}$`, 'u');

/** True for a term made of CJK characters (a pair, a lone character or a whole run). */
export function isCjkTerm(term: string): boolean {
  return wholeCjk.test(term);
}

/** True for a character of a script written without spaces (Han, kana), which never borders a word. */
export const isCjkChar: (char: string) => boolean = isCjkTerm;
