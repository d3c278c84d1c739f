/** The first `maxChars` UTF-16 units of the text, never ending in half a surrogate pair. */
export function truncateText(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  const cut = text.slice(0, maxChars);
  const last = cut.charCodeAt(cut.length - 1);
  return last >= 0xd800 && last <= 0xdbff ? cut.slice(0, -1) : cut;
}

/**
 * Header text (a subject, a display name) made safe to show and to index: control characters
 * and runs of whitespace become one space, and the length is capped, since a hostile mail can
 * put megabytes into one header.
 */
export function cleanHeaderText(value: string | undefined, maxChars: number): string {
  if (value === undefined) return '';
  return truncateText(value.replace(/[\u0000-\u001f\u007f-\u009f\s]+/g, ' ').trim(), maxChars).trim();
}
