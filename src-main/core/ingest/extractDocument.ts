import type { ExtractedDocument } from './extractedDocument.ts';
import { extractText } from './extractorRegistry.ts';
import { emailFormatOf } from './email/emailDetection.ts';
import { emailRecordText } from './email/emailExtractor.ts';
import { parseEmail } from './email/emailParser.ts';
import { HEAD_BYTES } from './formatDetection.ts';
import { textSignature } from '../../../src-shared/rules/similarity/textSignature.ts';

/**
 * Everything the import pipeline needs from one file's bytes: its text page by page and, for an
 * e-mail, its envelope and attachments (parsed once, here). Runs inside an extraction worker, so
 * every parser of untrusted bytes is isolated from the thread that holds the vault.
 */
export async function extractDocument(bytes: Uint8Array, fileName: string): Promise<ExtractedDocument> {
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
  const text = await extractText(bytes, fileName);
  return { text, signature: textSignature(text.pages) };
}
