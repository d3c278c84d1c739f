import type ExcelJS from 'exceljs';
import { AppError } from '../../../../src-shared/api/appError.ts';
import { fileExtension } from '../formatDetection.ts';
import { cellValueText } from './cellText.ts';
import { readCoreProperties } from './coreProperties.ts';
import { installExceljsConsoleGuard } from './exceljsConsoleGuard.ts';
import { hasCfbSignature, hasZipSignature, ooxmlKindFromHead } from './officeSignatures.ts';
import { DEFAULT_MAX_TEXT_CHARS } from './officeText.ts';
import type { OfficeExtractedText, OfficeExtractor } from './officeText.ts';
import { verifyOoxmlPackage } from './ooxmlPackageGuard.ts';
import { loadExcelJs } from '../lazyLibraries.ts';
import { XLSX_MIME, detectOoxmlMime } from './ooxmlMime.ts';
import { DEFAULT_ZIP_LIMITS } from './zipGuard.ts';
import type { ZipLimits } from './zipGuard.ts';

/**
 * Default cap on an XLSX's XML, in bytes. exceljs keeps every cell as an object: 47 MiB of sheet XML
 * (920,000 cells) took 10.5 s and 579 MB resident under the extraction worker's 768 MB heap cap, and
 * 57 MiB 663 MB; beyond that the 5,000,000-character text cap is reached anyway on typical sheets.
 */
export const DEFAULT_XLSX_MAX_MARKUP_BYTES = 48 * 1024 * 1024;
/** Default cap on the non-empty rows read, over all sheets (Excel's own limit per sheet). */
export const DEFAULT_XLSX_MAX_ROWS = 1_048_576;
/** Default cap on the non-empty cells read, over all sheets. */
export const DEFAULT_XLSX_MAX_CELLS = 2_000_000;

/** Limits of one XLSX extractor; every field falls back to its default. */
export interface XlsxExtractorOptions {
  zipLimits?: Partial<ZipLimits>;
  maxMarkupBytes?: number;
  maxRows?: number;
  maxCells?: number;
  maxTextChars?: number;
}

// Macro-enabled workbooks and templates are read too: exceljs reads the XML only and never runs
// vbaProject.bin. A ZIP named .xls is an XLSX someone renamed, which Excel opens as well.
const xlsxNames: ReadonlySet<string> = new Set(['xlsx', 'xlsm', 'xltx', 'xltm']);
const renamedXlsxNames: ReadonlySet<string> = new Set(['xls', 'xlt']);

function toAppError(error: unknown, fileName: string): AppError {
  if (error instanceof AppError) return error;
  return new AppError('DOCUMENT_UNREADABLE', { file: fileName, format: 'XLSX' }, { cause: error });
}

function toBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

interface SheetBudget {
  rows: number;
  cells: number;
  chars: number;
  truncated: boolean;
}

/**
 * One sheet as text: its name, then one line per non-empty row with cells joined by tabs (empty
 * cells keep their tab, so columns stay aligned). Spends the shared budget and stops when it is gone.
 */
function sheetText(sheet: ExcelJS.Worksheet, budget: SheetBudget, formulaType: ExcelJS.ValueType): string {
  const lines = [sheet.name];
  budget.chars -= sheet.name.length;
  sheet.eachRow((row) => {
    if (budget.truncated) return;
    if (budget.rows <= 0) {
      budget.truncated = true;
      return;
    }
    budget.rows--;
    const cells: string[] = [];
    row.eachCell((cell, column) => {
      if (budget.truncated) return;
      if (budget.cells <= 0) {
        budget.truncated = true;
        return;
      }
      budget.cells--;
      // A merged range repeats its value in every covered cell; only the top-left one carries it.
      if (cell.master !== cell) return;
      // cell.value drops a falsy cached result (0, FALSE, ""); cell.result keeps it.
      const value = cell.type === formulaType ? { formula: '', result: cell.result } : cell.value;
      const text = cellValueText(value);
      if (text !== '') cells[column - 1] = text.replace(/[\t\r\n]+/g, ' ');
    });
    const line = Array.from(cells, (text) => text ?? '').join('\t');
    if (line === '') return;
    if (line.length + 1 > budget.chars) {
      budget.truncated = true;
      lines.push(line.slice(0, Math.max(0, budget.chars - 1)));
      budget.chars = 0;
      return;
    }
    budget.chars -= line.length + 1;
    lines.push(line);
  });
  return lines.join('\n');
}

/** An XLSX extractor with its own limits; the registry uses the defaults. */
export function createXlsxExtractor(options: XlsxExtractorOptions = {}): OfficeExtractor {
  const limits = {
    ...DEFAULT_ZIP_LIMITS,
    ...options.zipLimits,
    maxMarkupBytes: options.maxMarkupBytes ?? DEFAULT_XLSX_MAX_MARKUP_BYTES,
  };
  const maxRows = options.maxRows ?? DEFAULT_XLSX_MAX_ROWS;
  const maxCells = options.maxCells ?? DEFAULT_XLSX_MAX_CELLS;
  const maxTextChars = options.maxTextChars ?? DEFAULT_MAX_TEXT_CHARS;

  return {
    format: 'xlsx',
    mime: XLSX_MIME,

    matches(fileName: string, head: Uint8Array): boolean {
      const extension = fileExtension(fileName);
      if (hasZipSignature(head)) {
        return ooxmlKindFromHead(head) === 'xlsx' || xlsxNames.has(extension) || renamedXlsxNames.has(extension);
      }
      // A .xlsx that is no ZIP is claimed so it is refused as an unreadable XLSX, not an unknown format;
      // except an OLE2 file, which is a password-protected XLSX or a renamed .xls, explained by the legacy extractor.
      return xlsxNames.has(extension) && !hasCfbSignature(head);
    },

    async extract(bytes: Uint8Array, fileName: string): Promise<OfficeExtractedText> {
      try {
        if (!hasZipSignature(bytes)) throw new Error('not a ZIP package');
        const entries = await verifyOoxmlPackage(bytes, fileName, limits);
        // exceljs looks for the workbook at this fixed name; without it, it would "succeed" with no sheets.
        if (!entries.some((entry) => entry.name === 'xl/workbook.xml')) throw new Error('no xl/workbook.xml');
        const metadata = await readCoreProperties(bytes, fileName, limits);
        const mime = await detectOoxmlMime(bytes, fileName, limits, XLSX_MIME);
        installExceljsConsoleGuard();
        // load() works in memory (JSZip + saxes). exceljs's streaming WorkbookReader is the path that
        // writes temp files (via `tmp`), which is why it is not used.
        const excel = await loadExcelJs();
        const workbook = new excel.Workbook();
        // exceljs types its input as its own `Buffer extends ArrayBuffer`; at run time it hands it to
        // JSZip, which takes a Node Buffer as is (and without copying it).
        await workbook.xlsx.load(toBuffer(bytes) as unknown as Parameters<typeof workbook.xlsx.load>[0]);
        const budget: SheetBudget = { rows: maxRows, cells: maxCells, chars: maxTextChars, truncated: false };
        const pages: string[] = [];
        for (const sheet of workbook.worksheets) {
          if (budget.truncated || budget.chars <= 0) {
            budget.truncated = true;
            break;
          }
          pages.push(sheetText(sheet, budget, excel.ValueType.Formula));
        }
        return {
          format: 'xlsx',
          mime,
          pages,
          // Sheets are the workbook's pages; the count still tells the truth when a cap skipped some.
          pageCount: workbook.worksheets.length,
          metadata,
          ...(budget.truncated ? { truncated: true } : {}),
        };
      } catch (error) {
        throw toAppError(error, fileName);
      }
    },
  };
}

/** XLSX extractor with the default limits (zipGuard's, 48 MiB of XML, 1,048,576 rows, 2,000,000 cells, 5,000,000 characters). */
export const xlsxExtractor: OfficeExtractor = createXlsxExtractor();
