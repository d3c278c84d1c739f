/** Longest attachment file name kept, in characters (code points), extension included. */
export const MAX_ATTACHMENT_NAME_CHARS = 200;

// One table both ways: the extension a content type gets when the mail names no file, and the
// content type a name implies when the mail (or an Outlook attachment) declares none.
const typesByExtension: ReadonlyArray<readonly [string, string]> = [
  ['pdf', 'application/pdf'],
  ['docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
  ['xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
  ['pptx', 'application/vnd.openxmlformats-officedocument.presentationml.presentation'],
  ['doc', 'application/msword'],
  ['xls', 'application/vnd.ms-excel'],
  ['ppt', 'application/vnd.ms-powerpoint'],
  ['rtf', 'application/rtf'],
  ['ofd', 'application/ofd'],
  ['txt', 'text/plain'],
  ['md', 'text/markdown'],
  ['csv', 'text/csv'],
  ['html', 'text/html'],
  ['htm', 'text/html'],
  ['ics', 'text/calendar'],
  ['xml', 'application/xml'],
  ['json', 'application/json'],
  ['png', 'image/png'],
  ['jpg', 'image/jpeg'],
  ['jpeg', 'image/jpeg'],
  ['tif', 'image/tiff'],
  ['tiff', 'image/tiff'],
  ['gif', 'image/gif'],
  ['bmp', 'image/bmp'],
  ['webp', 'image/webp'],
  ['eml', 'message/rfc822'],
  ['msg', 'application/vnd.ms-outlook'],
  ['zip', 'application/zip'],
];

const extensionByType = new Map<string, string>();
for (const [extension, type] of typesByExtension) if (!extensionByType.has(type)) extensionByType.set(type, extension);
const typeByExtension = new Map<string, string>(typesByExtension);

/** The declared MIME type reduced to `type/subtype` in lower case; '' when there is none. */
export function normaliseContentType(value: string | undefined): string {
  const type = (value ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  return /^[a-z0-9!#$&^_.+-]+\/[a-z0-9!#$&^_.+-]+$/.test(type) ? type : '';
}

/** Lower-case extension of a base name without the dot ('' when there is none). */
function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
}

/** The MIME type a file name implies ('application/octet-stream' when the extension is unknown). */
export function contentTypeForName(name: string): string {
  return typeByExtension.get(extensionOf(name)) ?? 'application/octet-stream';
}

// C0 and C1 controls, DEL, and the invisible characters that can disguise an extension:
// bidirectional overrides ("invoice\u202Efdp.exe" shows as "invoiceexe.pdf"), zero-width
// characters and the byte-order mark.
const invisible = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g;
// Characters Windows refuses in file names; the user may export the attachment there later.
const forbiddenOnWindows = /[<>:"|?*]/g;
const reservedOnWindows = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])$/i;

function truncateKeepingExtension(name: string): string {
  const chars = Array.from(name);
  if (chars.length <= MAX_ATTACHMENT_NAME_CHARS) return name;
  const dot = name.lastIndexOf('.');
  const extension = dot > 0 ? Array.from(name.slice(dot)) : [];
  // An "extension" longer than a few dozen characters is just a dot inside a long name.
  if (extension.length === 0 || extension.length > 20) return chars.slice(0, MAX_ATTACHMENT_NAME_CHARS).join('').trim();
  const stem = Array.from(name.slice(0, dot)).slice(0, MAX_ATTACHMENT_NAME_CHARS - extension.length);
  return stem.join('').trim() + extension.join('');
}

function trimDotsAndSpaces(name: string): string {
  // A loop, not /[. ]+$/: that regex retries every start position of a long run of dots that is
  // not at the end, which is quadratic on a hostile name.
  let start = 0;
  let end = name.length;
  while (start < end && (name[start] === '.' || name[start] === ' ')) start++;
  while (end > start && (name[end - 1] === '.' || name[end - 1] === ' ')) end--;
  return name.slice(start, end);
}

/** A file name safe to store and to show: base name only, no control or invisible characters, at most 200 characters; '' if nothing is left. */
export function sanitiseAttachmentName(raw: string): string {
  const cleaned = raw.normalize('NFC').replace(invisible, '');
  // Both separators, whatever the sender's OS: "../../evil.pdf" and "C:\\x\\evil.pdf" keep only "evil.pdf".
  const base = (cleaned.split(/[\\/]/).pop() ?? '').replace(forbiddenOnWindows, '_');
  // Leading dots hide a file on Unix; trailing dots and spaces are dropped by Windows.
  let name = trimDotsAndSpaces(base.trim());
  if (name === '') return '';
  const stem = name.split('.')[0] ?? '';
  if (reservedOnWindows.test(stem.trim())) name = `_${name}`;
  return truncateKeepingExtension(name);
}

/**
 * The name an attachment is stored under: the sender's name sanitised, or `attachment-<n>.<ext>`
 * when it had none; an extension implied by the content type is added when the name has none,
 * and an attached message always ends in `.eml` (MIME) or `.msg` (Outlook) so it is read as a mail.
 */
export function attachmentFileName(raw: string | undefined, contentType: string, position: number): string {
  let name = sanitiseAttachmentName(raw ?? '');
  const implied = extensionByType.get(contentType);
  if (name === '') return `attachment-${position}.${implied ?? 'bin'}`;
  const extension = extensionOf(name);
  const mustBe = contentType === 'message/rfc822' ? 'eml' : contentType === 'application/vnd.ms-outlook' ? 'msg' : undefined;
  if (mustBe !== undefined && extension !== mustBe) name = truncateKeepingExtension(`${name}.${mustBe}`);
  else if (extension === '' && implied !== undefined) name = truncateKeepingExtension(`${name}.${implied}`);
  return name;
}
