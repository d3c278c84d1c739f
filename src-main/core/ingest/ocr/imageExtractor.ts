import { AppError } from '../../../../src-shared/api/appError.ts';
import type { ExtractedText, Extractor } from '../extractor.ts';
import { forEachConcurrently } from './concurrentPages.ts';
import { detectImageMime, readJpegDimensions, readPngDimensions } from './imageHeader.ts';
import type { ImageDimensions, ImageMime } from './imageHeader.ts';
import { sharedOcrEngine } from './ocrEngine.ts';
import type { OcrEngine } from './ocrEngine.ts';
import { OcrCancelledError, OcrEngineError, OcrTimeoutError, toOcrAppError } from './ocrErrors.ts';
import { DEFAULT_OCR_DOCUMENT_BUDGET_MS, DEFAULT_OCR_MAX_PAGES, DEFAULT_OCR_MAX_PIXELS } from './ocrLimits.ts';
import { readTiffDirectory, tiffStartingAt } from './tiffDirectory.ts';

/** Limits and engine of an image extractor; the registry uses the defaults. */
export interface ImageExtractorOptions {
  /** The OCR engine; default: this thread's shared engine, created on first use. */
  engine?: OcrEngine;
  /** Largest image (per page) in pixels, judged from the header before decoding. */
  maxPixels?: number;
  /** Pages of a multi-page TIFF that are OCR'd; `pageCount` still reports them all. */
  maxPages?: number;
  /** Wall-clock budget for the whole file. */
  timeBudgetMs?: number;
  /** Limit for one page (default: the engine's). */
  pageTimeoutMs?: number;
}

function unreadable(fileName: string): AppError {
  return new AppError('IMAGE_UNREADABLE', { file: fileName });
}

/** Refuses an image before decoding when its header is unreadable or claims more pixels than allowed (a decompression bomb). */
function checkPixelCap(size: ImageDimensions | null, maxPixels: number, fileName: string): void {
  if (size === null) throw unreadable(fileName);
  if (size.width * size.height > maxPixels) throw tooLarge(fileName, maxPixels);
}

function tooLarge(fileName: string, maxPixels: number): AppError {
  return new AppError('IMAGE_TOO_LARGE', { file: fileName, limit: Math.round(maxPixels / 1_000_000) });
}

/** Failures that are about the engine or the user, not about one page: they end the whole file. */
function isFatal(error: unknown): boolean {
  return error instanceof OcrEngineError || error instanceof OcrCancelledError;
}

/**
 * PNG, JPEG and TIFF images (recognised by their magic bytes, whatever their name), read by OCR in
 * English and Simplified Chinese. One page per image; a multi-page TIFF gives one page per image in it.
 */
export function createImageExtractor(options: ImageExtractorOptions = {}): Extractor {
  const maxPixels = options.maxPixels ?? DEFAULT_OCR_MAX_PIXELS;
  const maxPages = options.maxPages ?? DEFAULT_OCR_MAX_PAGES;
  const timeBudgetMs = options.timeBudgetMs ?? DEFAULT_OCR_DOCUMENT_BUDGET_MS;

  async function extractSingle(bytes: Uint8Array, fileName: string, mime: ImageMime, engine: OcrEngine): Promise<ExtractedText> {
    const size = mime === 'image/png' ? readPngDimensions(bytes) : readJpegDimensions(bytes);
    checkPixelCap(size, maxPixels, fileName);
    const timeoutMs = Math.min(options.pageTimeoutMs ?? engine.pageTimeoutMs, timeBudgetMs);
    try {
      const result = await engine.recognize(bytes, { timeoutMs });
      return { format: 'image', mime, pages: [result.text], metadata: {} };
    } catch (error) {
      throw toOcrAppError(error, fileName);
    }
  }

  async function extractTiff(bytes: Uint8Array, fileName: string, engine: OcrEngine): Promise<ExtractedText> {
    const directory = readTiffDirectory(bytes, maxPages);
    if (!directory) throw unreadable(fileName);
    const deadline = Date.now() + timeBudgetMs;
    const pages: (string | undefined)[] = directory.pages.map(() => undefined);
    let failures = 0;
    let lastFailure: unknown;
    await forEachConcurrently(
      directory.pages,
      engine.workers,
      async (page, index) => {
        if (page.width * page.height > maxPixels) {
          failures++;
          lastFailure = tooLarge(fileName, maxPixels);
          pages[index] = '';
          return;
        }
        const remaining = Math.max(1, deadline - Date.now());
        const timeoutMs = Math.min(options.pageTimeoutMs ?? engine.pageTimeoutMs, remaining);
        // leptonica decodes only a TIFF's first image, so each page is sent as a copy whose header points at it.
        const image = index === 0 && page.ifdOffset === directory.pages[0]?.ifdOffset ? bytes : tiffStartingAt(bytes, page, directory.bigTiff);
        try {
          pages[index] = (await engine.recognize(image, { timeoutMs })).text;
        } catch (error) {
          if (isFatal(error)) throw error;
          // One damaged or slow page should not cost the user the text of the others.
          failures++;
          lastFailure = error;
          pages[index] = '';
        }
      },
      () => Date.now() >= deadline,
    ).catch((error: unknown) => {
      throw toOcrAppError(error, fileName);
    });
    // Pages the budget left unread are cut off, as a page cap would: pageCount still tells the real count.
    const firstUnread = pages.indexOf(undefined);
    const read = (firstUnread < 0 ? pages : pages.slice(0, firstUnread)).map((text) => text ?? '');
    if (read.length === 0) throw toOcrAppError(new OcrTimeoutError(timeBudgetMs), fileName);
    if (failures >= read.length) throw toOcrAppError(lastFailure, fileName);
    return { format: 'image', mime: 'image/tiff', pages: read, pageCount: directory.pageCount, metadata: {} };
  }

  return {
    format: 'image',
    // ExtractedText.mime carries the type detected for each file (image/png, image/jpeg or image/tiff).
    mime: 'image/png',

    matches(_fileName: string, head: Uint8Array): boolean {
      return detectImageMime(head) !== null;
    },

    async extract(bytes: Uint8Array, fileName: string): Promise<ExtractedText> {
      const mime = detectImageMime(bytes);
      if (!mime) throw unreadable(fileName);
      const engine = options.engine ?? sharedOcrEngine();
      return mime === 'image/tiff' ? extractTiff(bytes, fileName, engine) : extractSingle(bytes, fileName, mime, engine);
    },
  };
}

/** Image extractor with the default limits (60 megapixels, 200 TIFF pages, 20 minutes) and the shared engine. */
export const imageExtractor: Extractor = createImageExtractor();
