/**
 * File names that every desktop file system accepts and that cannot mislead the user: an exported
 * contract is written to Windows, macOS and Linux disks, zipped, mailed and opened by double-click.
 */

/** Longest base name (without extension), in UTF-16 code units; leaves room for ".pdf" and " (2)". */
export const MAX_FILE_NAME_CHARS = 180;
/** Longest base name in UTF-8 bytes: ext4 and most Linux file systems allow 255 bytes, and Chinese takes 3 per character. */
export const MAX_FILE_NAME_UTF8_BYTES = 240;

// Windows refuses these base names whatever the extension (CON.pdf); superscript digits count too.
const windowsReserved = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])$/iu;
// Control characters, and the bidi/zero-width ones that can disguise a name ("gpj.exe" shown as "exe.jpg").
const invisible = /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/gu;
/** Characters a rendered separator may consist of; trimmed from the ends of a name. */
export const separatorChars = ' -_.·—–,，、+~';

function utf8Length(cp: number): number {
  return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
}

/** Replaces the characters file systems forbid: path separators and colons become "-", the rest go. */
export function replaceForbiddenChars(text: string): string {
  return text
    .replace(/[\t\n\r\v\f\u2028\u2029]+/gu, ' ')
    .replace(invisible, '')
    .replace(/[/\\|:]/gu, '-')
    .replace(/[*?"<>]/gu, '');
}

/** Removes separator characters (and whitespace) from both ends. */
export function trimSeparators(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && (separatorChars.includes(text[start] ?? '') || /\s/u.test(text[start] ?? ''))) start += 1;
  while (end > start && (separatorChars.includes(text[end - 1] ?? '') || /\s/u.test(text[end - 1] ?? ''))) end -= 1;
  return text.slice(start, end);
}

function truncate(text: string): string {
  let units = 0;
  let bytes = 0;
  let out = '';
  for (const char of text) {
    const cp = char.codePointAt(0) ?? 0;
    if (units + char.length > MAX_FILE_NAME_CHARS || bytes + utf8Length(cp) > MAX_FILE_NAME_UTF8_BYTES) break;
    out += char;
    units += char.length;
    bytes += utf8Length(cp);
  }
  return out;
}

/**
 * Makes `name` a safe base file name: no / \ : * ? " < > |, no control or bidi characters, single
 * spaces, no leading or trailing dots, spaces or separators, at most 180 characters and 240 UTF-8
 * bytes, never a Windows device name (CON → CON_). Returns `fallback` when nothing is left.
 */
export function toSafeFileName(name: string, fallback: string): string {
  let safe = trimSeparators(truncate(trimSeparators(replaceForbiddenChars(name).replace(/\s+/gu, ' '))));
  const dot = safe.indexOf('.');
  const base = dot === -1 ? safe : safe.slice(0, dot);
  if (windowsReserved.test(base.trim())) safe = `${base.trim()}_${dot === -1 ? '' : safe.slice(dot)}`;
  if (safe.length === 0) return fallback === '' ? '_' : toSafeFileName(fallback, '_');
  return safe;
}
