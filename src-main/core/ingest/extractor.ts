/** Text pulled out of one imported file, ready for the search index; the original bytes are kept elsewhere. */
export interface ExtractedText {
  /** Which extractor produced it: 'pdf' | 'text' (more formats plug in later). */
  format: string;
  /** MIME type of the source file as detected from its bytes, not as claimed by its name. */
  mime: string;
  /** One entry per extracted page; a single entry for formats that have no pages. */
  pages: string[];
  /**
   * Pages the source declares. It exceeds `pages.length` when a page cap skipped the rest, so a
   * caller can still show the real page count of a huge document. Absent for non-paged formats.
   */
  pageCount?: number;
  /** 1-based pages whose text came from OCR (a scanned page), so the UI can say the text is recognised, not exact. */
  ocrPages?: number[];
  /** True when a text, row or cell cap cut the document short; search then covers only the first part. */
  truncated?: true;
  /** Document properties, where the format carries them; every field is optional. */
  metadata: { title?: string; author?: string; createdAt?: string };
}

/** The seam every file format plugs into: detection by name and leading bytes, then extraction. */
export interface Extractor {
  /** Stable format id, also written into `ExtractedText.format`. */
  readonly format: string;
  /** MIME type reported for files this extractor accepts. */
  readonly mime: string;
  /** Whether this extractor claims the file, judged from its name and first bytes (at most 1 KiB). */
  matches(fileName: string, head: Uint8Array): boolean;
  /** Extracts the text; refuses with an AppError, never with a library's own error. */
  extract(bytes: Uint8Array, fileName: string, call?: ExtractCall): Promise<ExtractedText>;
}

/**
 * Per-call choices of an extraction that only some formats heed (today only PDF's): which PDF engine may read
 * the text, and how much of the document's time budget an earlier attempt already spent (see pdfExtractor.ts).
 */
export interface ExtractCall {
  /**
   * 'auto': PDFium, then pdf.js for the documents PDFium hands back; 'pdfium': PDFium only, a document it hands
   * back throws PdfjsHandOff (the extraction pool then reads it in its pdf.js worker); 'pdfjs': pdf.js only.
   */
  pdfEngine?: 'auto' | 'pdfium' | 'pdfjs';
  /** Milliseconds of the document's time budget already spent on it elsewhere (the PDFium attempt of a hand-off). */
  budgetSpentMs?: number;
}
