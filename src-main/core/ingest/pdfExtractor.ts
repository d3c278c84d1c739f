import { AppError } from '../../../src-shared/api/appError.ts';
import type { ExtractedText, Extractor } from './extractor.ts';
import { hasPdfSignature } from './formatDetection.ts';
import { joinTextItems } from './pdfPageText.ts';
import { annotationText } from './pdfAnnotationText.ts';
import { loadPdfjs } from './pdfjsRuntime.ts';
import type { PdfjsModule } from './pdfjsRuntime.ts';
import { TimeBudget } from './timeBudget.ts';

/** Default wall-clock budget for one PDF; a contract takes well under a second, a hostile file forever. */
export const DEFAULT_PDF_TIME_BUDGET_MS = 30_000;
/** Default number of pages whose text is extracted; later pages are skipped but still counted. */
export const DEFAULT_PDF_MAX_PAGES = 2000;

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
}

type PdfDocument = Awaited<ReturnType<PdfjsModule['getDocument']>['promise']>;

// Metadata is shown in lists and sent to search; a hostile file could put megabytes in a title.
const MAX_METADATA_CHARS = 1000;

function cleanMetadataText(value: unknown): string | undefined {
  const text = Array.isArray(value) ? value.filter((v) => typeof v === 'string').join(', ') : value;
  if (typeof text !== 'string') return undefined;
  const cleaned = text.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim().slice(0, MAX_METADATA_CHARS);
  return cleaned === '' ? undefined : cleaned;
}

function toIsoDate(lib: PdfjsModule, value: unknown): string | undefined {
  if (typeof value !== 'string' || value === '') return undefined;
  // Info dictionaries use PDF date strings (D:YYYYMMDDHHmmSS+HH'mm'); XMP uses ISO 8601.
  const date = lib.PDFDateString.toDateObject(value) ?? new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

async function readMetadata(lib: PdfjsModule, doc: PdfDocument, budget: TimeBudget): Promise<ExtractedText['metadata']> {
  const { info, metadata: xmp } = await budget.race(doc.getMetadata());
  const dict = info as Record<string, unknown>;
  // The Info dictionary is what most producers fill in; XMP is the fallback for those that only write XMP.
  const title = cleanMetadataText(dict['Title']) ?? cleanMetadataText(xmp?.get('dc:title'));
  const author = cleanMetadataText(dict['Author']) ?? cleanMetadataText(xmp?.get('dc:creator'));
  const createdAt = toIsoDate(lib, dict['CreationDate']) ?? toIsoDate(lib, xmp?.get('xmp:createdate'));
  return {
    ...(title === undefined ? {} : { title }),
    ...(author === undefined ? {} : { author }),
    ...(createdAt === undefined ? {} : { createdAt }),
  };
}

async function readPageText(doc: PdfDocument, pageNumber: number, budget: TimeBudget): Promise<string> {
  const page = await budget.race(doc.getPage(pageNumber));
  try {
    const content = await budget.race(page.getTextContent());
    const body = joinTextItems(content.items);
    // Form fields and text boxes are read too; a page whose annotations cannot be read keeps its body text.
    const extra = annotationText(await budget.race(page.getAnnotations()).catch((error: unknown) => {
      if (error instanceof Error && error.name === 'TimeBudgetExceededError') throw error;
      return [];
    }));
    return extra === '' ? body : body === '' ? extra : `${body}\n${extra}`;
  } finally {
    // Frees the page's parsed resources now rather than when the whole document is destroyed.
    page.cleanup();
  }
}

function toAppError(error: unknown, fileName: string): AppError {
  if (error instanceof AppError) return error;
  // pdf.js's exceptions are plain objects across its worker boundary, so match by name, not class.
  if (error instanceof Error && error.name === 'PasswordException') {
    return new AppError('PDF_ENCRYPTED', { file: fileName }, { cause: error });
  }
  return new AppError('PDF_UNREADABLE', { file: fileName }, { cause: error });
}

/** A PDF extractor with its own limits; the registry uses the defaults. */
export function createPdfExtractor(options: PdfExtractorOptions = {}): Extractor {
  const timeBudgetMs = options.timeBudgetMs ?? DEFAULT_PDF_TIME_BUDGET_MS;
  const maxPages = options.maxPages ?? DEFAULT_PDF_MAX_PAGES;
  const standardFontData = options.standardFontData ?? false;

  return {
    format: 'pdf',
    mime: 'application/pdf',

    matches(_fileName: string, head: Uint8Array): boolean {
      return hasPdfSignature(head);
    },

    async extract(bytes: Uint8Array, fileName: string): Promise<ExtractedText> {
      const budget = new TimeBudget(timeBudgetMs);
      let task: ReturnType<PdfjsModule['getDocument']> | undefined;
      try {
        const { lib, standardFontDataUrl, cMapUrl } = await budget.race(loadPdfjs());
        task = lib.getDocument({
          // pdf.js transfers (detaches) the buffer it is given, and the caller still needs the original
          // bytes to store them byte-exact, so it gets a copy. Not bytes.slice(): on a Node Buffer that
          // is a view sharing memory, and pdf.js also refuses Buffers outright.
          data: new Uint8Array(bytes),
          ...(standardFontData ? { standardFontDataUrl } : {}),
          cMapUrl,
          cMapPacked: true,
          // Never compile code from a document (PostScript functions would otherwise use `new Function`).
          isEvalSupported: false,
          // Text extraction needs no installed fonts, and results must not depend on the machine.
          useSystemFonts: false,
          disableFontFace: true,
          verbosity: lib.VerbosityLevel.ERRORS,
        });
        const doc = await budget.race(task.promise);
        const pageCount = doc.numPages;
        const readable = Math.min(pageCount, maxPages);
        const pages: string[] = [];
        let failed = 0;
        let lastFailure: unknown;
        for (let pageNumber = 1; pageNumber <= readable; pageNumber++) {
          try {
            pages.push(await readPageText(doc, pageNumber, budget));
          } catch (error) {
            if (error instanceof Error && error.name === 'TimeBudgetExceededError') throw error;
            // One broken page should not cost the user the text of all the others.
            failed++;
            lastFailure = error;
            pages.push('');
          }
        }
        if (readable > 0 && failed === readable) {
          throw new Error(`none of ${readable} pages could be read`, { cause: lastFailure });
        }
        let metadata: ExtractedText['metadata'] = {};
        try {
          metadata = await readMetadata(lib, doc, budget);
        } catch (error) {
          if (error instanceof Error && error.name === 'TimeBudgetExceededError') throw error;
          // Broken document properties are no reason to lose the text.
        }
        return { format: 'pdf', mime: 'application/pdf', pages, pageCount, metadata };
      } catch (error) {
        throw toAppError(error, fileName);
      } finally {
        budget.dispose();
        // Destroying the loading task also destroys the document and stops any parsing still queued.
        await task?.destroy().catch(() => undefined);
      }
    },
  };
}

/** PDF extractor with the default limits (30 s, 2000 pages) and no standard-font programs. */
export const pdfExtractor: Extractor = createPdfExtractor();
