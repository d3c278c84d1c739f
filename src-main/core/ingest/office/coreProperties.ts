import type { ExtractedText } from '../extractor.ts';
import { readZipEntryText } from './zipGuard.ts';
import type { ZipLimits } from './zipGuard.ts';

/** docProps/core.xml holds a handful of short properties; anything bigger is not worth reading. */
export const MAX_CORE_PROPERTIES_BYTES = 64 * 1024;

// Titles are shown in lists and sent to search; a hostile file could put megabytes in one.
const MAX_METADATA_CHARS = 1000;

const namedEntities: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function decodeXmlText(raw: string): string {
  return raw.replace(/&(?:#x([0-9a-fA-F]{1,6})|#([0-9]{1,7})|([a-z]+));/g, (whole, hex?: string, dec?: string, name?: string) => {
    if (name !== undefined) return namedEntities[name] ?? whole;
    const code = hex !== undefined ? parseInt(hex, 16) : Number(dec);
    return code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}

function clean(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  const text = decodeXmlText(raw).replace(/[\u0000-\u001f\u007f]+/g, ' ').trim().slice(0, MAX_METADATA_CHARS);
  return text === '' ? undefined : text;
}

/** Text of the first element with this local name, whatever namespace prefix the writer chose. */
function elementText(xml: string, localName: string): string | undefined {
  const match = new RegExp(`<(?:[\\w.-]+:)?${localName}(?:\\s[^>]*)?>([^<]*)</(?:[\\w.-]+:)?${localName}\\s*>`).exec(xml);
  return match?.[1];
}

/**
 * Title, author and creation date from the text of docProps/core.xml. A regex, not a parser: the
 * part is capped in size and the package guard has already refused any DTD, so no entity can hide here.
 */
export function parseCoreProperties(xml: string): ExtractedText['metadata'] {
  const title = clean(elementText(xml, 'title'));
  const author = clean(elementText(xml, 'creator'));
  const created = clean(elementText(xml, 'created'));
  const date = created === undefined ? undefined : new Date(created);
  const createdAt = date === undefined || Number.isNaN(date.getTime()) ? undefined : date.toISOString();
  return {
    ...(title === undefined ? {} : { title }),
    ...(author === undefined ? {} : { author }),
    ...(createdAt === undefined ? {} : { createdAt }),
  };
}

/** Document properties of an OOXML package; empty when the part is missing, oversized or unreadable. */
export async function readCoreProperties(bytes: Uint8Array, fileName: string, limits: Partial<ZipLimits>): Promise<ExtractedText['metadata']> {
  try {
    const xml = await readZipEntryText(bytes, 'docProps/core.xml', MAX_CORE_PROPERTIES_BYTES, { fileName, limits });
    return xml === null ? {} : parseCoreProperties(xml);
  } catch {
    // Broken document properties are no reason to lose the text.
    return {};
  }
}
