/** How strong a passphrase looks: 0 (too short to use) to 4 (strong). */
export type PassphraseScore = 0 | 1 | 2 | 3 | 4;

/** The backend refuses shorter passphrases (vaultKeys.ts MIN_PASSPHRASE_LENGTH). */
export const MIN_PASSPHRASE_LENGTH = 8;

// Letters that are neither lower- nor upper-case: Han, kana, Hangul and other unicameral scripts.
const largeScriptLetter = /[^\P{L}\p{Ll}\p{Lu}]/u;

/**
 * A simple estimate from length and character classes (lower, upper, digits, symbols, non-Latin
 * letters such as Chinese), standing in for zxcvbn, which is not installed: it cannot see dictionary
 * words or keyboard patterns, so it only guides. Length counts most, since a long phrase of plain
 * words beats a short mix of symbols; one repeated character counts as one. A letter of a large
 * script (a Chinese character: thousands in use, against 26) counts as two towards the length.
 */
export function passphraseScore(passphrase: string): PassphraseScore {
  const chars = [...passphrase];
  if (chars.length < MIN_PASSPHRASE_LENGTH) return 0;
  if (new Set(chars).size <= 2) return 1;
  const classes = [/\p{Ll}/u, /\p{Lu}/u, /\p{Nd}/u, /[^\p{L}\p{Nd}\s]/u, largeScriptLetter, /\s/u].filter((re) => re.test(passphrase)).length;
  const length = chars.length + chars.filter((char) => largeScriptLetter.test(char)).length;
  let points = 0;
  if (length >= 12) points += 1;
  if (length >= 16) points += 1;
  if (length >= 24) points += 1;
  if (classes >= 2) points += 1;
  if (classes >= 3) points += 1;
  return Math.min(4, Math.max(1, points)) as PassphraseScore;
}
