import { getDocument, GlobalWorkerOptions, type PDFDocumentProxy } from 'pdfjs-dist';

export { TextLayer } from 'pdfjs-dist';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';

// The worker is a file of the build, served from the app's own origin: the CSP's worker-src 'self' allows it.
GlobalWorkerOptions.workerSrc = workerUrl;

/** Where the build puts pdf.js's character maps and standard fonts (vite.config.ts copies them). */
function assetUrl(path: string): string {
  return new URL(path, globalThis.location.href).href;
}

/**
 * Opens a PDF from its bytes, in a worker. No eval (the CSP forbids it; pdf.js then draws glyphs without
 * compiled functions), no scripting, no XFA forms, nothing fetched but our own character maps and fonts.
 */
export function openPdf(bytes: Uint8Array): Promise<PDFDocumentProxy> {
  return getDocument({
    data: bytes,
    isEvalSupported: false,
    enableXfa: false,
    cMapUrl: assetUrl('pdfjs/cmaps/'),
    cMapPacked: true,
    standardFontDataUrl: assetUrl('pdfjs/standard_fonts/'),
    stopAtErrors: false,
  }).promise;
}
