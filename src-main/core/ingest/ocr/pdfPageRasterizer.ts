import { createRequire } from 'node:module';
import path from 'node:path';
import { loadCanvas } from '../lazyLibraries.ts';
import { loadPdfjs } from '../pdfjsRuntime.ts';
import type { PdfjsModule } from '../pdfjsRuntime.ts';
import { packagedResourcePath } from '../packagedResources.ts';

/** Resolution pages are rendered at for OCR: tesseract's models are trained on text of about this size. */
export const OCR_RENDER_DPI = 300;

/**
 * Largest rendering in pixels (an A2 page at 300 DPI); bigger pages are rendered at a lower
 * resolution instead, so a page declaring a 200-inch MediaBox cannot allocate gigabytes.
 */
export const DEFAULT_MAX_RENDER_PIXELS = 35_000_000;

// Skia refuses canvases past 32767 px per side; long thin pages are scaled down to fit.
const MAX_RENDER_SIDE = 16_384;

/** How to render one page. */
export interface PdfRenderOptions {
  dpi?: number;
  maxPixels?: number;
  /** Cancels the rendering (pdf.js stops between operator chunks); the promise rejects with the reason. */
  signal?: AbortSignal;
}

/** One page rendered for OCR: PNG bytes and the resolution actually used. */
export interface RenderedPage {
  png: Uint8Array;
  width: number;
  height: number;
  dpi: number;
}

/** A PDF opened for rendering; close it to free pdf.js's document. */
export interface RenderablePdf {
  readonly pageCount: number;
  /** Whether the page paints any raster image (a scan does; a page of vector text does not). */
  pageHasImage(pageNumber: number): Promise<boolean>;
  /** Renders a page on white at `dpi` (lowered for huge pages) and encodes it as PNG. */
  renderPage(pageNumber: number, options?: PdfRenderOptions): Promise<RenderedPage>;
  close(): Promise<void>;
}

type PdfDocument = Awaited<ReturnType<PdfjsModule['getDocument']>['promise']>;
type RenderParameters = Parameters<Awaited<ReturnType<PdfDocument['getPage']>>['render']>[0];

const require = createRequire(import.meta.url);

/** pdf.js in Node reads its data files with fs from a plain folder path that ends in '/'. */
function pdfjsFolder(name: string): string {
  const shipped = packagedResourcePath('pdfjs', name);
  if (shipped) return `${shipped.split(path.sep).join('/')}/`;
  const root = path.dirname(require.resolve('pdfjs-dist/package.json'));
  return `${path.join(root, name).split(path.sep).join('/')}/`;
}

function imageOperators(lib: PdfjsModule): ReadonlySet<number> {
  const ops = lib.OPS;
  return new Set([
    ops.paintImageXObject,
    ops.paintInlineImageXObject,
    ops.paintInlineImageXObjectGroup,
    ops.paintImageXObjectRepeat,
    ops.paintImageMaskXObject,
    ops.paintImageMaskXObjectGroup,
    ops.paintImageMaskXObjectRepeat,
  ]);
}

/** Resolves as `work` does, or rejects with the signal's reason once it aborts (after calling `cancel`). */
async function raceAbort<T>(work: Promise<T>, signal: AbortSignal | undefined, cancel: () => void): Promise<T> {
  if (!signal) return work;
  signal.throwIfAborted();
  let onAbort: () => void = () => undefined;
  const aborted = new Promise<never>((_resolve, reject) => {
    onAbort = () => {
      cancel();
      reject(signal.reason);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
  // The work's own rejection after a cancel is expected; it must not surface as unhandled.
  work.catch(() => undefined);
  try {
    return await Promise.race([work, aborted]);
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
}

/** Size of the rendering: `dpi`, lowered until it fits the pixel and side caps. */
function renderScale(widthPt: number, heightPt: number, dpi: number, maxPixels: number): number {
  let scale = dpi / 72;
  const pixels = widthPt * scale * heightPt * scale;
  if (pixels > maxPixels) scale *= Math.sqrt(maxPixels / pixels);
  const side = Math.max(widthPt, heightPt) * scale;
  if (side > MAX_RENDER_SIDE) scale *= MAX_RENDER_SIDE / side;
  return scale;
}

/**
 * Opens a PDF for rendering with pdf.js (legacy build) and @napi-rs/canvas. Unlike text extraction,
 * rendering passes the standard-font programs (docs/decisions/0008): without them, non-embedded
 * Helvetica & co. have no glyphs to draw. No code from the document is compiled (isEvalSupported: false).
 */
export async function openPdfForRendering(bytes: Uint8Array): Promise<RenderablePdf> {
  const { lib, standardFontDataUrl, cMapUrl } = await loadPdfjs();
  const task = lib.getDocument({
    // pdf.js detaches the buffer it is given; the caller keeps the original bytes.
    data: new Uint8Array(bytes),
    standardFontDataUrl,
    cMapUrl,
    cMapPacked: true,
    // JPEG 2000 and JBIG2 scans are decoded by pdf.js's wasm decoders; colour profiles by qcms.
    wasmUrl: pdfjsFolder('wasm'),
    iccUrl: pdfjsFolder('iccs'),
    isEvalSupported: false,
    useSystemFonts: false,
    verbosity: lib.VerbosityLevel.ERRORS,
  });
  let doc: PdfDocument;
  try {
    doc = await task.promise;
  } catch (error) {
    await task.destroy().catch(() => undefined);
    throw error;
  }
  const imageOps = imageOperators(lib);

  return {
    pageCount: doc.numPages,

    async pageHasImage(pageNumber: number): Promise<boolean> {
      const page = await doc.getPage(pageNumber);
      try {
        const operators = await page.getOperatorList();
        return operators.fnArray.some((op) => imageOps.has(op));
      } finally {
        page.cleanup();
      }
    },

    async renderPage(pageNumber: number, options: PdfRenderOptions = {}): Promise<RenderedPage> {
      const page = await doc.getPage(pageNumber);
      try {
        const base = page.getViewport({ scale: 1 });
        const scale = renderScale(base.width, base.height, options.dpi ?? OCR_RENDER_DPI, options.maxPixels ?? DEFAULT_MAX_RENDER_PIXELS);
        const viewport = page.getViewport({ scale });
        // Rounded down, so the pixel cap holds exactly.
        const { createCanvas } = await loadCanvas();
        const canvas = createCanvas(Math.max(1, Math.floor(viewport.width)), Math.max(1, Math.floor(viewport.height)));
        // pdf.js's typings name the DOM canvas; in Node it draws on @napi-rs/canvas, which it also uses itself.
        const task = page.render({ canvas: canvas as unknown as RenderParameters['canvas'], viewport, background: '#ffffff' });
        await raceAbort(task.promise, options.signal, () => task.cancel());
        // encode() compresses off the main thread.
        const png = await canvas.encode('png');
        return { png: new Uint8Array(png.buffer, png.byteOffset, png.byteLength), width: canvas.width, height: canvas.height, dpi: scale * 72 };
      } finally {
        page.cleanup();
      }
    },

    async close(): Promise<void> {
      await task.destroy().catch(() => undefined);
    },
  };
}

/** Renders one page of a PDF to PNG bytes at ~300 DPI (opens and closes the document around it). */
export async function rasterizePdfPage(bytes: Uint8Array, pageNumber: number, options: PdfRenderOptions = {}): Promise<RenderedPage> {
  const pdf = await openPdfForRendering(bytes);
  try {
    return await pdf.renderPage(pageNumber, options);
  } finally {
    await pdf.close();
  }
}
