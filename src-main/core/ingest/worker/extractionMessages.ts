import type { ErrorCode } from '../../../../src-shared/api/errorCodes.ts';
import type { SheetPreview } from '../../../../src-shared/model/fileView.ts';
import type { ExtractedDocument } from '../extractedDocument.ts';
import type { ExtractOptions } from '../extractDocument.ts';
import type { PdfiumWasmModule } from '../pdfium/pdfiumRuntime.ts';

/** A file handed to an extraction worker. The bytes are a transferred copy; the original stays with the caller. */
export interface ExtractionRequest {
  taskId: number;
  fileName: string;
  bytes: Uint8Array;
  options: ExtractOptions;
  /** Set for a viewer preview (`files.preview`) instead of an extraction: the format to render. */
  preview?: 'docx' | 'xlsx';
}

/** A rendered preview: a DOCX as HTML, or an XLSX as capped tables of cell texts. */
export type PreviewBody = { kind: 'html'; html: string } | { kind: 'sheets'; sheets: SheetPreview[] };

/** A worker's answer: the text, or an error reduced to what crosses the thread boundary (code and params). */
export type ExtractionResponse =
  | { taskId: number; ok: true; document: ExtractedDocument }
  | { taskId: number; ok: true; preview: PreviewBody }
  | { taskId: number; ok: false; code: ErrorCode; params: Record<string, string | number> }
  /** PDFium handed the document back and this worker may not run pdf.js: the pool re-sends it to its pdf.js worker. */
  | { taskId: number; ok: false; handOff: 'pdfjs'; spentMs: number };

/** What a worker is started with: PDFium compiled once by the pool (absent when compiling failed; the worker then compiles its own). */
export interface ExtractionWorkerData {
  pdfiumModule?: PdfiumWasmModule;
}
