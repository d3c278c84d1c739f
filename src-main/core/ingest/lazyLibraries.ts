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
