import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_ZIP_LIMITS,
  ZipStructureError,
  inspectZip,
  readZipEntryText,
  scanZipEntries,
} from '../../../../src-main/core/ingest/office/zipGuard.ts';
import {
  encryptedEntryDocx,
  lyingZipBombDocx,
  manyEntriesDocx,
  overlappingEntriesDocx,
  plainDocx,
  truncatedDocx,
  unsafePathDocx,
  zipBombDocx,
} from '../../../fixtures/office/hostileOffice.ts';
import { buildZip, deflatedEntry, storedEntry, zerosEntry } from '../../../fixtures/office/zipBuilder.ts';
import { refusal } from './measure.ts';
import { reasonText } from '../../../helpers/reasonText.ts';

async function structureError(work: Promise<unknown>): Promise<ZipStructureError> {
  try {
    await work;
  } catch (error) {
    if (error instanceof ZipStructureError) return error;
    throw error;
  }
  throw new Error('expected a ZipStructureError');
}

describe('inspectZip', () => {
  it('lists the entries of a genuine DOCX with their declared sizes', async () => {
    const entries = await inspectZip(await plainDocx(), 'a.docx');
    const document = entries.find((e) => e.name === 'word/document.xml');
    expect(document?.uncompressedSize).toBeGreaterThan(document?.compressedSize ?? Infinity);
    expect(entries.map((e) => e.name)).toContain('[Content_Types].xml');
  });

  it('has the documented defaults', () => {
    expect(DEFAULT_ZIP_LIMITS).toEqual({
      maxEntries: 2000,
      maxTotalUncompressedBytes: 200 * 1024 * 1024,
      maxCompressionRatio: 200,
      ratioAppliesAboveBytes: 1024 * 1024,
    });
  });

  it('refuses too many entries before reading them, and honours a custom limit', async () => {
    const many = await refusal(inspectZip(await manyEntriesDocx(5000), 'many.docx'));
    expect(many.code).toBe('ARCHIVE_LIMIT_EXCEEDED');
    expect(many.params['file']).toBe('many.docx');
    expect(reasonText(many)).toBe('the package has 5000 entries (limit 2000)');
    const docx = await plainDocx();
    const count = (await inspectZip(docx, 'a.docx')).length;
    await expect(inspectZip(docx, 'a.docx', { maxEntries: count })).resolves.toHaveLength(count);
    expect((await refusal(inspectZip(docx, 'a.docx', { maxEntries: count - 1 }))).code).toBe('ARCHIVE_LIMIT_EXCEEDED');
  });

  it('refuses a compression ratio over 200:1 above 1 MiB, and exempts smaller entries', async () => {
    const bomb = await refusal(inspectZip(await zipBombDocx(300), 'bomb.docx'));
    expect(reasonText(bomb)).toMatch(/^entry "word\/media\/zeros.bin" is compressed \d+:1 \(limit 200:1\)$/);
    // 1 MiB of zeros compresses ~1000:1 but is not over the 1 MiB threshold.
    await expect(inspectZip(buildZip([zerosEntry('small.bin', 1)]), 'ok.zip')).resolves.toHaveLength(1);
    const justOver = { ...deflatedEntry('over.bin', Buffer.alloc(1024 * 1024 + 1)) };
    expect((await refusal(inspectZip(buildZip([justOver]), 'x.zip'))).code).toBe('ARCHIVE_LIMIT_EXCEEDED');
  });

  it('refuses a declared total over the limit even when every ratio is modest', async () => {
    const text = randomBytes(3 * 1024 * 1024); // incompressible: ratio ~1:1
    const zip = buildZip([deflatedEntry('a.txt', text), deflatedEntry('b.txt', text)]);
    const error = await refusal(inspectZip(zip, 'big.zip', { maxTotalUncompressedBytes: 5 * 1024 * 1024 }));
    expect(reasonText(error)).toBe('its entries would inflate to at least 6.0 MiB (limit 5.0 MiB)');
  });

  it.each([
    ['../evil', 'entry path "../evil" leaves the archive'],
    ['word/../../evil', 'entry path "word/../../evil" leaves the archive'],
    ['..\\evil', 'entry path "../evil" leaves the archive'],
    ['/etc/passwd', 'entry "/etc/passwd" has an absolute path'],
    ['C:/Windows/evil.dll', 'entry "C:/Windows/evil.dll" has an absolute path'],
  ])('refuses the unsafe entry path %s', async (path, detail) => {
    const error = await refusal(inspectZip(await unsafePathDocx(path), 'p.docx'));
    expect(error.code).toBe('ARCHIVE_LIMIT_EXCEEDED');
    expect(reasonText(error)).toBe(detail);
  });

  it('refuses encrypted entries, traditional and strong', async () => {
    expect(reasonText(await refusal(inspectZip(await encryptedEntryDocx(false), 'e.docx')))).toBe('entry "word/document.xml" is encrypted');
    expect(reasonText(await refusal(inspectZip(await encryptedEntryDocx(true), 'e.docx')))).toBe('the package is encrypted');
  });

  it('refuses entries that share data (a non-recursive zip bomb)', async () => {
    expect(reasonText(await refusal(inspectZip(await overlappingEntriesDocx(), 'o.docx')))).toBe('entries overlap');
  });

  it('throws ZipStructureError for what is no ZIP, a truncated ZIP, ZIP64 and misplaced directories', async () => {
    await structureError(inspectZip(Buffer.from('%PDF-1.7 not a zip'), 'x.docx'));
    await structureError(inspectZip(await truncatedDocx(0.5), 't.docx'));
    const zip = buildZip([storedEntry('a.txt', 'a')]);
    // The end record's entry count saturated: JSZip would go looking for a ZIP64 record yauzl never reads.
    const saturated = Buffer.from(zip);
    saturated.writeUInt16LE(0xffff, saturated.length - 22 + 8);
    saturated.writeUInt16LE(0xffff, saturated.length - 22 + 10);
    expect((await structureError(inspectZip(saturated, 'z.zip'))).message).toMatch(/not a readable ZIP|ZIP64/);
    // Junk before the archive: JSZip would shift every offset to compensate, yauzl would not.
    await structureError(inspectZip(Buffer.concat([Buffer.from('junk'), zip]), 'j.zip'));
    // Extra bytes between the central directory and the end record.
    const centralStart = zip.readUInt32LE(zip.length - 22 + 16);
    const centralSize = zip.readUInt32LE(zip.length - 22 + 12);
    const gap = Buffer.concat([zip.subarray(0, centralStart + centralSize), Buffer.alloc(46), zip.subarray(centralStart + centralSize)]);
    expect((await structureError(inspectZip(gap, 'g.zip'))).message).toBe('the central directory is not where the end record says');
  });
});

describe('scanZipEntries', () => {
  it('inflates each entry once, streaming, and stops a lying entry as soon as it outgrows its declared size', async () => {
    const seen = new Map<string, number>();
    await scanZipEntries(await plainDocx(), 'a.docx', (info) => (chunk) => seen.set(info.name, (seen.get(info.name) ?? 0) + chunk.length));
    const entries = await inspectZip(await plainDocx(), 'a.docx');
    for (const entry of entries) expect(seen.get(entry.name) ?? 0, entry.name).toBe(entry.uncompressedSize);

    let inflated = 0;
    const error = await refusal(scanZipEntries(await lyingZipBombDocx(), 'lying.docx', () => (chunk) => (inflated += chunk.length)));
    expect(reasonText(error)).toBe('entry "word/document.xml" inflates to more than it declares');
    expect(inflated).toBeLessThan(2 * 1024 * 1024);
  });
});

describe('readZipEntryText', () => {
  it('reads one part as text, and returns null for a part that is not there', async () => {
    const docx = await plainDocx();
    expect(await readZipEntryText(docx, 'word/document.xml', 1024 * 1024)).toContain('上海示例贸易有限公司');
    expect(await readZipEntryText(docx, 'word/missing.xml', 1024)).toBeNull();
  });

  it('decodes UTF-16 parts by their byte-order mark', async () => {
    const zip = buildZip([deflatedEntry('a.xml', Buffer.from('\uFEFF<a>合同</a>', 'utf16le'))]);
    expect(await readZipEntryText(zip, 'a.xml', 1024)).toBe('<a>合同</a>');
  });

  it('refuses a part declared over the cap without inflating it, and a lying part once the cap is passed', async () => {
    const docx = await plainDocx();
    const declared = await refusal(readZipEntryText(docx, 'word/document.xml', 100, { fileName: 'a.docx' }));
    expect(declared.code).toBe('ARCHIVE_LIMIT_EXCEEDED');
    expect(declared.params['file']).toBe('a.docx');
    const lying = await refusal(readZipEntryText(await lyingZipBombDocx(), 'word/document.xml', 2 * 1024 * 1024));
    expect(reasonText(lying)).toBe('entry "word/document.xml" inflates to more than it declares');
  });
});
