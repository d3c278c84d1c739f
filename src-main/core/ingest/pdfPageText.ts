/** The fields of a pdf.js text item that page assembly needs (marked-content items have no `str`). */
export interface PdfTextPiece {
  str: string;
  hasEOL: boolean;
  /** [a, b, c, d, x, y] text matrix in page space. */
  transform: number[];
  width: number;
  height: number;
  /** 'ltr', 'rtl' or 'ttb'. */
  dir?: string;
}

// Scripts written without spaces between words: Han, kana, CJK punctuation, full-width forms.
// Hangul is left out on purpose: Korean separates words with spaces.
const cjkClass =
  '[\\u2E80-\\u2FFF\\u3000-\\u303F\\u3040-\\u30FF\\u3100-\\u312F\\u3190-\\u31FF\\u3200-\\u4DBF\\u4E00-\\u9FFF\\uF900-\\uFAFF\\uFE30-\\uFE4F\\uFF00-\\uFFEF\\u{20000}-\\u{3FFFF}]';
const cjkChar = new RegExp(cjkClass, 'u');
// Spaces (not ideographic U+3000, which Japanese uses on purpose) sitting between two CJK characters.
const spacesBetweenCjk = new RegExp(`(?<=${cjkClass})[ \\u00a0]+(?=${cjkClass})`, 'gu');

const controlChars = /[\u0000-\u0008\u000b-\u001f\u007f]/g;

/** Whether a character belongs to a script that puts no spaces between words. */
export function isCjkChar(char: string): boolean {
  return cjkChar.test(char);
}

function isUpright(t: number[]): boolean {
  return Math.abs(t[1] ?? 1) < 1e-6 && Math.abs(t[2] ?? 1) < 1e-6 && (t[0] ?? 0) > 0 && (t[3] ?? 0) > 0;
}

type Step = 'none' | 'space' | 'line';

/**
 * How the next item relates to the previous one on the page. Only judged for upright left-to-right
 * text, where x grows with reading order: rotated, vertical and right-to-left runs rely on pdf.js's
 * own spaces and line ends.
 */
function stepBetween(prev: PdfTextPiece, next: PdfTextPiece): Step {
  if (prev.dir === 'rtl' || next.dir === 'rtl' || prev.dir === 'ttb' || next.dir === 'ttb') return 'none';
  if (!isUpright(prev.transform) || !isUpright(next.transform)) return 'none';
  // The larger of the two sizes, so a small superscript next to body text is not read as a new line.
  const fontSize = Math.max(prev.transform[3] ?? 0, prev.height, next.transform[3] ?? 0, next.height, 1);
  const [, , , , prevX = 0, prevY = 0] = prev.transform;
  const [, , , , nextX = 0, nextY = 0] = next.transform;
  // A jump of more than half a line is a new line even when pdf.js set no hasEOL (table cells,
  // columns); sub- and superscripts move less than that.
  if (Math.abs(nextY - prevY) > fontSize * 0.5) return 'line';
  const gap = nextX - (prevX + prev.width);
  if (gap < -fontSize) return 'line'; // back to the left margin on the same baseline: a new column row
  // pdf.js already emits a space item for gaps of ~0.1 em; this catches runs split by a font change.
  return gap > fontSize * 0.15 ? 'space' : 'none';
}

/**
 * Joins one page's text items into plain text: a newline where pdf.js marks the end of a line, a
 * space between words that sit apart on the same line, but no space between two CJK characters
 * (Chinese and Japanese have none, and a stray one would break phrase search).
 */
export function joinTextItems(items: ReadonlyArray<PdfTextPiece | object>): string {
  let out = '';
  let prev: PdfTextPiece | undefined;
  let pendingSpace = false;
  // Only the last character matters; testing it directly keeps a page with many items linear.
  const lastChar = (): string => out.charAt(out.length - 1);
  const atLineStart = (): boolean => out === '' || lastChar() === '\n';

  for (const item of items) {
    if (!('str' in item)) continue; // marked-content boundaries carry no text
    const piece = item as PdfTextPiece;
    // Control characters come from fonts with broken encodings; they carry no text and would make
    // it look binary downstream.
    const str = withoutControlChars(piece.str);
    if (str.trim() === '') {
      // Whitespace runs (pdf.js's own gap markers included) become at most one space, added only
      // once visible text follows, so that lines and pages do not end in blanks.
      if (str.length > 0 && !atLineStart()) pendingSpace = true;
    } else {
      if (!atLineStart()) {
        const step = prev ? stepBetween(prev, piece) : 'none';
        if (step === 'line') out += '\n';
        else if ((pendingSpace || step === 'space') && !/\s/u.test(lastChar()) && !/^\s/u.test(str)) out += ' ';
      }
      out += str;
      prev = piece;
      pendingSpace = false;
    }
    if (piece.hasEOL) {
      out += '\n';
      prev = undefined;
      pendingSpace = false;
    }
  }
  return tidyPageText(out);
}

/**
 * The last step for a page's text from either PDF engine: no spaces between CJK characters (letter-spaced
 * forms such as "中 文 姓 名" would defeat phrase search), no blanks before line ends or at the end, which
 * carry no meaning and would only pad snippets.
 */
export function tidyPageText(text: string): string {
  return text.replace(spacesBetweenCjk, '').replace(/[ \t\u00a0]+\n/g, '\n').trimEnd();
}

/** Removes the control characters that fonts with broken encodings produce; they carry no text. */
export function withoutControlChars(text: string): string {
  return text.replace(controlChars, '');
}
