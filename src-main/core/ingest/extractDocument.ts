import type { ExtractedDocument } from './extractedDocument.ts';
import type { ExtractCall } from './extractor.ts';
import { extractText } from './extractorRegistry.ts';
import { emailFormatOf } from './email/emailDetection.ts';
import { emailRecordText } from './email/emailExtractor.ts';
import { parseEmail } from './email/emailParser.ts';
import { HEAD_BYTES } from './formatDetection.ts';
import { ocrScannedPages } from './ocr/scannedPdfOcr.ts';
import { detectImageMime } from './ocr/imageHeader.ts';
import { ocrDocumentBudgetMs } from './ocrBudget.ts';
import { textSignature } from '../../../src-shared/rules/similarity/textSignature.ts';
import { extractContractMetadata } from '../../../src-shared/rules/metadata/contractMetadata.ts';

/**
 * Everything the import pipeline needs from one file's bytes: its text page by page and, for an
 * e-mail, its envelope and attachments (parsed once, here). Runs inside an extraction worker, so
 * every parser of untrusted bytes is isolated from the thread that holds the vault.
 */
export interface ExtractOptions {
  /** Read scans and images with OCR (slow: seconds per page); off, they are stored without text. */
  ocr: boolean;
  /**
   * Also extract the contract metadata (number, parties, dates, amount...) from the text, with this date
   * (YYYY-MM-DD) as "today": here in the worker rather than on the thread that owns the vault, which is the
   * import's one serial stage. Unset for files whose metadata the import will not use (annexes).
   */
  contractMetadataToday?: string;
  /** Which PDF engine may read the text (the extraction pool keeps pdf.js to one of its workers). */
  pdf?: ExtractCall;
}

export async function extractDocument(bytes: Uint8Array, fileName: string, options: ExtractOptions = { ocr: true }): Promise<ExtractedDocument> {
  if (emailFormatOf(fileName, bytes.subarray(0, HEAD_BYTES)) !== undefined) {
    const mail = await parseEmail(bytes, fileName);
    const { subject, from, to, cc, replyTo, date, messageId } = mail;
    return {
      text: emailRecordText(mail),
      signature: null,
      email: {
        subject, from, to, cc, replyTo,
        ...(date === undefined ? {} : { date }),
        ...(messageId === undefined ? {} : { messageId }),
        // Each attachment gets its own buffer, so it can be transferred to the importing thread on its own.
        attachments: mail.attachments.filter((a) => !a.inline).map((a) => ({ ...a, bytes: new Uint8Array(a.bytes) })),
      },
    };
  }
  const imageMime = detectImageMime(bytes.subarray(0, HEAD_BYTES));
  if (!options.ocr && imageMime) {
    return { text: { format: 'image', mime: imageMime, pages: [''], metadata: {} }, signature: null };
  }
  let text = await extractText(bytes, fileName, undefined, options.pdf);
  if (text.format === 'pdf' && options.ocr) {
    // Pages with (almost) no text layer but an image are scans: their text comes from OCR.
    const ocr = await ocrScannedPages(bytes, fileName, text.pages, { timeBudgetMs: ocrDocumentBudgetMs });
    if (ocr.ocrPages.length > 0) text = { ...text, pages: ocr.pages, ocrPages: ocr.ocrPages };
  }
  if (text.format === 'image') text = { ...text, ocrPages: text.pages.map((_, i) => i + 1) };
  const today = options.contractMetadataToday;
  return {
    text, signature: textSignature(text.pages),
    ...(today === undefined ? {} : { contractMetadata: extractContractMetadata(text.pages, { today }) }),
  };
}
