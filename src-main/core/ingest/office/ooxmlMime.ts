import { readZipEntryText } from './zipGuard.ts';
import type { ZipLimits } from './zipGuard.ts';

/** MIME type of a Word document (.docx). */
export const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
/** MIME type of an Excel workbook (.xlsx). */
export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

// [Content_Types].xml names the main part's type; it tells a macro-enabled file or a template from a
// plain document, which the file name may not.
const mimeByMainPartType: Readonly<Record<string, string>> = {
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml': DOCX_MIME,
  'application/vnd.ms-word.document.macroEnabled.main+xml': 'application/vnd.ms-word.document.macroEnabled.12',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml':
    'application/vnd.openxmlformats-officedocument.wordprocessingml.template',
  'application/vnd.ms-word.template.macroEnabledTemplate.main+xml': 'application/vnd.ms-word.template.macroEnabled.12',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml': XLSX_MIME,
  'application/vnd.ms-excel.sheet.macroEnabled.main+xml': 'application/vnd.ms-excel.sheet.macroEnabled.12',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.template.main+xml':
    'application/vnd.openxmlformats-officedocument.spreadsheetml.template',
  'application/vnd.ms-excel.template.macroEnabled.main+xml': 'application/vnd.ms-excel.template.macroEnabled.12',
};

const MAX_CONTENT_TYPES_BYTES = 1024 * 1024;

/**
 * The MIME type an OOXML package's [Content_Types].xml gives its main part (so a .docm reports
 * macro-enabled Word), or `fallback` when the part is missing, oversized or names no known type.
 */
export async function detectOoxmlMime(bytes: Uint8Array, fileName: string, limits: Partial<ZipLimits>, fallback: string): Promise<string> {
  let xml: string | null;
  try {
    xml = await readZipEntryText(bytes, '[Content_Types].xml', MAX_CONTENT_TYPES_BYTES, { fileName, limits });
  } catch {
    return fallback;
  }
  for (const match of (xml ?? '').matchAll(/ContentType\s*=\s*["']([^"']+)["']/g)) {
    const mime = mimeByMainPartType[match[1] ?? ''];
    if (mime !== undefined) return mime;
  }
  return fallback;
}
