import { AppError } from '../../../src-shared/api/appError.ts';
import type { ExtractCall, ExtractedText, Extractor } from './extractor.ts';
import { hasPdfSignature } from './formatDetection.ts';
import { cleanMetadataText } from './pdfMetadataText.ts';
import { pdfDateToIso } from './pdfDate.ts';
import { readPdfjsText } from './pdfjsDocumentText.ts';
import { PdfjsHandOff } from './pdfjsHandOff.ts';
import { readPdfiumText } from './pdfium/pdfiumDocumentText.ts';
import type { PdfiumInfo, PdfiumOutcome } from './pdfium/pdfiumDocumentText.ts';
import { discardPdfium, loadPdfium, releasePdfiumIfLarge } from './pdfium/pdfiumRuntime.ts';
import { TimeBudget } from './timeBudget.ts';

/** Default wall-clock budget for one PDF; a contract takes well under a second, a hostile file forever. */
export const DEFAULT_PDF_TIME_BUDGET_MS = 30_000;
/** Default number of pages whose text is extracted; later pages are skipped but still counted. */
export const DEFAULT_PDF_MAX_PAGES = 2000;

/**
 * Which engine reads the text. 'auto': PDFium, with pdf.js for the documents PDFium hands back
 * (decision 0019); 'pdfjs': pdf.js alone (the reference, for comparisons and tests).
 */
export type PdfTextEngine = 'auto' | 'pdfjs';

/** Limits that keep one PDF from stalling or flooding an import. */
export interface PdfExtractorOptions {
  /** Wall-clock budget for the whole document, in milliseconds. */
  timeBudgetMs?: number;
  /** Pages read at most; the declared page count is still reported in `pageCount`. */
  maxPages?: number;
  /**
   * Give pdf.js the bundled standard-font programs (off by default). Text of the standard 14 fonts
   * comes out the same without them, but with them pdf.js substitutes Liberation/Foxit programs for
   * non-embedded Arial/Times CID fonts and maps their glyph ids through the wrong font: six corpus
   * files (e.g. issue20453.pdf, issue6127.pdf) turn into shifted garbage, none improves.
   */
  standardFontData?: boolean;
  /** 'auto' unless a caller needs one engine's behaviour. */
  engine?: PdfTextEngine;
}

function toAppError(error: unknown, fileName: string): AppError {
  if (error instanceof AppError) return error;
  // pdf.js's exceptions are plain objects across its worker boundary, so match by name, not class.
  if (error instanceof Error && error.name === 'PasswordException') {
    return new AppError('PDF_ENCRYPTED', { file: fileName }, { cause: error });
  }
  return new AppError('PDF_UNREADABLE', { file: fileName }, { cause: error });
}

function metadataFromInfo(info: PdfiumInfo): ExtractedText['metadata'] {
  const title = cleanMetadataText(info.title);
  const author = cleanMetadataText(info.author);
  const createdAt = pdfDateToIso(info.creationDate);
  return {
    ...(title === undefined ? {} : { title }),
    ...(author === undefined ? {} : { author }),
    ...(createdAt === undefined ? {} : { createdAt }),
  };
}

/**
 * The PDFium fast path: the text, or null when pdf.js should read this document. A document that needs
 * more memory than the cap is refused here, not handed to pdf.js, which would need even more.
 */
async function readWithPdfium(bytes: Uint8Array, fileName: string, maxPages: number, budget: TimeBudget): Promise<ExtractedText | null> {
  const instance = await budget.race(loadPdfium());
  let outcome: PdfiumOutcome | null = null;
  try {
    outcome = readPdfiumText(instance.pdfium, bytes, maxPages, budget);
  } catch (error) {
    if (error instanceof Error && error.name === 'TimeBudgetExceededError') throw error;
    // A WebAssembly trap (an abort, e.g. when memory was refused) leaves the instance unusable.
    discardPdfium();
  }
  if (instance.capReached) {
    discardPdfium();
    throw new AppError('EXTRACTION_OUT_OF_MEMORY', { file: fileName, limit: Math.round(instance.heapCapBytes / (1024 * 1024)) });
  }
  releasePdfiumIfLarge(instance);
  if (outcome === null || outcome.kind === 'fallback') return null;
  return { format: 'pdf', mime: 'application/pdf', pages: outcome.pages, pageCount: outcome.pageCount, metadata: metadataFromInfo(outcome.info) };
}

/** A PDF extractor with its own limits; the registry uses the defaults. */
export function createPdfExtractor(options: PdfExtractorOptions = {}): Extractor {
  const timeBudgetMs = options.timeBudgetMs ?? DEFAULT_PDF_TIME_BUDGET_MS;
  const maxPages = options.maxPages ?? DEFAULT_PDF_MAX_PAGES;
  const standardFontData = options.standardFontData ?? false;
  const engine = options.engine ?? 'auto';

  return {
    format: 'pdf',
    mime: 'application/pdf',

    matches(_fileName: string, head: Uint8Array): boolean {
      return hasPdfSignature(head);
    },

    async extract(bytes: Uint8Array, fileName: string, call: ExtractCall = {}): Promise<ExtractedText> {
      const started = performance.now();
      // A document handed over from another worker has already used part of its budget on PDFium there.
      const budget = new TimeBudget(Math.max(1, timeBudgetMs - (call.budgetSpentMs ?? 0)));
      const chosen = engine === 'pdfjs' ? 'pdfjs' : call.pdfEngine ?? 'auto';
      try {
        const fast = chosen === 'pdfjs' ? null : await readWithPdfium(bytes, fileName, maxPages, budget);
        if (fast === null && chosen === 'pdfium') throw new PdfjsHandOff(performance.now() - started + (call.budgetSpentMs ?? 0));
        return fast ?? (await readPdfjsText(bytes, { maxPages, standardFontData, budget }));
      } catch (error) {
        if (error instanceof PdfjsHandOff) throw error;
        throw toAppError(error, fileName);
      } finally {
        budget.dispose();
      }
    },
  };
}

/** PDF extractor with the default limits (30 s, 2000 pages) and no standard-font programs. */
export const pdfExtractor: Extractor = createPdfExtractor();
