import type { CellValue } from 'exceljs';

function pad(value: number, width = 2): string {
  return value.toString().padStart(width, '0');
}

/**
 * A date cell as ISO text. Excel stores dates without a time zone and exceljs hands them over as
 * UTC, so UTC fields give back what the sheet shows, on any machine. Midnight gives the date alone;
 * a time on Excel's day zero (1899-12-30) gives the time alone.
 */
export function formatCellDate(date: Date): string {
  if (Number.isNaN(date.getTime())) return '';
  const day = `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
  const time = `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}`;
  if (time === '00:00:00') return day;
  return day === '1899-12-30' ? time : `${day} ${time}`;
}

/** A number as Excel shows it in a General cell: at most 15 significant digits, so 0.1+0.2 reads 0.3. */
export function formatCellNumber(value: number): string {
  return Number.isFinite(value) ? String(Number(value.toPrecision(15))) : '';
}

/**
 * The text of one cell value: strings as stored (shared strings already resolved by exceljs), numbers
 * in General form, dates in ISO form, booleans as TRUE/FALSE, rich text and hyperlinks as their text,
 * formulas as their cached result (we never calculate), errors as their code (#N/A). Number formats
 * (currency, percent, thousands separators) are not applied: exceljs does not render them, and the
 * plain value is what search and the metadata rules need.
 */
export function cellValueText(value: CellValue | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return formatCellNumber(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return formatCellDate(value);
  if ('richText' in value) return value.richText.map((run) => run.text).join('');
  if ('error' in value) return value.error;
  if ('hyperlink' in value) {
    // exceljs types the text as a string, but a rich-text hyperlink arrives as a rich-text value.
    const text: unknown = value.text;
    return typeof text === 'string' ? text : cellValueText(text as CellValue);
  }
  if ('formula' in value || 'sharedFormula' in value) return cellValueText(value.result as CellValue | undefined);
  return '';
}
