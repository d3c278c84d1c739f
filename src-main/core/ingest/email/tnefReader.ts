import iconv from 'iconv-lite';

/** One file carried inside a TNEF stream (winmail.dat). */
export interface TnefFile {
  /** The long file name when Outlook recorded one, else the 8.3 title; may be empty. */
  fileName: string;
  /** PR_ATTACH_MIME_TAG, when present. */
  contentType?: string;
  bytes: Uint8Array;
}

/** What a TNEF stream holds that an import needs: its files and the message body Outlook moved into it. */
export interface TnefContent {
  files: TnefFile[];
  /** attBody or PR_BODY. */
  bodyText?: string;
  /** PR_HTML / PR_BODY_HTML, decoded. */
  bodyHtml?: string;
  /** PR_RTF_COMPRESSED, still compressed. */
  rtfCompressed?: Uint8Array;
}

const TNEF_SIGNATURE = 0x223e9f78;
const LEVEL_MESSAGE = 1;
const LEVEL_ATTACHMENT = 2;

// Attribute ids (MS-OXTNEF 2.1.3.2), the low 16 bits of the attribute tag.
const ATT_BODY = 0x800c;
const ATT_ATTACH_DATA = 0x800f;
const ATT_ATTACH_TITLE = 0x8010;
const ATT_ATTACH_REND_DATA = 0x9002;
const ATT_MSG_PROPS = 0x9003;
const ATT_ATTACHMENT = 0x9005;
const ATT_OEM_CODEPAGE = 0x9007;

// MAPI property ids and types used here.
const PR_BODY = 0x1000;
const PR_RTF_COMPRESSED = 0x1009;
const PR_HTML = 0x1013;
const PR_ATTACH_DATA = 0x3701;
const PR_ATTACH_FILENAME = 0x3704;
const PR_ATTACH_METHOD = 0x3705;
const PR_ATTACH_LONG_FILENAME = 0x3707;
const PR_ATTACH_MIME_TAG = 0x370e;
const ATTACH_EMBEDDED_MSG = 5;
const PT_STRING8 = 0x001e;
const PT_UNICODE = 0x001f;
const PT_BINARY = 0x0102;
const PT_OBJECT = 0x000d;
const MV_FLAG = 0x1000;
const fixedSizes: ReadonlyMap<number, number> = new Map([
  [0x0002, 4], [0x0003, 4], [0x0004, 4], [0x0005, 8], [0x0006, 8], [0x0007, 8], [0x000a, 4],
  [0x000b, 4], [0x0014, 8], [0x0040, 8], [0x0048, 16],
]);

/** A malformed stream: caught by readTnef, which then reports nothing rather than half a result. */
class TnefDamaged extends Error {}

/** A bounds-checked little-endian reader: every read past the end is damage, never a wrap or a zero. */
class Cursor {
  private position = 0;
  constructor(private readonly bytes: Uint8Array, private readonly view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)) {}
  get remaining(): number {
    return this.bytes.length - this.position;
  }
  private need(count: number): void {
    if (count < 0 || count > this.remaining) throw new TnefDamaged();
  }
  u8(): number {
    this.need(1);
    return this.view.getUint8(this.position++);
  }
  u16(): number {
    this.need(2);
    const value = this.view.getUint16(this.position, true);
    this.position += 2;
    return value;
  }
  u32(): number {
    this.need(4);
    const value = this.view.getUint32(this.position, true);
    this.position += 4;
    return value;
  }
  take(count: number): Uint8Array {
    this.need(count);
    const slice = this.bytes.subarray(this.position, this.position + count);
    this.position += count;
    return slice;
  }
  skip(count: number): void {
    this.need(count);
    this.position += count;
  }
}

interface MapiValue {
  type: number;
  value: Uint8Array;
}

function padding(length: number): number {
  return (4 - (length % 4)) % 4;
}

/** A MAPI property list (attMsgProps, attAttachment): the first value of each property, by id. */
function readProperties(data: Uint8Array): Map<number, MapiValue> {
  const cursor = new Cursor(data);
  const properties = new Map<number, MapiValue>();
  const count = cursor.u32();
  // Each property takes at least 8 bytes, so a forged count cannot make this loop outrun the data.
  if (count > data.length / 8) throw new TnefDamaged();
  for (let i = 0; i < count; i++) {
    const type = cursor.u16();
    const id = cursor.u16();
    if (id >= 0x8000) {
      // A named property: its GUID and a numeric id or a name, none of which an import needs.
      cursor.skip(16);
      const kind = cursor.u32();
      if (kind === 0) cursor.skip(4);
      else {
        const nameLength = cursor.u32();
        cursor.skip(nameLength + padding(nameLength));
      }
    }
    const baseType = type & ~MV_FLAG;
    const fixed = fixedSizes.get(baseType);
    const isVariable = baseType === PT_STRING8 || baseType === PT_UNICODE || baseType === PT_BINARY || baseType === PT_OBJECT;
    if (fixed === undefined && !isVariable) throw new TnefDamaged();
    const values = isVariable || (type & MV_FLAG) !== 0 ? cursor.u32() : 1;
    if (values > cursor.remaining / 4 + 1) throw new TnefDamaged();
    for (let v = 0; v < values; v++) {
      let value: Uint8Array;
      if (fixed !== undefined) value = cursor.take(fixed);
      else {
        const length = cursor.u32();
        value = cursor.take(length);
        cursor.skip(padding(length));
      }
      if (v === 0 && !properties.has(id)) properties.set(id, { type: baseType, value });
    }
  }
  return properties;
}

function zeroTerminated(bytes: Uint8Array, unit: 1 | 2): Uint8Array {
  for (let i = 0; i + unit <= bytes.length; i += unit) {
    if (bytes[i] === 0 && (unit === 1 || bytes[i + 1] === 0)) return bytes.subarray(0, i);
  }
  return bytes;
}

function ansiText(bytes: Uint8Array, codePage: string): string {
  return iconv.decode(Buffer.from(zeroTerminated(bytes, 1)), codePage);
}

function propertyText(property: MapiValue | undefined, codePage: string): string | undefined {
  if (property === undefined) return undefined;
  if (property.type === PT_UNICODE) return Buffer.from(zeroTerminated(property.value, 2)).toString('utf16le');
  if (property.type === PT_STRING8 || property.type === PT_BINARY) return ansiText(property.value, codePage);
  return undefined;
}

/** iconv-lite's name for the stream's ANSI code page (attOemCodepage), Windows-1252 when it names none it knows. */
function codePageName(data: Uint8Array): string {
  if (data.length < 4) return 'cp1252';
  const name = `cp${new DataView(data.buffer, data.byteOffset, 4).getUint32(0, true)}`;
  return iconv.encodingExists(name) ? name : 'cp1252';
}

/** PR_HTML is bytes in the HTML's own charset: UTF-8 when they are valid UTF-8, else the stream's code page. */
function htmlText(property: MapiValue | undefined, codePage: string): string | undefined {
  if (property?.type !== PT_BINARY) return propertyText(property, codePage);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(zeroTerminated(property.value, 1));
  } catch {
    return ansiText(property.value, codePage);
  }
}

interface AttachmentParts {
  title?: Uint8Array;
  data?: Uint8Array;
  properties?: Map<number, MapiValue>;
}

function toFile(parts: AttachmentParts, codePage: string): TnefFile | undefined {
  const properties = parts.properties ?? new Map<number, MapiValue>();
  const method = properties.get(PR_ATTACH_METHOD);
  // An attached Outlook item is a TNEF stream of its own inside an OLE object: not a document to file.
  if (method !== undefined && method.value.length >= 4 && new DataView(method.value.buffer, method.value.byteOffset, 4).getUint32(0, true) === ATTACH_EMBEDDED_MSG) return undefined;
  const dataProperty = properties.get(PR_ATTACH_DATA);
  const bytes = parts.data ?? (dataProperty?.type === PT_BINARY ? dataProperty.value : undefined);
  if (bytes === undefined) return undefined;
  const fileName =
    propertyText(properties.get(PR_ATTACH_LONG_FILENAME), codePage) ??
    propertyText(properties.get(PR_ATTACH_FILENAME), codePage) ??
    (parts.title === undefined ? '' : ansiText(parts.title, codePage));
  const contentType = propertyText(properties.get(PR_ATTACH_MIME_TAG), codePage);
  return { fileName, bytes: bytes.slice(), ...(contentType === undefined || contentType === '' ? {} : { contentType }) };
}

/** Whether these bytes begin with the TNEF signature. */
export function isTnef(bytes: Uint8Array): boolean {
  return bytes.length >= 6 && new DataView(bytes.buffer, bytes.byteOffset, 4).getUint32(0, true) === TNEF_SIGNATURE;
}

/**
 * Reads a TNEF stream (the winmail.dat Outlook sends in place of a mail's attachments) in memory.
 * Every length is checked against the bytes there are; a damaged stream gives undefined, so the
 * caller keeps winmail.dat itself rather than a partial list. Hand-written: see decision 0026.
 */
export function readTnef(bytes: Uint8Array): TnefContent | undefined {
  if (!isTnef(bytes)) return undefined;
  try {
    const cursor = new Cursor(bytes);
    cursor.skip(6); // signature and legacy key
    const attachments: AttachmentParts[] = [];
    const content: TnefContent = { files: [] };
    let codePage = 'cp1252';
    let messageBody: Uint8Array | undefined;
    let messageProperties: Map<number, MapiValue> | undefined;
    while (cursor.remaining > 0) {
      const level = cursor.u8();
      const id = cursor.u32() & 0xffff;
      const data = cursor.take(cursor.u32());
      cursor.skip(2); // checksum: a damaged byte shows in the file's own checks, not here
      if (level === LEVEL_MESSAGE) {
        if (id === ATT_OEM_CODEPAGE) codePage = codePageName(data);
        else if (id === ATT_BODY) messageBody = data;
        else if (id === ATT_MSG_PROPS) messageProperties = readProperties(data);
      } else if (level === LEVEL_ATTACHMENT) {
        if (id === ATT_ATTACH_REND_DATA) attachments.push({});
        const current = attachments[attachments.length - 1];
        if (current === undefined) continue;
        if (id === ATT_ATTACH_TITLE) current.title = data;
        else if (id === ATT_ATTACH_DATA) current.data = data;
        else if (id === ATT_ATTACHMENT) current.properties = readProperties(data);
      } else throw new TnefDamaged();
    }
    for (const parts of attachments) {
      const file = toFile(parts, codePage);
      if (file !== undefined) content.files.push(file);
    }
    const body = messageBody === undefined ? propertyText(messageProperties?.get(PR_BODY), codePage) : ansiText(messageBody, codePage);
    if (body !== undefined && body.trim() !== '') content.bodyText = body;
    const html = htmlText(messageProperties?.get(PR_HTML), codePage);
    if (html !== undefined && html.trim() !== '') content.bodyHtml = html;
    const rtf = messageProperties?.get(PR_RTF_COMPRESSED);
    if (rtf?.type === PT_BINARY) content.rtfCompressed = rtf.value;
    return content;
  } catch (error) {
    if (error instanceof TnefDamaged) return undefined;
    throw error;
  }
}
