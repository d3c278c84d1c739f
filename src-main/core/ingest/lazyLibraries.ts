/**
 * Parsing libraries that only some formats need, loaded on first use. Every extraction worker used
 * to load them at start (mailparser, exceljs and mammoth: ~0.6 s of CPU per worker), which an import
 * of PDFs alone paid for nothing. Each loader resolves its library once per thread.
 */
function loadOnce<T>(load: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | undefined;
  return () => {
    loading ??= load().catch((error: unknown) => {
      // A failed load is not cached: the next file may succeed (e.g. after a transient I/O error).
      loading = undefined;
      throw error;
    });
    return loading;
  };
}

/** mailparser's `simpleParser` (MIME messages, .msg transport headers, HTML bodies). */
export const loadSimpleParser = loadOnce(async () => (await import('mailparser')).simpleParser);

/** exceljs (XLSX workbooks). */
export const loadExcelJs = loadOnce(async () => (await import('exceljs')).default);

/** mammoth (DOCX text). */
export const loadMammoth = loadOnce(async () => (await import('mammoth')).default);

// The libraries below were imported when a worker started, which cost each extraction worker ~0.25 s of CPU
// (pkijs alone ~0.11 s: Node's CommonJS export scan over its 1 MB build, then V8 optimising that scan) in an
// import of PDFs that never needs them.

/** asn1js and pkijs (opaque-signed S/MIME). */
export const loadPkijs = loadOnce(async () => {
  const [asn1js, pkijs] = await Promise.all([import('asn1js'), import('pkijs')]);
  return { asn1js, pkijs };
});

/** @kenjiuno/msgreader (Outlook .msg). */
export const loadMsgReader = loadOnce(async () => import('@kenjiuno/msgreader'));

/** @napi-rs/canvas (a native addon: its first load in a process costs ~40 ms), to render PDF pages for OCR. */
export const loadCanvas = loadOnce(async () => import('@napi-rs/canvas'));

/** yauzl (the ZIP container of DOCX/XLSX). */
export const loadYauzl = loadOnce(async () => (await import('yauzl')).default);
