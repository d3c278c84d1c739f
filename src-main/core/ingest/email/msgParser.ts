import type msgreaderModule from '@kenjiuno/msgreader';
import type { FieldsData } from '@kenjiuno/msgreader';
import type { ParsedMail } from 'mailparser';
import { loadMsgReader, loadSimpleParser } from '../lazyLibraries.ts';
import { AppError } from '../../../../src-shared/api/appError.ts';
import { attachmentFileName, contentTypeForName, normaliseContentType } from './attachmentNames.ts';
import { isSafeCompoundFile } from './compoundFileCheck.ts';
import { normaliseAddress, uniqueAddresses } from './emailAddress.ts';
import { checkAttachmentCount, checkEmailEnvelope } from './emailLimits.ts';
import type { EmailLimits, EmailParseOptions } from './emailLimits.ts';
import { cleanHeaderText, truncateText } from './headerText.ts';
import { htmlToPlainText } from './htmlBodyText.ts';
import { rtfBodyAsText } from './rtfBodyText.ts';
import { headerAddresses, headerDate } from './mimeHeaderFields.ts';
import type { Address, EmailAttachment, ParsedEmail } from './parsedEmail.ts';
import { expandTnefAttachments } from './tnefAttachments.ts';
import { codePageDecoders } from './windowsCodePages.ts';

type MsgReaderClass = typeof msgreaderModule.default;
type MsgReaderInstance = InstanceType<MsgReaderClass>;

/** msgreader's class, loaded on first use. */
async function msgReaderClass(): Promise<MsgReaderClass> {
  const loaded = await loadMsgReader();
  // Node's ESM loader hands this CommonJS package over as its module.exports, with the class on
  // `.default`; vitest honours the package's __esModule flag and hands over the class itself.
  const module = loaded.default;
  return typeof module === 'function' ? (module as unknown as MsgReaderClass) : module.default;
}

const MAX_TEXT_CHARS = 1000;
const MAX_TRANSPORT_HEADER_CHARS = 256 * 1024;
const consoleMethods = ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const;

/**
 * Runs synchronous msgreader work with the console muted: msgreader prints parse errors of
 * calendar data with console.debug, which would land in the CLI's JSON on stdout. Nothing else
 * can run while a synchronous function runs, so no other output is lost.
 */
function quietly<T>(work: () => T): T {
  const saved = consoleMethods.map((name) => console[name]);
  for (const name of consoleMethods) console[name] = () => undefined;
  try {
    return work();
  } finally {
    consoleMethods.forEach((name, i) => {
      console[name] = saved[i] as (typeof console)[typeof name];
    });
  }
}

/** Whether msgreader found any MAPI property at all: any compound file opens, a legacy .doc renamed .msg too. */
function isOutlookItem(fields: FieldsData): boolean {
  return (
    fields.messageClass !== undefined ||
    fields.subject !== undefined ||
    fields.body !== undefined ||
    (fields.recipients ?? []).length > 0 ||
    (fields.attachments ?? []).length > 0
  );
}

interface OpenedMsg {
  reader: MsgReaderInstance;
  fields: FieldsData;
  /** Whether any property is an 8-bit string (PT_STRING8), whose decoding depends on the code page. */
  hasString8: boolean;
}

const PT_STRING8 = 0x001e;

function open(MsgReader: MsgReaderClass, bytes: Uint8Array, ansiEncoding?: string): OpenedMsg {
  // A private copy: msgreader may swap byte order in place on some paths, and the caller's bytes
  // are the original that goes into the vault byte-exact.
  const reader = new MsgReader(bytes.slice().buffer);
  let hasString8 = false;
  reader.parserConfig = {
    propertyObserver: (_fields, tag) => {
      if ((tag & 0xffff) === PT_STRING8) hasString8 = true;
    },
    ...(ansiEncoding === undefined ? {} : { ansiEncoding }),
  };
  const fields = quietly(() => reader.getFileData());
  if (fields.dataType !== 'msg' || fields.error !== undefined || !isOutlookItem(fields)) throw new Error('not an Outlook message');
  return { reader, fields, hasString8 };
}

/**
 * Opens the message, and a second time with the right decoder when it holds 8-bit strings and
 * declares their code page: older, non-Unicode .msg files store PT_STRING8 properties that
 * msgreader would otherwise read as Latin-1 (a GBK subject would come out as mojibake).
 */
function openWithCodePage(MsgReader: MsgReaderClass, bytes: Uint8Array): OpenedMsg {
  const first = open(MsgReader, bytes);
  if (!first.hasString8) return first;
  const codePage = codePageDecoders(first.fields.messageCodepage ?? first.fields.internetCodepage);
  return codePage === undefined ? first : open(MsgReader, bytes, codePage.iconv);
}

/** The transport headers a received message keeps (PR_TRANSPORT_MESSAGE_HEADERS), parsed as a MIME header block. */
async function transportHeaders(text: string | undefined): Promise<ParsedMail | undefined> {
  if (text === undefined || text.trim() === '') return undefined;
  const block = `${truncateText(text, MAX_TRANSPORT_HEADER_CHARS).trimEnd()}\r\n\r\n`;
  try {
    const simpleParser = await loadSimpleParser();
    return await simpleParser(Buffer.from(block, 'utf8'), { skipHtmlToText: true, skipTextToHtml: true, checksumAlgo: false });
  } catch {
    return undefined;
  }
}

function senderOf(fields: FieldsData): Address | undefined {
  // The SMTP forms first: for mail sent inside an Exchange organisation, senderEmail holds an
  // X.500 distinguished name ("/O=EXCHANGELABS/...") that matches no customer contact.
  return (
    normaliseAddress(fields.senderSmtpAddress, fields.senderName) ??
    normaliseAddress(fields.sentRepresentingSmtpAddress, fields.senderName) ??
    normaliseAddress(fields.senderEmail, fields.senderName)
  );
}

function recipientsOf(fields: FieldsData, type: 'to' | 'cc'): Address[] {
  return uniqueAddresses(
    (fields.recipients ?? [])
      // A recipient without a type is treated as a To recipient, as Outlook shows it.
      .filter((recipient) => (recipient.recipType ?? 'to') === type)
      .map((recipient) => normaliseAddress(recipient.smtpAddress, recipient.name) ?? normaliseAddress(recipient.email, recipient.name)),
  );
}

function isoDate(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

/** The HTML body as text: PR_HTML is bytes in the message's internet code page (UTF-8 when it names none we know). */
function htmlBodyOf(fields: FieldsData): string {
  if (fields.bodyHtml !== undefined && fields.bodyHtml !== '') return fields.bodyHtml;
  if (fields.html === undefined || fields.html.length === 0) return '';
  const label = codePageDecoders(fields.internetCodepage)?.textDecoder ?? 'utf-8';
  return new TextDecoder(label).decode(fields.html);
}

function attachmentsOf(opened: OpenedMsg, html: string, fileName: string, limits: EmailLimits): EmailAttachment[] {
  const listed = opened.fields.attachments ?? [];
  checkAttachmentCount(listed.length, fileName, limits);
  const result: EmailAttachment[] = [];
  for (const attachment of listed) {
    const position = result.length + 1;
    if (attachment.innerMsgContent === true) {
      // An attached Outlook item: msgreader rebuilds it as a .msg file of its own.
      const content = quietly(() => opened.reader.getAttachment(attachment)).content;
      const name = attachment.name ?? attachment.innerMsgContentFields?.subject;
      const contentType = 'application/vnd.ms-outlook';
      result.push({ fileName: attachmentFileName(name, contentType, position), contentType, bytes: content, inline: false });
      continue;
    }
    // Attachments by reference (a link to a file on a share or in the cloud) carry no bytes.
    if (typeof attachment.dataId !== 'number') continue;
    const content = quietly(() => opened.reader.getAttachment(attachment)).content;
    const name = attachment.fileName ?? attachment.fileNameShort ?? attachment.name;
    const contentType = normaliseContentType(attachment.attachMimeTag) || contentTypeForName(name ?? '');
    const cid = attachment.pidContentId;
    // As for .eml: only pictures the HTML body shows (or Outlook hides from the list) are inline.
    const shown = attachment.attachmentHidden === true || (cid !== undefined && cid !== '' && html.includes(`cid:${cid}`));
    result.push({
      fileName: attachmentFileName(name, contentType, position),
      contentType,
      bytes: content,
      inline: contentType.startsWith('image/') && shown,
    });
  }
  return result;
}

/**
 * Parses an Outlook .msg in memory with msgreader, after checking that its compound-file
 * structure cannot send msgreader into an endless loop. Nothing is written to disk.
 * Refuses with EMAIL_UNREADABLE (not an Outlook message, or damaged) or ARCHIVE_LIMIT_EXCEEDED.
 */
export async function parseMsg(bytes: Uint8Array, fileName: string, options: EmailParseOptions = {}): Promise<ParsedEmail> {
  const limits = checkEmailEnvelope(bytes, fileName, options);
  if (!isSafeCompoundFile(bytes)) throw new AppError('EMAIL_UNREADABLE', { file: fileName });
  const MsgReader = await msgReaderClass();
  let opened: OpenedMsg;
  let html: string;
  let attachments: EmailAttachment[];
  try {
    opened = openWithCodePage(MsgReader, bytes);
    html = htmlBodyOf(opened.fields);
    attachments = attachmentsOf(opened, html, fileName, limits);
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError('EMAIL_UNREADABLE', { file: fileName }, { cause: error });
  }
  const { fields } = opened;
  // Received mail keeps its Internet headers: they supply what the MAPI properties lack (Reply-To
  // always, and the SMTP sender when the properties only hold an Exchange name).
  const headers = await transportHeaders(fields.headers);
  const sender = senderOf(fields);
  // The recipient table is authoritative when there is one; the headers stand in only without it.
  const hasRecipients = (fields.recipients ?? []).length > 0;
  let body = fields.body ?? '';
  if (body.trim() === '' && html !== '') body = await htmlToPlainText(html, limits.maxHtmlChars);
  if (body.trim() === '' && fields.compressedRtf !== undefined) body = await rtfBodyAsText(fields.compressedRtf, limits.maxHtmlChars);
  const date = isoDate(fields.clientSubmitTime) ?? isoDate(fields.messageDeliveryTime) ?? (headers && headerDate(headers.headerLines));
  const messageId = cleanHeaderText(fields.messageId ?? headers?.messageId, MAX_TEXT_CHARS);
  const parsed: ParsedEmail = {
    format: 'msg',
    subject: cleanHeaderText(fields.subject ?? headers?.subject, MAX_TEXT_CHARS),
    from: sender !== undefined ? [sender] : headerAddresses(headers?.from),
    to: hasRecipients ? recipientsOf(fields, 'to') : headerAddresses(headers?.to),
    cc: hasRecipients ? recipientsOf(fields, 'cc') : headerAddresses(headers?.cc),
    replyTo: headerAddresses(headers?.replyTo),
    ...(date === undefined ? {} : { date }),
    ...(messageId === '' ? {} : { messageId }),
    bodyText: truncateText(body.replace(/\r\n?/g, '\n').trim(), limits.maxBodyChars),
    attachments,
  };
  return expandTnefAttachments(parsed, fileName, limits);
}
