import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../../src-shared/api/appError.ts';
import { DtdDeclarationScanner, assertNoXmlEntities, declaresDtd } from '../../../../src-main/core/ingest/office/xmlEntityGuard.ts';
import { readZipEntries } from '../../../fixtures/office/zipBuilder.ts';
import { plainDocx, plainXlsx } from '../../../fixtures/office/hostileOffice.ts';

const prolog = '<?xml version="1.0" encoding="UTF-8"?>\n';
const laughs = `${prolog}<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]><lolz>&lol2;</lolz>`;

function utf16be(text: string): Uint8Array {
  const le = Buffer.from(text, 'utf16le');
  return le.swap16();
}

describe('declaresDtd', () => {
  it('finds DOCTYPE and ENTITY declarations in any case and with whitespace after <!', () => {
    expect(declaresDtd(laughs)).toBe(true);
    expect(declaresDtd(`${prolog}<!doctype x><x/>`)).toBe(true);
    expect(declaresDtd(`${prolog}<!DocType x><x/>`)).toBe(true);
    expect(declaresDtd(`${prolog}<! \t\r\n DOCTYPE x><x/>`)).toBe(true);
    expect(declaresDtd('<!ENTITY x SYSTEM "file:///etc/passwd">')).toBe(true);
    expect(declaresDtd('<<!entity')).toBe(true);
  });

  it('finds them in UTF-16 LE and BE, with or without a byte-order mark, and in UTF-32', () => {
    expect(declaresDtd(Buffer.from(`\uFEFF${laughs}`, 'utf16le'))).toBe(true);
    expect(declaresDtd(Buffer.from(laughs, 'utf16le'))).toBe(true);
    expect(declaresDtd(utf16be(`\uFEFF${laughs}`))).toBe(true);
    expect(declaresDtd(utf16be(laughs))).toBe(true);
    const utf32 = new Uint8Array(new Uint32Array(Array.from(laughs, (c) => c.codePointAt(0) ?? 0)).buffer);
    expect(declaresDtd(utf32)).toBe(true);
  });

  it('finds a declaration split across chunks at every position', () => {
    const bytes = Buffer.from(`${prolog}<!  DOCTYPE x><x/>`, 'utf16le');
    for (let cut = 0; cut <= bytes.length; cut++) {
      const scanner = new DtdDeclarationScanner();
      scanner.push(bytes.subarray(0, cut));
      expect(scanner.push(bytes.subarray(cut)), `cut at ${cut}`).toBe(true);
      expect(scanner.found).toBe(true);
    }
    const byteByByte = new DtdDeclarationScanner();
    for (const byte of Buffer.from(laughs)) byteByByte.push(Uint8Array.of(byte));
    expect(byteByByte.found).toBe(true);
  });

  it('does not fire on comments, CDATA, processing instructions or near misses', () => {
    expect(declaresDtd(`${prolog}<!-- a comment --><x><![CDATA[<b>]]></x>`)).toBe(false);
    expect(declaresDtd(`${prolog}<x>&lt;!DOCTYPE is escaped here</x>`)).toBe(false);
    expect(declaresDtd(`${prolog}<x>DOCTYPE ENTITY <! <!DOCTYP <!ENTIT</x>`)).toBe(false);
    expect(declaresDtd('')).toBe(false);
  });

  it('passes every part of the DOCX and XLSX files we generate, and 16 MB of random bytes', async () => {
    for (const { name, data } of [...(await readZipEntries(await plainDocx())), ...(await readZipEntries(await plainXlsx()))]) {
      expect(declaresDtd(data), name).toBe(false);
    }
    // Binary parts (images, embedded objects) are scanned too; a false alarm would need these letters in sequence.
    expect(declaresDtd(randomBytes(16 * 1024 * 1024))).toBe(false);
  });
});

describe('assertNoXmlEntities', () => {
  it('refuses with XML_ENTITY_REFUSED naming the file, and lets clean XML through', () => {
    expect(() => assertNoXmlEntities(`${prolog}<x/>`, 'a.docx')).not.toThrow();
    try {
      assertNoXmlEntities(laughs, '合同.docx');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe('XML_ENTITY_REFUSED');
      expect((error as AppError).params).toEqual({ file: '合同.docx' });
    }
  });
});
