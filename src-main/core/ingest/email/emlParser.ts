import type { Attachment, SimpleParserOptions, ParsedMail } from 'mailparser';
import { loadSimpleParser } from '../lazyLibraries.ts';
import { AppError } from '../../../../src-shared/api/appError.ts';
import { attachmentFileName, normaliseContentType } from './attachmentNames.ts';
import { checkAttachmentCount, checkEmailEnvelope } from './emailLimits.ts';
import type { EmailLimits, EmailParseOptions } from './emailLimits.ts';
import { cleanHeaderText, truncateText } from './headerText.ts';
import { htmlToPlainText } from './htmlBodyText.ts';
import { headerAddresses, headerDate, rawHeaderValue } from './mimeHeaderFields.ts';
import type { EmailAttachment, ParsedEmail } from './parsedEmail.ts';
import { isOpaqueSignedPart, signedMimeEntity } from './smimeSignedContent.ts';
import { expandTnefAttachments } from './tnefAttachments.ts';
import type { ReasonKey } from '../../../../src-shared/api/errorReasons.ts';

const MAX_SUBJECT_CHARS = 1000;

// A message has at least one of these; mailparser accepts any bytes at all as a body without
// headers, so without this check a random file named .eml would "parse".
const messageHeaders: ReadonlySet<string> = new Set([
  'from', 'to', 'cc', 'bcc', 'subject', 'date', 'message-id', 'mime-version', 'received', 'return-path',
  'sender', 'reply-to', 'content-type', 'delivered-to',
]);

function parserOptions(limits: EmailLimits): SimpleParserOptions {
  return {
    // An attached mail stays whole, as an .eml attachment the pipeline can import in its own
    // right, instead of its text and files being merged into this one.
    ignoreEmbedded: true,
    // HTML is converted once, by htmlToPlainText, whether it is the root part or one part of many.
    skipHtmlToText: true,
    // No data: URLs written into the HTML, no HTML built from the text: neither is used here.
    skipImageLinks: true,
    keepCidLinks: true,
    skipTextToHtml: true,
    skipTextLinks: true,
    checksumAlgo: false,
    // Containers count as parts too; a mail within the attachment limit stays far below this.
    maxChildNodes: limits.maxAttachments * 4 + 100,
  };
}

/**
 * The subject, decoded. RFC 2047 encoded words (GBK, GB18030, UTF-8, ...) are decoded by
 * mailparser; a subject sent as raw 8-bit bytes that are not UTF-8 (some Chinese mailers and
 * scanners) comes back from it with replacement characters, and is read as GB18030 instead.
 */
function subjectOf(mail: ParsedMail): string {
  const decoded = mail.subject ?? '';
  if (!decoded.includes('\uFFFD')) return cleanHeaderText(decoded, MAX_SUBJECT_CHARS);
  const raw = Buffer.from(rawHeaderValue(mail.headerLines, 'subject') ?? '', 'latin1');
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(raw);
  } catch {
    try {
      return cleanHeaderText(new TextDecoder('gb18030', { fatal: true }).decode(raw), MAX_SUBJECT_CHARS);
    } catch {
      // Neither UTF-8 nor GB18030: keep mailparser's reading, replacement characters and all.
    }
  }
  return cleanHeaderText(decoded, MAX_SUBJECT_CHARS);
}

/** The bytes in an ArrayBuffer of their own: mailparser's small buffers are slices of a shared pool. */
function ownBytes(content: Buffer): Uint8Array {
  return content.byteOffset === 0 && content.buffer.byteLength === content.byteLength
    ? new Uint8Array(content.buffer, 0, content.byteLength)
    : Uint8Array.prototype.slice.call(content);
}

function toAttachment(attachment: Attachment, position: number, html: string): EmailAttachment {
  const contentType = normaliseContentType(attachment.contentType) || 'application/octet-stream';
  // Only pictures the HTML body shows (logos, pasted images) count as inline. Apple Mail marks
  // ordinary PDFs "inline" too, and those are exactly the files a user means to send.
  const cid = attachment.cid;
  const inline = contentType.startsWith('image/') && cid !== undefined && cid !== '' && html.includes(`cid:${cid}`);
  return {
    fileName: attachmentFileName(attachment.filename, contentType, position),
    contentType,
    bytes: ownBytes(attachment.content),
    inline,
  };
}

async function readMail(bytes: Uint8Array, fileName: string, limits: EmailLimits): Promise<ParsedMail> {
  try {
    const simpleParser = await loadSimpleParser();
    return await simpleParser(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), parserOptions(limits));
  } catch (error) {
    // mailsplit marks its own structural limits (too many parts, a huge header block) with EMAXLEN.
    if ((error as { code?: unknown }).code === 'EMAXLEN') {
      throw new AppError('ARCHIVE_LIMIT_EXCEEDED', { file: fileName, detail: 'reason.email.tooManyParts' satisfies ReasonKey }, { cause: error });
    }
    throw new AppError('EMAIL_UNREADABLE', { file: fileName }, { cause: error });
  }
}

/**
 * The MIME entity inside an opaque-signed S/MIME message (the whole body is one smime.p7m), parsed;
 * undefined for any other mail, or when the wrapper cannot be opened (the mail then keeps smime.p7m
 * as its one attachment, as before). Clear-signed mail (multipart/signed) needs nothing: its content
 * is an ordinary MIME part and the signature a smime.p7s attachment.
 */
async function signedContent(mail: ParsedMail, fileName: string, limits: EmailLimits): Promise<ParsedMail | undefined> {
  const declared = mail.headers.get('content-type') as { value?: string; params?: Record<string, string> } | undefined;
  const [only] = mail.attachments;
  if (mail.attachments.length !== 1 || only === undefined || declared?.value === undefined) return undefined;
  if (!isOpaqueSignedPart(normaliseContentType(declared.value), declared.params?.['smime-type']?.toLowerCase())) return undefined;
  const entity = await signedMimeEntity(only.content);
  return entity === undefined ? undefined : readMail(entity, fileName, limits);
}

/**
 * Parses a MIME message (.eml) in memory: nothing is written to disk and nothing fetched.
 * Refuses with EMAIL_UNREADABLE (not a mail, or damaged) or ARCHIVE_LIMIT_EXCEEDED (see EmailLimits).
 */
export async function parseEml(bytes: Uint8Array, fileName: string, options: EmailParseOptions = {}): Promise<ParsedEmail> {
  const limits = checkEmailEnvelope(bytes, fileName, options);
  const mail = await readMail(bytes, fileName, limits);
  if (!mail.headerLines.some((line) => messageHeaders.has(line.key))) throw new AppError('EMAIL_UNREADABLE', { file: fileName });
  // The people, date and subject are the outer message's; body and files may sit inside an S/MIME wrapper.
  const content = (await signedContent(mail, fileName, limits)) ?? mail;
  checkAttachmentCount(content.attachments.length, fileName, limits);

  const html = typeof content.html === 'string' ? content.html : '';
  let body = content.text ?? '';
  if (body.trim() === '' && html !== '') body = await htmlToPlainText(html, limits.maxHtmlChars);
  const date = headerDate(mail.headerLines);
  const messageId = cleanHeaderText(mail.messageId, MAX_SUBJECT_CHARS);
  const parsed: ParsedEmail = {
    format: 'eml',
    subject: subjectOf(mail),
    from: headerAddresses(mail.from),
    to: headerAddresses(mail.to),
    cc: headerAddresses(mail.cc),
    replyTo: headerAddresses(mail.replyTo),
    ...(date === undefined ? {} : { date }),
    ...(messageId === '' ? {} : { messageId }),
    bodyText: truncateText(body.replace(/\r\n?/g, '\n').trim(), limits.maxBodyChars),
    attachments: content.attachments.map((attachment, index) => toAttachment(attachment, index + 1, html)),
  };
  return expandTnefAttachments(parsed, fileName, limits);
}
