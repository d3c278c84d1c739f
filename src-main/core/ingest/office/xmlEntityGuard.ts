import { AppError } from '../../../../src-shared/api/appError.ts';

// Policy: no part of a DOCX/XLSX may declare a DTD. Office never writes one, and a DTD is what entity
// expansion ("billion laughs") and external entities (file:///etc/passwd) need. The XML parsers behind
// mammoth (@xmldom/xmldom) and exceljs (saxes) do not expand declared entities today, but refusing the
// declaration outright keeps us safe whatever a future version of either does.

const LT = 0x3c; // <
const BANG = 0x21; // !
const keywords = [new TextEncoder().encode('doctype'), new TextEncoder().encode('entity')] as const;

const IDLE = 0;
const AFTER_LT = 1;
const AFTER_BANG = 2;
const IN_KEYWORD = 3;

function isXmlSpace(byte: number): boolean {
  return byte === 0x20 || byte === 0x09 || byte === 0x0a || byte === 0x0d;
}

/**
 * Streaming detector of `<!DOCTYPE` and `<!ENTITY` in raw bytes, fed chunk by chunk so a part never
 * has to be held whole. Case-insensitive, tolerant of whitespace after `<!` (which lenient parsers
 * accept), and blind to NUL bytes so UTF-16 (LE or BE, with or without a byte-order mark) and UTF-32
 * are caught without decoding: their ASCII markup is the same bytes with NULs in between. Works on
 * any part, text or binary; a false alarm in binary data would need these exact letters in sequence.
 */
export class DtdDeclarationScanner {
  #state = IDLE;
  #keyword: Uint8Array | undefined;
  #matched = 0;
  #found = false;

  /** Whether a declaration has been seen so far. */
  get found(): boolean {
    return this.#found;
  }

  /** Scans the next chunk; returns true once a declaration has been seen (in this chunk or before). */
  push(chunk: Uint8Array): boolean {
    if (this.#found) return true;
    let i = 0;
    while (i < chunk.length) {
      if (this.#state === IDLE) {
        // The common case by far: jump to the next '<' with the native search.
        const next = chunk.indexOf(LT, i);
        if (next === -1) return false;
        this.#state = AFTER_LT;
        i = next + 1;
        continue;
      }
      const byte = chunk[i++] as number; // i < chunk.length, checked by the loop
      if (byte === 0) continue;
      if (this.#state === AFTER_LT) {
        this.#state = byte === BANG ? AFTER_BANG : byte === LT ? AFTER_LT : IDLE;
      } else if (this.#state === AFTER_BANG) {
        if (isXmlSpace(byte)) continue;
        // OR-ing 0x20 lower-cases ASCII letters; only 'D'/'d' map to 'd', and so on for each letter.
        this.#keyword = keywords.find((word) => word[0] === (byte | 0x20));
        if (this.#keyword) {
          this.#matched = 1;
          this.#state = IN_KEYWORD;
        } else {
          this.#state = byte === LT ? AFTER_LT : IDLE;
        }
      } else if (this.#keyword !== undefined && (byte | 0x20) === this.#keyword[this.#matched]) {
        this.#matched++;
        if (this.#matched === this.#keyword.length) {
          this.#found = true;
          return true;
        }
      } else {
        this.#state = byte === LT ? AFTER_LT : IDLE;
      }
    }
    return false;
  }
}

/** Whether the bytes (or text) contain a `<!DOCTYPE` or `<!ENTITY` declaration, in any encoding we accept. */
export function declaresDtd(content: Uint8Array | string): boolean {
  const bytes = typeof content === 'string' ? new TextEncoder().encode(content) : content;
  return new DtdDeclarationScanner().push(bytes);
}

/** Refuses with XML_ENTITY_REFUSED when the XML declares a DTD or an entity. */
export function assertNoXmlEntities(content: Uint8Array | string, fileName: string): void {
  if (declaresDtd(content)) throw new AppError('XML_ENTITY_REFUSED', { file: fileName });
}
