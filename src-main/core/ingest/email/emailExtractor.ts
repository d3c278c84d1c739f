import type { ExtractedText, Extractor } from '../extractor.ts';
import { emailFormatOf } from './emailDetection.ts';
import { parseEml } from './emlParser.ts';
import { parseMsg } from './msgParser.ts';
import type { Address, ParsedEmail } from './parsedEmail.ts';

const mimeByFormat = { eml: 'message/rfc822', msg: 'application/vnd.ms-outlook' } as const;

function formatAddress(entry: Address): string {
  return entry.name === undefined ? entry.address : `${entry.name} <${entry.address}>`;
}

/**
 * The searchable record of a mail: a header summary (Subject, From, To, Cc, Date and the names of
 * its attachments) and the body, as one page. The attachments themselves are imported as files
 * of their own; their names are here so that searching for one also finds the mail it came in.
 */
export function emailRecordText(mail: ParsedEmail): ExtractedText {
  const files = mail.attachments.filter((attachment) => !attachment.inline).map((attachment) => attachment.fileName);
  const summary = [
    `Subject: ${mail.subject}`,
    `From: ${mail.from.map(formatAddress).join(', ')}`,
    `To: ${mail.to.map(formatAddress).join(', ')}`,
    ...(mail.cc.length > 0 ? [`Cc: ${mail.cc.map(formatAddress).join(', ')}`] : []),
    ...(mail.date === undefined ? [] : [`Date: ${mail.date}`]),
    ...(files.length > 0 ? [`Attachments: ${files.join(', ')}`] : []),
  ];
  const author = mail.from[0];
  return {
    format: mail.format,
    mime: mimeByFormat[mail.format],
    pages: [`${summary.join('\n')}\n\n${mail.bodyText}`.trimEnd()],
    metadata: {
      ...(mail.subject === '' ? {} : { title: mail.subject }),
      ...(author === undefined ? {} : { author: formatAddress(author) }),
      ...(mail.date === undefined ? {} : { createdAt: mail.date }),
    },
  };
}

/** MIME messages (.eml, or any file whose first KiB is an RFC 822 header); the text is the mail itself, attachments are not extracted. */
export const emlExtractor: Extractor = {
  format: 'eml',
  mime: mimeByFormat.eml,
  matches: (fileName, head) => emailFormatOf(fileName, head) === 'eml',
  extract: async (bytes, fileName) => emailRecordText(await parseEml(bytes, fileName)),
};

/** Outlook .msg items (by name and compound-file signature); the text is the mail itself, attachments are not extracted. */
export const msgExtractor: Extractor = {
  format: 'msg',
  mime: mimeByFormat.msg,
  matches: (fileName, head) => emailFormatOf(fileName, head) === 'msg',
  extract: async (bytes, fileName) => emailRecordText(await parseMsg(bytes, fileName)),
};
