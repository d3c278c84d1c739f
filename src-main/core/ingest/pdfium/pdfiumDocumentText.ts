import { annotationText } from '../pdfAnnotationText.ts';
import type { AnnotationLike } from '../pdfAnnotationText.ts';
import { tidyPageText, withoutControlChars } from '../pdfPageText.ts';
import type { TimeBudget } from '../timeBudget.ts';
import type { Pdfium } from './pdfiumRuntime.ts';

/** Document properties as PDFium reads them from the Info dictionary (raw strings; the caller cleans them). */
export interface PdfiumInfo {
  title: string;
  author: string;
  creationDate: string;
}

/**
 * What PDFium made of a document: its text, or the reason the caller should read it with pdf.js instead.
 * PDFium is the fast path; pdf.js stays the reference for everything PDFium is known to get wrong.
 */
export type PdfiumOutcome =
  | { kind: 'text'; pages: string[]; pageCount: number; info: PdfiumInfo }
  | { kind: 'fallback'; reason: 'unopenable' | 'unicodeMap' | 'noPageReadable' };

// FPDF_ANNOT_* subtypes (fpdf_annot.h) whose text is navigation or UI chrome, and the form widget.
const ANNOT_LINK = 2;
const ANNOT_POPUP = 16;
const ANNOT_WIDGET = 20;
// FPDF_FORMFIELD_* (fpdf_formfill.h): the field types whose value is text a person chose or typed.
const FIELD_COMBOBOX = 4;
const FIELD_LISTBOX = 5;
const FIELD_TEXTFIELD = 6;

/** Reads a UTF-16LE string through one of PDFium's "call once for the size, again for the bytes" functions. */
function readUtf16(pdfium: Pdfium, read: (buffer: number, length: number) => number): string {
  const needed = read(0, 0);
  if (needed <= 2) return '';
  const buffer = pdfium.pdfium.wasmExports.malloc(needed);
  try {
    read(buffer, needed);
    return pdfium.pdfium.UTF16ToString(buffer);
  } finally {
    pdfium.pdfium.wasmExports.free(buffer);
  }
}

/**
 * The functions called per page, per annotation or per character, as the WebAssembly instance exports them
 * (not declared by the package's types). Called straight, not through the package's wrapper (`ccall`, argument
 * checks, rest parameters), which costs ~40x more than a call itself: bug1978317.pdf's 32,768 link annotations
 * took 0.5 s of CPU through it and 26 ms without. Only numeric arguments: string arguments keep the wrapper.
 */
interface RawExports {
  FPDFText_HasUnicodeMapError(textPage: number, index: number): number;
  FPDFText_GetUnicode(textPage: number, index: number): number;
  FPDFText_LoadPage(page: number): number;
  FPDFText_ClosePage(textPage: number): void;
  FPDFText_CountChars(textPage: number): number;
  FPDFText_GetText(textPage: number, start: number, count: number, buffer: number): number;
  FPDF_LoadPage(doc: number, index: number): number;
  FPDF_ClosePage(page: number): void;
  FPDFPage_GetAnnotCount(page: number): number;
  FPDFPage_GetAnnot(page: number, index: number): number;
  FPDFPage_CloseAnnot(annot: number): void;
  FPDFAnnot_GetSubtype(annot: number): number;
}

function rawExports(pdfium: Pdfium): RawExports {
  return pdfium.pdfium.wasmExports as unknown as RawExports;
}

/** Whether a UTF-16 code is white space (a guessed one does not make a page's text doubtful). */
function isSpaceCode(code: number): boolean {
  return /^\s$/u.test(String.fromCharCode(code));
}

/** PDFium's page text in the form the rest of ingest expects (the same as the pdf.js path produces). */
function cleanPdfiumText(text: string): string {
  // PDFium ends lines with CRLF and marks a hyphen it joined across a line end, and glyphs it could not
  // map, with the noncharacters U+FFFE/U+FFFF; neither is text.
  // A gap PDFium saw as a space next to a space character in the text is one word break, as pdf.js has it.
  const lines = text.replace(/\r\n?/g, '\n').replace(/[\ufffe\uffff]/g, '').replace(/[ \t\u00a0\u3000]{2,}/g, ' ');
  return tidyPageText(withoutControlChars(lines));
}

/** A lazily opened form environment: form field values can only be read through one. */
class FormEnvironment {
  #info = 0;
  #handle = 0;

  constructor(private readonly pdfium: Pdfium, private readonly doc: number) {}

  handle(): number {
    if (this.#handle === 0) {
      this.#info = this.pdfium.PDFiumExt_OpenFormFillInfo();
      this.#handle = this.pdfium.PDFiumExt_InitFormFillEnvironment(this.doc, this.#info);
    }
    return this.#handle;
  }

  close(): void {
    if (this.#handle !== 0) this.pdfium.PDFiumExt_ExitFormFillEnvironment(this.#handle);
    if (this.#info !== 0) this.pdfium.PDFiumExt_CloseFormFillInfo(this.#info);
  }
}

function widgetValue(pdfium: Pdfium, form: number, annot: number): AnnotationLike | undefined {
  const type = pdfium.FPDFAnnot_GetFormFieldType(form, annot);
  if (type === FIELD_TEXTFIELD) {
    return { subtype: 'Widget', fieldValue: readUtf16(pdfium, (buffer, length) => pdfium.FPDFAnnot_GetFormFieldValue(form, annot, buffer, length)) };
  }
  if (type === FIELD_COMBOBOX || type === FIELD_LISTBOX) {
    // What the reader saw: the labels of the chosen options (the stored value may be an export code).
    const chosen: string[] = [];
    const options = pdfium.FPDFAnnot_GetOptionCount(form, annot);
    for (let index = 0; index < options; index++) {
      if (!pdfium.FPDFAnnot_IsOptionSelected(form, annot, index)) continue;
      chosen.push(readUtf16(pdfium, (buffer, length) => pdfium.FPDFAnnot_GetOptionLabel(form, annot, index, buffer, length)));
    }
    const value = chosen.length > 0 ? chosen : readUtf16(pdfium, (buffer, length) => pdfium.FPDFAnnot_GetFormFieldValue(form, annot, buffer, length));
    return { subtype: 'Widget', fieldValue: value };
  }
  // Check boxes, radio buttons, push buttons and signatures hold states ("Off", "Yes"), not text.
  return undefined;
}

/** Text a person typed into a page's annotations: form fields, free-text boxes, comments. */
function pageAnnotations(pdfium: Pdfium, page: number, form: FormEnvironment): string {
  const raw = rawExports(pdfium);
  const count = raw.FPDFPage_GetAnnotCount(page);
  if (count <= 0) return '';
  const found: AnnotationLike[] = [];
  for (let index = 0; index < count; index++) {
    const annot = raw.FPDFPage_GetAnnot(page, index);
    if (annot === 0) continue;
    try {
      const subtype = raw.FPDFAnnot_GetSubtype(annot);
      if (subtype === ANNOT_LINK || subtype === ANNOT_POPUP) continue;
      if (subtype === ANNOT_WIDGET) {
        const widget = widgetValue(pdfium, form.handle(), annot);
        if (widget) found.push(widget);
        continue;
      }
      found.push({ subtype: 'Markup', contentsObj: { str: readUtf16(pdfium, (buffer, length) => pdfium.FPDFAnnot_GetStringValue(annot, 'Contents', buffer, length)) } });
    } finally {
      raw.FPDFPage_CloseAnnot(annot);
    }
  }
  return withoutControlChars(annotationText(found).replace(/\r\n?/g, '\n'));
}

/** One page's body text, or null when a character's Unicode value is a guess (see readPdfiumText). */
function pageBodyText(pdfium: Pdfium, page: number): string | null {
  const raw = rawExports(pdfium);
  const textPage = raw.FPDFText_LoadPage(page);
  if (textPage === 0) return '';
  try {
    const count = raw.FPDFText_CountChars(textPage);
    if (count <= 0) return '';
    for (let index = 0; index < count; index++) {
      // A guessed space or line end (tracemonkey.pdf has one CR) costs nothing; a guessed letter means the
      // font has no usable map, and PDFium's guess is then usually wrong where pdf.js gets it right.
      if (raw.FPDFText_HasUnicodeMapError(textPage, index) !== 0 && !isSpaceCode(raw.FPDFText_GetUnicode(textPage, index))) return null;
    }
    const buffer = pdfium.pdfium.wasmExports.malloc((count + 1) * 2);
    try {
      raw.FPDFText_GetText(textPage, 0, count, buffer);
      return cleanPdfiumText(pdfium.pdfium.UTF16ToString(buffer));
    } finally {
      pdfium.pdfium.wasmExports.free(buffer);
    }
  } finally {
    raw.FPDFText_ClosePage(textPage);
  }
}

function readInfo(pdfium: Pdfium, doc: number): PdfiumInfo {
  const field = (tag: string): string => readUtf16(pdfium, (buffer, length) => pdfium.FPDF_GetMetaText(doc, tag, buffer, length));
  return { title: field('Title'), author: field('Author'), creationDate: field('CreationDate') };
}

/**
 * Reads a PDF's text with PDFium: ~15x less CPU than pdf.js on contract-sized files. It hands the document
 * back to pdf.js (`fallback`) when it cannot open it (pdf.js then names the failure: encrypted, damaged),
 * when any character's Unicode value is a guess (fonts without a usable ToUnicode map, where pdf.js
 * recovers the real text more often), or when no page loads. Checks the time budget between pages.
 */
export function readPdfiumText(pdfium: Pdfium, bytes: Uint8Array, maxPages: number, budget: TimeBudget): PdfiumOutcome {
  const heap = pdfium.pdfium.wasmExports;
  const data = heap.malloc(Math.max(bytes.length, 1));
  if (data === 0) return { kind: 'fallback', reason: 'unopenable' };
  // PDFium reads the document from its own heap for as long as the document is open.
  pdfium.pdfium.HEAPU8.set(bytes, data);
  const doc = pdfium.FPDF_LoadMemDocument(data, bytes.length, '');
  if (doc === 0) {
    heap.free(data);
    return { kind: 'fallback', reason: 'unopenable' };
  }
  const form = new FormEnvironment(pdfium, doc);
  try {
    const pageCount = Math.max(0, pdfium.FPDF_GetPageCount(doc));
    const readable = Math.min(pageCount, maxPages);
    const pages: string[] = [];
    let loaded = 0;
    for (let index = 0; index < readable; index++) {
      budget.throwIfSpent();
      const page = rawExports(pdfium).FPDF_LoadPage(doc, index);
      if (page === 0) {
        // As on the pdf.js path: one broken page should not cost the user the text of the others.
        pages.push('');
        continue;
      }
      loaded++;
      try {
        const body = pageBodyText(pdfium, page);
        if (body === null) return { kind: 'fallback', reason: 'unicodeMap' };
        const extra = pageAnnotations(pdfium, page, form);
        pages.push(extra === '' ? body : body === '' ? extra : `${body}\n${extra}`);
      } finally {
        rawExports(pdfium).FPDF_ClosePage(page);
      }
    }
    if (readable > 0 && loaded === 0) return { kind: 'fallback', reason: 'noPageReadable' };
    return { kind: 'text', pages, pageCount, info: readInfo(pdfium, doc) };
  } finally {
    form.close();
    pdfium.FPDF_CloseDocument(doc);
    heap.free(data);
  }
}
