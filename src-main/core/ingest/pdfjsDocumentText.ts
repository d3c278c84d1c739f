import type { ExtractedText } from './extractor.ts';
import { joinTextItems } from './pdfPageText.ts';
import { annotationText } from './pdfAnnotationText.ts';
import { loadPdfjs } from './pdfjsRuntime.ts';
import type { PdfjsModule } from './pdfjsRuntime.ts';
import { cleanMetadataText } from './pdfMetadataText.ts';
import type { TimeBudget } from './timeBudget.ts';

type PdfDocument = Awaited<ReturnType<PdfjsModule['getDocument']>['promise']>;

const isBudgetError = (error: unknown): boolean => error instanceof Error && error.name === 'TimeBudgetExceededError';

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
      if (isBudgetError(error)) throw error;
      return [];
    }));
    return extra === '' ? body : body === '' ? extra : `${body}\n${extra}`;
  } finally {
    // Frees the page's parsed resources now rather than when the whole document is destroyed.
    page.cleanup();
  }
}

/** Limits and options of one pdf.js read. */
export interface PdfjsReadOptions {
  maxPages: number;
  standardFontData: boolean;
  budget: TimeBudget;
}

/**
 * Reads a PDF's text, page count and properties with pdf.js: the reference engine, used for the documents
 * PDFium hands back (see pdfium/pdfiumDocumentText.ts). Throws pdf.js's own errors; the caller translates them.
 */
export async function readPdfjsText(bytes: Uint8Array, { maxPages, standardFontData, budget }: PdfjsReadOptions): Promise<ExtractedText> {
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
        if (isBudgetError(error)) throw error;
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
      if (isBudgetError(error)) throw error;
      // Broken document properties are no reason to lose the text.
    }
    return { format: 'pdf', mime: 'application/pdf', pages, pageCount, metadata };
  } finally {
    // Destroying the loading task also destroys the document and stops any parsing still queued.
    await task?.destroy().catch(() => undefined);
  }
}
