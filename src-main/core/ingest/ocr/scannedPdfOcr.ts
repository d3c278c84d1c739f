import { AppError } from '../../../../src-shared/api/appError.ts';
import { forEachConcurrently } from './concurrentPages.ts';
import { sharedOcrEngine } from './ocrEngine.ts';
import type { OcrEngine } from './ocrEngine.ts';
import { OcrCancelledError, OcrEngineError, toOcrAppError } from './ocrErrors.ts';
import { DEFAULT_OCR_DOCUMENT_BUDGET_MS, DEFAULT_OCR_MAX_PAGES } from './ocrLimits.ts';
import { OCR_RENDER_DPI, openPdfForRendering } from './pdfPageRasterizer.ts';
import type { RenderablePdf } from './pdfPageRasterizer.ts';

/** A page whose text layer has fewer non-space characters than this (and that paints an image) is OCR'd. */
export const DEFAULT_MIN_TEXT_CHARS = 20;

/** Limits and hooks of `ocrScannedPages`; the defaults suit an import. */
export interface ScannedPdfOcrOptions {
  /** The OCR engine; default: this thread's shared engine. */
  engine?: OcrEngine;
  /** Pages OCR'd at most per document (default 200); later scanned pages keep their (empty) text layer. */
  maxPages?: number;
  /** Wall-clock budget for the document's OCR (default 20 minutes); pages past it are skipped. */
  timeBudgetMs?: number;
  /** Limit per page for rendering plus OCR (default: the engine's page timeout). */
  pageTimeoutMs?: number;
  /** Pages with fewer non-space characters of text layer than this are candidates (default 20). */
  minTextChars?: number;
  /** Rendering resolution (default 300). */
  dpi?: number;
  /** Cancels the work; the promise then rejects with IMPORT_CANCELLED. */
  signal?: AbortSignal;
  /** Called after each candidate page is finished (OCR'd, skipped or failed), for progress events. */
  onProgress?: (done: number, total: number) => void;
}

/** The document's pages with OCR text where it was needed. */
export interface ScannedPdfOcrResult {
  /** One entry per input page: the OCR text for OCR'd pages, the text layer for all others. */
  pages: string[];
  /** 1-based numbers of the pages whose text now comes from OCR, ascending. */
  ocrPages: number[];
  /**
   * 1-based numbers of candidate pages left without OCR: scans past `maxPages`, scans whose rendering
   * or OCR failed or timed out, and candidates not examined before the time budget ran out. The
   * caller can report that the text may be incomplete.
   */
  skippedPages: number[];
}

function visibleCharacters(text: string): number {
  return text.replace(/\s+/g, '').length;
}

function isFatal(error: unknown): boolean {
  return error instanceof OcrEngineError || error instanceof OcrCancelledError;
}

/**
 * OCRs the pages of a PDF that are scans: pages whose text layer (as `pdfExtractor` found it, in
 * `pages`) has fewer than `minTextChars` non-space characters and that paint an image. Each is
 * rendered at 300 DPI and read in English and Simplified Chinese; the OCR text replaces the text
 * layer when it has more to say. Pages are OCR'd in parallel on the engine's workers.
 * Bounded by `maxPages` and `timeBudgetMs`; a page that fails is skipped, not fatal. Rejects with
 * OCR_FAILED (engine or document unusable) or IMPORT_CANCELLED.
 */
export async function ocrScannedPages(
  bytes: Uint8Array,
  fileName: string,
  pages: readonly string[],
  options: ScannedPdfOcrOptions = {},
): Promise<ScannedPdfOcrResult> {
  const minTextChars = options.minTextChars ?? DEFAULT_MIN_TEXT_CHARS;
  const result: ScannedPdfOcrResult = { pages: [...pages], ocrPages: [], skippedPages: [] };
  const candidates = pages.flatMap((text, index) => (visibleCharacters(text) < minTextChars ? [index + 1] : []));
  // Documents with a text layer on every page (the usual case) never load the renderer or the engine.
  if (candidates.length === 0) return result;
  if (options.signal?.aborted) throw new AppError('IMPORT_CANCELLED');

  const engine = options.engine ?? sharedOcrEngine();
  const maxPages = options.maxPages ?? DEFAULT_OCR_MAX_PAGES;
  const deadline = Date.now() + (options.timeBudgetMs ?? DEFAULT_OCR_DOCUMENT_BUDGET_MS);
  const pageTimeoutMs = options.pageTimeoutMs ?? engine.pageTimeoutMs;
  const dpi = options.dpi ?? OCR_RENDER_DPI;

  let pdf: RenderablePdf;
  try {
    pdf = await openPdfForRendering(bytes);
  } catch (error) {
    throw new AppError('OCR_FAILED', { file: fileName, detail: 'the PDF could not be opened for rendering' }, { cause: error });
  }
  let ocrCount = 0;
  let done = 0;
  const attempted = new Set<number>();
  try {
    await forEachConcurrently(
      candidates,
      engine.workers,
      async (pageNumber) => {
        attempted.add(pageNumber);
        try {
          if (pageNumber > pdf.pageCount || !(await pdf.pageHasImage(pageNumber))) return;
          if (ocrCount >= maxPages) {
            result.skippedPages.push(pageNumber);
            return;
          }
          ocrCount++;
          const timeoutMs = Math.max(1, Math.min(pageTimeoutMs, deadline - Date.now()));
          const started = Date.now();
          const timeout = AbortSignal.timeout(timeoutMs);
          const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
          const rendered = await pdf.renderPage(pageNumber, { dpi, signal });
          if (options.signal?.aborted) throw new OcrCancelledError();
          const remaining = Math.max(1, timeoutMs - (Date.now() - started));
          const ocr = await engine.recognize(rendered.png, { timeoutMs: remaining, dpi: rendered.dpi, ...(options.signal ? { signal: options.signal } : {}) });
          // A stamped page number or a few words of header do not beat a whole page read by OCR.
          if (visibleCharacters(ocr.text) > visibleCharacters(result.pages[pageNumber - 1] ?? '')) {
            result.pages[pageNumber - 1] = ocr.text;
            result.ocrPages.push(pageNumber);
          }
        } catch (error) {
          if (options.signal?.aborted) throw new OcrCancelledError();
          if (isFatal(error)) throw error;
          // A page that cannot be rendered or read keeps its text layer; the others still count.
          result.skippedPages.push(pageNumber);
        } finally {
          options.onProgress?.(++done, candidates.length);
        }
      },
      () => Date.now() >= deadline,
    );
  } catch (error) {
    throw toOcrAppError(error, fileName);
  } finally {
    await pdf.close();
  }
  // Candidates never examined because the budget ran out may be scans too.
  for (const pageNumber of candidates) {
    if (!attempted.has(pageNumber)) result.skippedPages.push(pageNumber);
  }
  result.ocrPages.sort((a, b) => a - b);
  result.skippedPages.sort((a, b) => a - b);
  return result;
}
