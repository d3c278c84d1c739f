import { describe, expect, it } from 'vitest';
import type { ErrorCode } from '../../../../src-shared/api/errorCodes.ts';
import { defaultExtractors, extractText } from '../../../../src-main/core/ingest/extractorRegistry.ts';
import { officeExtractors } from '../../../../src-main/core/ingest/office/index.ts';
import { scanZipEntries } from '../../../../src-main/core/ingest/office/zipGuard.ts';
import * as hostile from '../../../fixtures/office/hostileOffice.ts';
import { buildZip, zerosEntry } from '../../../fixtures/office/zipBuilder.ts';
import { measure } from './measure.ts';

const allExtractors = [...defaultExtractors, ...officeExtractors];

// Bounds every hostile file must be refused within (README: DOCX/XLSX limits).
const MAX_MS = 2000;
const MAX_RSS_GROWTH_MB = 100;

const cases: readonly (readonly [string, string, ErrorCode, () => Promise<Uint8Array> | Uint8Array])[] = [
  ['zip bomb: 300 MiB of zeros declared', 'bomb.docx', 'ARCHIVE_LIMIT_EXCEEDED', () => hostile.zipBombDocx(300)],
  ['zip bomb: 300 MiB behind a directory claiming 1 MiB', 'lying.docx', 'ARCHIVE_LIMIT_EXCEEDED', () => hostile.lyingZipBombDocx()],
  ['zip bomb: 300 MiB behind a directory claiming 0 bytes', 'empty.docx', 'ARCHIVE_LIMIT_EXCEEDED', () => hostile.lyingZipBombDocx(0)],
  ['5,000 entries', 'many.docx', 'ARCHIVE_LIMIT_EXCEEDED', () => hostile.manyEntriesDocx(5000)],
  ['overlapping entries', 'overlap.docx', 'ARCHIVE_LIMIT_EXCEEDED', () => hostile.overlappingEntriesDocx()],
  ['billion laughs in document.xml', 'laughs.docx', 'XML_ENTITY_REFUSED', () => hostile.billionLaughsDocx()],
  ['DOCTYPE in UTF-16 without a BOM', 'utf16.docx', 'XML_ENTITY_REFUSED', () => hostile.utf16DoctypeDocx()],
  ['DOCTYPE in a part that is not .xml', 'odd.docx', 'XML_ENTITY_REFUSED', () => hostile.doctypeInOddPartDocx()],
  ['external entity to /etc/passwd in an XLSX', 'xxe.xlsx', 'XML_ENTITY_REFUSED', () => hostile.externalEntityXlsx()],
  ['../evil entry path', 'evil.docx', 'ARCHIVE_LIMIT_EXCEEDED', () => hostile.unsafePathDocx('../evil')],
  ['encrypted entry', 'enc.docx', 'ARCHIVE_LIMIT_EXCEEDED', () => hostile.encryptedEntryDocx()],
  ['truncated DOCX', 'cut.docx', 'DOCUMENT_UNREADABLE', () => hostile.truncatedDocx(0.6)],
  ['text renamed .docx', 'fake.docx', 'DOCUMENT_UNREADABLE', () => Buffer.from('合同正文，不是 DOCX')],
  ['OLE2 header named .doc', 'old.doc', 'LEGACY_OFFICE_FORMAT', () => hostile.ole2Header()],
  ['OLE2 header named .xls', 'old.xls', 'LEGACY_OFFICE_FORMAT', () => hostile.ole2Header()],
];

describe('hostile office files', () => {
  it.each(cases)('refuses %s (%s) with %s, in < 2 s and < 100 MB', async (_label, name, code, make) => {
    const bytes = await make();
    const { outcome, ms, peakRssGrowthMb } = await measure(() => extractText(bytes, name, allExtractors));
    expect('error' in outcome ? (outcome.error as { code?: unknown }).code : 'accepted').toBe(code);
    expect(ms).toBeLessThan(MAX_MS);
    expect(peakRssGrowthMb).toBeLessThan(MAX_RSS_GROWTH_MB);
  });

  it('reads a PDF renamed .docx as the PDF it is', async () => {
    const result = await extractText(await hostile.renamedPdf(), 'contract.docx', allExtractors);
    expect(result.format).toBe('pdf');
  });

  it('the bombs are real: the zeros inflate to what they declare once the limits allow it', async () => {
    let inflated = 0;
    await scanZipEntries(buildZip([zerosEntry('z.bin', 8)]), 'z.zip', () => (chunk) => (inflated += chunk.length), {
      maxCompressionRatio: 10_000,
    });
    expect(inflated).toBe(8 * 1024 * 1024);
  });

  it('stay small: every hostile file is under 1 MB', async () => {
    for (const [label, , , make] of cases) expect((await make()).length, label).toBeLessThan(1024 * 1024);
  });
});
