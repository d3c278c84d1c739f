import { attachmentFileName, contentTypeForName, normaliseContentType } from './attachmentNames.ts';
import { checkAttachmentCount } from './emailLimits.ts';
import { truncateText } from './headerText.ts';
import type { EmailLimits } from './emailLimits.ts';
import { htmlToPlainText } from './htmlBodyText.ts';
import type { EmailAttachment, ParsedEmail } from './parsedEmail.ts';
import { rtfBodyAsText } from './rtfBodyText.ts';
import { isTnef, readTnef } from './tnefReader.ts';
import type { TnefContent } from './tnefReader.ts';

const tnefTypes = new Set(['application/ms-tnef', 'application/vnd.ms-tnef']);

function isTnefAttachment(attachment: EmailAttachment): boolean {
  const named = tnefTypes.has(attachment.contentType) || attachment.fileName.toLowerCase() === 'winmail.dat';
  return named && isTnef(attachment.bytes);
}

async function tnefBody(content: TnefContent, limits: EmailLimits): Promise<string> {
  if (content.bodyText !== undefined) return content.bodyText;
  if (content.bodyHtml !== undefined) return htmlToPlainText(content.bodyHtml, limits.maxHtmlChars);
  if (content.rtfCompressed !== undefined) return rtfBodyAsText(content.rtfCompressed, limits.maxHtmlChars);
  return '';
}

/**
 * Replaces each winmail.dat (TNEF, what Outlook sends to mail clients that are not Outlook) by the
 * files it carries, so a contract sent that way is filed like any other attachment; the mail's body,
 * when Outlook moved it into the TNEF, becomes the body. A winmail.dat that cannot be read stays
 * as it is. The attachment limit applies to the files after unpacking.
 */
export async function expandTnefAttachments(mail: ParsedEmail, fileName: string, limits: EmailLimits): Promise<ParsedEmail> {
  if (!mail.attachments.some(isTnefAttachment)) return mail;
  const attachments: EmailAttachment[] = [];
  let bodyText = mail.bodyText;
  for (const attachment of mail.attachments) {
    const content = isTnefAttachment(attachment) ? readTnef(attachment.bytes) : undefined;
    if (content === undefined) {
      attachments.push(attachment);
      continue;
    }
    for (const file of content.files) {
      const contentType = normaliseContentType(file.contentType) || contentTypeForName(file.fileName);
      attachments.push({ fileName: attachmentFileName(file.fileName, contentType, attachments.length + 1), contentType, bytes: file.bytes, inline: false });
    }
    if (bodyText.trim() === '') bodyText = truncateText((await tnefBody(content, limits)).replace(/\r\n?/g, '\n').trim(), limits.maxBodyChars);
  }
  checkAttachmentCount(attachments.length, fileName, limits);
  return { ...mail, bodyText, attachments };
}
