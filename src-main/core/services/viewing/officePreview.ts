import type ExcelJS from 'exceljs';
import { AppError } from '../../../../src-shared/api/appError.ts';
import type { SheetPreview } from '../../../../src-shared/model/fileView.ts';
import { cellValueText } from '../../ingest/office/cellText.ts';
import { installExceljsConsoleGuard } from '../../ingest/office/exceljsConsoleGuard.ts';
import { verifyOoxmlPackage } from '../../ingest/office/ooxmlPackageGuard.ts';
import { DEFAULT_ZIP_LIMITS } from '../../ingest/office/zipGuard.ts';
import { DEFAULT_DOCX_MAX_MARKUP_BYTES } from '../../ingest/office/docxExtractor.ts';
import { DEFAULT_XLSX_MAX_MARKUP_BYTES } from '../../ingest/office/xlsxExtractor.ts';
import { loadExcelJs, loadMammoth } from '../../ingest/lazyLibraries.ts';

/** Rows of one sheet a preview holds; beyond it the UI says the sheet was cut and offers the export. */
export const PREVIEW_MAX_ROWS = 500;
/** Columns of one sheet a preview holds. */
export const PREVIEW_MAX_COLUMNS = 50;
/** Sheets a preview holds. */
export const PREVIEW_MAX_SHEETS = 20;

function toBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function unreadable(error: unknown, name: string, format: string): AppError {
  if (error instanceof AppError) return error;
  return new AppError('DOCUMENT_UNREADABLE', { file: name, format }, { cause: error });
}

/**
 * A DOCX as HTML (mammoth's semantic conversion: headings, paragraphs, lists, tables; images inline as
 * data: URLs). The package passes the same guards as at import first (ZIP bomb, entity declarations,
 * markup cap), since the bytes are the stored original. The renderer sanitises the HTML again before
 * inserting it: this side does not promise it is safe.
 */
export async function docxToHtml(bytes: Uint8Array, name: string): Promise<string> {
  try {
    await verifyOoxmlPackage(bytes, name, { ...DEFAULT_ZIP_LIMITS, maxMarkupBytes: DEFAULT_DOCX_MAX_MARKUP_BYTES });
    const mammoth = await loadMammoth();
    const result = await mammoth.convertToHtml({ buffer: toBuffer(bytes) });
    return result.value;
  } catch (error) {
    throw unreadable(error, name, 'DOCX');
  }
}

/** A workbook as tables of cell texts, capped in sheets, rows and columns; merged ranges show their value once. */
export async function xlsxToSheets(bytes: Uint8Array, name: string): Promise<SheetPreview[]> {
  try {
    await verifyOoxmlPackage(bytes, name, { ...DEFAULT_ZIP_LIMITS, maxMarkupBytes: DEFAULT_XLSX_MAX_MARKUP_BYTES });
    installExceljsConsoleGuard();
    const excel = await loadExcelJs();
    const workbook = new excel.Workbook();
    // In-memory load (JSZip); the streaming reader writes temp files, which the vault forbids.
    await workbook.xlsx.load(toBuffer(bytes) as unknown as Parameters<typeof workbook.xlsx.load>[0]);
    return workbook.worksheets.slice(0, PREVIEW_MAX_SHEETS).map((sheet) => sheetPreview(sheet, excel.ValueType.Formula));
  } catch (error) {
    throw unreadable(error, name, 'XLSX');
  }
}

function sheetPreview(sheet: ExcelJS.Worksheet, formulaType: ExcelJS.ValueType): SheetPreview {
  const totalRows = sheet.actualRowCount;
  const totalColumns = sheet.actualColumnCount;
  const rows: string[][] = [];
  const columns = Math.min(sheet.columnCount, PREVIEW_MAX_COLUMNS);
  let truncated = false;
  sheet.eachRow({ includeEmpty: true }, (row, rowNumber) => {
    if (rowNumber > PREVIEW_MAX_ROWS) {
      truncated = true;
      return;
    }
    const cells: string[] = Array.from({ length: columns }, () => '');
    row.eachCell((cell, column) => {
      if (column > PREVIEW_MAX_COLUMNS) {
        truncated = true;
        return;
      }
      if (cell.master !== cell) return;
      // cell.value drops a falsy cached formula result (0, FALSE); cell.result keeps it.
      const value = cell.type === formulaType ? { formula: '', result: cell.result } : cell.value;
      cells[column - 1] = cellValueText(value);
    });
    rows[rowNumber - 1] = cells;
  });
  const filled = Array.from(rows, (row) => row ?? Array.from({ length: columns }, () => ''));
  return { name: sheet.name, rows: filled, totalRows, totalColumns, truncated: truncated || sheet.columnCount > PREVIEW_MAX_COLUMNS };
}
