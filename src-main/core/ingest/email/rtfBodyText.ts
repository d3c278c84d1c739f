import { decompressRTF } from '@kenjiuno/decompressrtf';
import iconv from 'iconv-lite';
import { htmlToPlainText } from './htmlBodyText.ts';
import { DeEncapsulate, Tokenize } from 'rtf-stream-parser';
import type { Token } from 'rtf-stream-parser/dist/src/tokenize.js';
import { ToPlainText } from 'rtf-stream-parser/dist/src/ToPlainText.js';
import type { FeatureHandler } from 'rtf-stream-parser/dist/src/features/types.js';
import type { ProcessTokensGlobalState } from 'rtf-stream-parser/dist/src/ProcessTokens.types.js';

/** What an Outlook RTF body holds once unwrapped: HTML or text Outlook encapsulated, or the RTF's own text. */
export type RtfBody = { kind: 'html'; html: string } | { kind: 'text'; text: string };

const COMPRESSED = 0x75465a4c; // "LZFu"
const UNCOMPRESSED = 0x414c454d; // "MELA"
const HEADER_BYTES = 16;
/**
 * The decompressor builds its output in a plain JS array (8 bytes a byte) and LZFu expands at most
 * ~8.5 times, so a 2 MiB PR_RTF_COMPRESSED costs at most ~150 MB of the worker's heap. Bodies
 * are a few kilobytes; larger ones hold pictures, whose text we would not keep anyway.
 */
const MAX_COMPRESSED_BYTES = 2 * 1024 * 1024;

/** Bodies whose RTF is larger are skipped: text that size would be cut by the body limit anyway. */
const MAX_RTF_BYTES = 4 * 1024 * 1024;
/**
 * rtf-stream-parser keeps one state object per open group, chained by prototype, so each lookup walks the
 * nesting: 400,000 nested groups take 6 s. Real documents nest a few dozen deep.
 */
const MAX_GROUP_DEPTH = 256;

/** Whether the RTF's `{`...`}` groups nest no deeper than the limit (escaped braces `\{` `\}` are text). */
function nestsWithinLimit(rtf: Buffer): boolean {
  let depth = 0;
  for (let i = 0; i < rtf.length; i++) {
    const byte = rtf[i];
    if (byte === 0x5c) i++; // a backslash escapes the next byte
    else if (byte === 0x7b && ++depth > MAX_GROUP_DEPTH) return false;
    else if (byte === 0x7d) depth--;
  }
  return true;
}

/**
 * Destinations whose content is not body text but which RTF does not mark ignorable with \*:
 * document properties (\info holds title and author), pictures (hex data) and embedded objects.
 */
const nonTextDestinations = ['info', 'pict', 'object', 'objdata', 'datafield', 'fldinst', 'xe', 'tc'] as const;

const skipNonTextDestinations: FeatureHandler<ProcessTokensGlobalState> = {
  outputDataFilter: (global) => {
    const inside = global._state.allDestinations;
    if (inside === undefined) return undefined;
    return nonTextDestinations.some((name) => inside[name] === true) ? true : undefined;
  },
};

/** Plain text of a non-encapsulated RTF document: rtf-stream-parser's converter, minus the destinations above. */
class RtfDocumentText extends ToPlainText {
  constructor(processOptions: ConstructorParameters<typeof ToPlainText>[0]) {
    super(processOptions);
    this._featureHandlers.push(skipNonTextDestinations);
  }
}

function decode(bytes: Buffer, encoding: string): string {
  // RTF names code pages as "cp936", "cp1252", ...; one iconv-lite does not know falls back to Latin-1
  // rather than failing the whole mail.
  return iconv.decode(bytes, iconv.encodingExists(encoding) ? encoding : 'latin1');
}

const options = { decode, warn: () => undefined } as const;

/** Feeds RTF through the tokenizer into one processor synchronously, as rtf-stream-parser's own deEncapsulateSync does. */
function runSync(rtf: Buffer, processor: DeEncapsulate | ToPlainText): string {
  const fail = (error?: Error | null): void => {
    if (error !== undefined && error !== null) throw error;
  };
  const tokenizer = new Tokenize();
  tokenizer.push = (token: Token) => {
    processor._transform(token, 'utf8', fail);
    return true;
  };
  const chunks: string[] = [];
  processor.push = (piece: unknown) => {
    if (typeof piece === 'string') chunks.push(piece);
    return true;
  };
  tokenizer._transform(rtf, 'utf8', fail);
  tokenizer._flush(fail);
  processor._flush(fail);
  return chunks.join('');
}

/** The RTF bytes of PR_RTF_COMPRESSED, or undefined when the property is damaged, hostile or oversized. */
export function decompressOutlookRtf(compressed: Uint8Array): Buffer | undefined {
  if (compressed.length < HEADER_BYTES || compressed.length > MAX_COMPRESSED_BYTES) return undefined;
  const view = new DataView(compressed.buffer, compressed.byteOffset, compressed.byteLength);
  const compressedSize = view.getUint32(0, true);
  const rawSize = view.getUint32(4, true);
  const type = view.getUint32(8, true);
  // decompressRTF trusts the header's size and reads past the end as zeros: a forged size would
  // make it spin producing gigabytes, so the header must describe exactly the bytes we have.
  if (compressedSize + 4 !== compressed.length) return undefined;
  if (type === UNCOMPRESSED && rawSize > compressed.length - HEADER_BYTES) return undefined;
  if (type !== COMPRESSED && type !== UNCOMPRESSED) return undefined;
  try {
    return Buffer.from(decompressRTF(Array.from(compressed)));
  } catch {
    return undefined;
  }
}

/**
 * The body an Outlook item keeps only as compressed RTF (older Outlook, "Rich Text" mails):
 * HTML or text Outlook wrapped in RTF is unwrapped, any other RTF is converted to its text.
 * Undefined when there is nothing usable; a broken body never fails the mail.
 */
export function rtfBody(compressed: Uint8Array): RtfBody | undefined {
  const rtf = decompressOutlookRtf(compressed);
  if (rtf === undefined || rtf.length > MAX_RTF_BYTES || !nestsWithinLimit(rtf)) return undefined;
  try {
    const unwrapper = new DeEncapsulate({ ...options, mode: 'either' });
    const unwrapped = runSync(rtf, unwrapper);
    return unwrapper.isHtml ? { kind: 'html', html: unwrapped } : { kind: 'text', text: unwrapped };
  } catch {
    // Not encapsulated: a document written as RTF.
  }
  try {
    return { kind: 'text', text: runSync(rtf, new RtfDocumentText(options)) };
  } catch {
    return undefined;
  }
}

/** The text of a body kept only as compressed RTF ('' when it is unusable). */
export async function rtfBodyAsText(compressed: Uint8Array, maxHtmlChars: number): Promise<string> {
  const body = rtfBody(compressed);
  if (body === undefined) return '';
  return body.kind === 'html' ? htmlToPlainText(body.html, maxHtmlChars) : body.text;
}
