/** Han, kana and Hangul: scripts written without spaces, compared character by character. */
const cjk = String.raw`\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}`;

/**
 * One token per: CJK character; word of other letters/digits (joined across an inner apostrophe, point or
 * comma so "1,000.00" and "don't" stay whole); run of whitespace; any other single character (punctuation,
 * symbols, fullwidth punctuation). Compiled once: it runs over whole documents.
 */
const tokenPattern = new RegExp(
  String.raw`[${cjk}]|(?:(?![${cjk}])[\p{L}\p{N}\p{M}_])+(?:['’.,](?:(?![${cjk}])[\p{L}\p{N}\p{M}_])+)*|\s+|[\s\S]`,
  'gu',
);

/**
 * Splits mixed Chinese/English text into the units a comparison works on: words for English (a changed
 * word is marked whole) and single characters for Chinese (which has no spaces between words). Joining
 * the tokens gives back the text exactly.
 */
export function tokenizeForDiff(text: string): string[] {
  return text.match(tokenPattern) ?? [];
}

/** Whether a token is only whitespace: such tokens compare equal to each other (PDF text varies in its spacing). */
export function isWhitespaceToken(token: string): boolean {
  return /^\s+$/u.test(token);
}
