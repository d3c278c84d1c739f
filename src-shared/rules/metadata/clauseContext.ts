/**
 * Sentence breaks for context checks: 。 ; a blank line, a line ending in "." or ":", a line that
 * opens a numbered clause (2. / 3.1 / 第三条), or ". " after a lower-case word of four letters or
 * more. Abbreviations ("Mar. 29", "Co., Ltd. (", "Inc. and") are capitalised or short, so they do
 * not end a clause.
 */
const clauseBreak = /。|;|\n\s*\n|[.:]\s*\n|\n(?=\s*(?:\d+(?:\.\d+)*\.?\s|第[一二三四五六七八九十百\d]+条))|(?<=\b[a-z]{4,})\.\s/g;

/** The clause a match sits in, up to the match: from the last break within `maxLength` characters. */
export function clauseBefore(text: string, position: number, maxLength = 150): string {
  const window = text.slice(Math.max(0, position - maxLength), position);
  let cut = 0;
  clauseBreak.lastIndex = 0;
  for (let m = clauseBreak.exec(window); m !== null; m = clauseBreak.exec(window)) cut = m.index + m[0].length;
  return window.slice(cut);
}

/** The clause a match sits in, both sides: `clauseBefore` plus the match plus the text up to the next break. */
export function clauseAround(text: string, start: number, end: number, maxBefore = 160, maxAfter = 80): string {
  const after = text.slice(end, end + maxAfter);
  clauseBreak.lastIndex = 0;
  const stop = clauseBreak.exec(after);
  return clauseBefore(text, start, maxBefore) + text.slice(start, end) + (stop === null ? after : after.slice(0, stop.index));
}
