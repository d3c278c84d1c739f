// The PDF date syntax (ISO 32000-1 §7.9.4): D:YYYYMMDDHHmmSSOHH'mm', every part after the year optional.
const pdfDatePattern = /^D:(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?([Z|+|-])?(\d{2})?'?(\d{2})?'?/;

/** A parsed part, or `fallback` when it is missing or outside [min, max] (as pdf.js treats it). */
function part(text: string | undefined, min: number, max: number, fallback: number): number {
  const value = text === undefined ? NaN : Number.parseInt(text, 10);
  return value >= min && value <= max ? value : fallback;
}

/**
 * A PDF date string as a Date, or null when it is not one. The same reading as pdf.js's
 * `PDFDateString.toDateObject` (pdfjs-dist 5.4, display_utils.js): out-of-range parts fall back to their
 * first value, a missing zone means UTC. Kept here so that a document PDFium reads does not load pdf.js
 * (~0.2 s of a worker's CPU) only to parse its creation date; tests/unit/ingest/pdfDate.test.ts checks
 * that both agree.
 */
export function parsePdfDate(input: string): Date | null {
  const match = pdfDatePattern.exec(input);
  if (!match) return null;
  const year = Number.parseInt(match[1] ?? '', 10);
  const month = part(match[2], 1, 12, 1) - 1;
  const day = part(match[3], 1, 31, 1);
  let hour = part(match[4], 0, 23, 0);
  let minute = part(match[5], 0, 59, 0);
  const second = part(match[6], 0, 59, 0);
  const relation = match[7] ?? 'Z';
  const offsetHour = part(match[8], 0, 23, 0);
  const offsetMinute = part(match[9], 0, 59, 0);
  if (relation === '-') {
    hour += offsetHour;
    minute += offsetMinute;
  } else if (relation === '+') {
    hour -= offsetHour;
    minute -= offsetMinute;
  }
  return new Date(Date.UTC(year, month, day, hour, minute, second));
}

/** A PDF date string (or, failing that, any date string JavaScript reads) as ISO 8601; undefined when it is neither. */
export function pdfDateToIso(value: string): string | undefined {
  if (value === '') return undefined;
  const date = parsePdfDate(value) ?? new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}
