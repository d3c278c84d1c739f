import { fileExtension, HEAD_BYTES } from '../formatDetection.ts';
import { hasCompoundFileSignature } from './compoundFileCheck.ts';
import type { ParsedEmail } from './parsedEmail.ts';

// Fields of which a real message header has at least one; Subject/To/Date alone are too common
// at the top of ordinary notes and memos.
const originFields: ReadonlySet<string> = new Set(['from', 'received', 'mime-version', 'message-id', 'return-path', 'delivered-to']);
const messageFields: ReadonlySet<string> = new Set([...originFields, 'to', 'cc', 'subject', 'date', 'reply-to', 'sender', 'content-type']);
// RFC 5322 field name: printable ASCII except the colon, then the colon.
const fieldLine = /^([\x21-\x39\x3b-\x7e]{1,128}):/;

/**
 * Whether the first KiB reads as an RFC 822 header block: every complete line up to the first
 * blank one is a field or a folded continuation, at least two known fields appear, one of them
 * says where the mail came from (From, Received, MIME-Version, ...), and an address is in sight.
 */
export function hasMessageHeaderShape(head: Uint8Array): boolean {
  const text = Buffer.from(head.subarray(0, HEAD_BYTES)).toString('latin1');
  const lines = text.split('\n');
  // The last line may be cut off by the 1 KiB window; judge only complete ones.
  if (lines.length > 1) lines.pop();
  // mbox files and some exports start with an envelope line "From sender date", without a colon.
  if (lines[0]?.startsWith('From ')) lines.shift();
  const found = new Set<string>();
  let sawAddress = false;
  for (const [index, rawLine] of lines.entries()) {
    const line = rawLine.endsWith('\r') ? rawLine.slice(0, -1) : rawLine;
    if (line === '') break;
    if (line.includes('\u0000')) return false;
    if (index > 0 && (line.startsWith(' ') || line.startsWith('\t'))) continue;
    const name = fieldLine.exec(line)?.[1]?.toLowerCase();
    if (name === undefined) return false;
    if (messageFields.has(name)) found.add(name);
    if (line.includes('@')) sawAddress = true;
  }
  return found.size >= 2 && [...found].some((name) => originFields.has(name)) && sawAddress;
}

/** Which e-mail container a file is, from its name and first KiB: 'eml' (MIME text), 'msg' (Outlook), or undefined. */
export function emailFormatOf(fileName: string, head: Uint8Array): 'eml' | 'msg' | undefined {
  // The header shape wins over the name: some tools save plain MIME messages as .msg.
  if (hasMessageHeaderShape(head)) return 'eml';
  const extension = fileExtension(fileName);
  // The CFB signature alone is shared with legacy .doc/.xls, so an Outlook item needs its name too.
  if (extension === 'msg' && hasCompoundFileSignature(head)) return 'msg';
  // A file named .eml is claimed whatever it holds, so a damaged one is refused as an unreadable
  // e-mail rather than as an unknown format.
  if (extension === 'eml') return 'eml';
  return undefined;
}

/** Whether the file is an e-mail this module reads (.eml by name or by header shape, .msg by name and CFB signature). */
export function isEmail(fileName: string, head: Uint8Array): boolean {
  return emailFormatOf(fileName, head) !== undefined;
}

/** Every address the mail names in From, To, Cc and Reply-To, once each, lower-cased: the keys for finding its customer. */
export function emailAddressesOf(mail: ParsedEmail): string[] {
  return [...new Set([...mail.from, ...mail.to, ...mail.cc, ...mail.replyTo].map((entry) => entry.address))];
}
