/**
 * Thrown by the PDF extractor called with `pdfEngine: 'pdfium'` when PDFium hands a document back: the
 * extraction worker answers the pool with it, and the pool has the document read in its one pdf.js worker
 * (extractionPool.ts). Not an AppError: it never reaches a user.
 */
export class PdfjsHandOff extends Error {
  /** @param spentMs wall-clock milliseconds of the document's time budget the PDFium attempt used. */
  constructor(readonly spentMs: number) {
    super('PDFium handed the document back to pdf.js');
    this.name = 'PdfjsHandOff';
  }
}
