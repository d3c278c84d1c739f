import type { HighlightRange } from '../../../../src-shared/model/search.ts';

const wordChar = /[\p{L}\p{N}\p{M}_]/u;
const cjkChar = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;

function isLatinWordChar(char: string | undefined): boolean {
  return char !== undefined && wordChar.test(char) && !cjkChar.test(char);
}

/**
 * Where the given terms occur in a text, case-insensitively, as sorted, merged [start, end) ranges. A term
 * ending inside a Latin word is stretched to the word's end, so a prefix search ("maint") marks the whole
 * word the user found ("maintenance"); Chinese terms mark exactly their characters.
 */
export function findTermRanges(text: string, terms: readonly string[]): HighlightRange[] {
  const lower = text.toLowerCase();
  // Lower-casing a few characters (e.g. İ) changes the length, which would shift every offset after it.
  const haystack = lower.length === text.length ? lower : text;
  const ranges: [number, number][] = [];
  for (const term of terms) {
    const needle = (haystack === lower ? term.toLowerCase() : term).trim();
    if (needle === '') continue;
    for (let at = haystack.indexOf(needle); at !== -1; at = haystack.indexOf(needle, at + 1)) {
      let end = at + needle.length;
      if (isLatinWordChar(text[end - 1])) while (isLatinWordChar(text[end])) end += 1;
      ranges.push([at, end]);
    }
  }
  ranges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const merged: [number, number][] = [];
  for (const range of ranges) {
    const last = merged[merged.length - 1];
    if (last && range[0] <= last[1]) last[1] = Math.max(last[1], range[1]);
    else merged.push([range[0], range[1]]);
  }
  return merged;
}
