import { describe, expect, it } from 'vitest';
import { defaultExtractors, extractText } from '../../../../src-main/core/ingest/extractorRegistry.ts';
import { HEAD_BYTES } from '../../../../src-main/core/ingest/formatDetection.ts';
import {
  DEFAULT_DOCX_MAX_MARKUP_BYTES,
  createDocxExtractor,
  docxExtractor,
} from '../../../../src-main/core/ingest/office/docxExtractor.ts';
import { officeExtractors } from '../../../../src-main/core/ingest/office/index.ts';
import { parseCoreProperties } from '../../../../src-main/core/ingest/office/coreProperties.ts';
import { makeDocx } from '../../../fixtures/office/makeDocx.ts';
import { plainXlsx, renamedPdf, truncatedDocx } from '../../../fixtures/office/hostileOffice.ts';
import { patchZip } from '../../../fixtures/office/zipBuilder.ts';
import { refusal } from './measure.ts';
import { reasonText } from '../../../helpers/reasonText.ts';

const allExtractors = [...defaultExtractors, ...officeExtractors];

const contract = [
  '采购合同',
  '合同编号：HT-2025-0001',
  '甲方：上海示例贸易有限公司',
  '乙方：北京示例科技有限公司',
  'This Purchase Agreement is made between Example Trading Co., Ltd. and Example Tech Ltd.',
  [
    ['品名', '数量', '金额（元）'],
    ['服务器 Server', '2', '120,000.00'],
  ],
  '本合同期限为三年，自2025年1月1日起至2027年12月31日止。',
] as const;

describe('docxExtractor', () => {
  it('reads Chinese and English paragraphs and table cells, in order, as one page', async () => {
    const bytes = await makeDocx(contract, { title: '采购合同 HT-2025-0001', author: '张三 Zhang San' });
    const result = await extractText(bytes, '采购合同.docx', allExtractors);
    expect(result.format).toBe('docx');
    expect(result.mime).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(result.pages).toHaveLength(1);
    expect(result.pageCount).toBeUndefined();
    const text = result.pages[0] ?? '';
    const expectedInOrder = [
      '采购合同', '合同编号：HT-2025-0001', '甲方：上海示例贸易有限公司', '乙方：北京示例科技有限公司',
      'This Purchase Agreement is made between Example Trading Co., Ltd. and Example Tech Ltd.',
      '品名', '数量', '金额（元）', '服务器 Server', '120,000.00', '本合同期限为三年，自2025年1月1日起至2027年12月31日止。',
    ];
    let from = 0;
    for (const piece of expectedInOrder) {
      const at = text.indexOf(piece, from);
      expect(at, piece).toBeGreaterThanOrEqual(from);
      from = at + piece.length;
    }
    expect(text).toBe(text.trimEnd());
  });

  it('reads title, author and creation date from docProps/core.xml', async () => {
    const before = Date.now();
    const result = await docxExtractor.extract(await makeDocx(['x'], { title: '采购合同 & <附件>', author: '张三' }), 'a.docx');
    expect(result.metadata.title).toBe('采购合同 & <附件>');
    expect(result.metadata.author).toBe('张三');
    // The docx package stamps the time of writing (to the second).
    const created = Date.parse(result.metadata.createdAt ?? '');
    expect(created).toBeGreaterThanOrEqual(before - 1000);
    expect(created).toBeLessThanOrEqual(Date.now());
  });

  it('parses core properties whatever the namespace prefixes, entities and junk', () => {
    const xml =
      '<cp:coreProperties xmlns:dc="x"><dc:title>A &amp; B &#x4E2D;&#25991;</dc:title><d:creator a="1">李四\n</d:creator>' +
      '<dcterms:created xsi:type="dcterms:W3CDTF">2024-03-05T06:07:08Z</dcterms:created></cp:coreProperties>';
    expect(parseCoreProperties(xml)).toEqual({ title: 'A & B 中文', author: '李四', createdAt: '2024-03-05T06:07:08.000Z' });
    expect(parseCoreProperties('<dc:title>   </dc:title><dcterms:created>not a date</dcterms:created>')).toEqual({});
    expect(parseCoreProperties(`<dc:title>${'长'.repeat(5000)}</dc:title>`).title).toHaveLength(1000);
  });

  it('truncates text over the cap and says so', async () => {
    const paragraphs = Array.from({ length: 200 }, (_, i) => `第${i + 1}条 甲方应当按约定付款。`);
    const extractor = createDocxExtractor({ maxTextChars: 1000 });
    const result = await extractor.extract(await makeDocx(paragraphs), 'long.docx');
    expect(result.pages[0]).toHaveLength(1000);
    expect(result.truncated).toBe(true);
    expect((await docxExtractor.extract(await makeDocx(paragraphs), 'long.docx')).truncated).toBeUndefined();
  });

  it('refuses a DOCX whose XML exceeds the markup cap before mammoth sees it', async () => {
    expect(DEFAULT_DOCX_MAX_MARKUP_BYTES).toBe(12 * 1024 * 1024);
    const bytes = await makeDocx(Array.from({ length: 300 }, (_, i) => `Clause ${i}`));
    const error = await refusal(createDocxExtractor({ maxMarkupBytes: 20_000 }).extract(bytes, 'big.docx'));
    expect(error.code).toBe('ARCHIVE_LIMIT_EXCEEDED');
    expect(error.params['file']).toBe('big.docx');
    expect(reasonText(error)).toBe('its XML parts exceed 19.5 KiB');
  });

  it('reports a macro-enabled document (.docm) by its content type and still reads its text', async () => {
    const docm = await patchZip(await makeDocx(['宏文档 Macro document']), (name, data) =>
      name === '[Content_Types].xml'
        ? data.toString('utf8').replace(
            'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml',
            'application/vnd.ms-word.document.macroEnabled.main+xml',
          )
        : undefined,
    );
    const result = await extractText(docm, 'macro.docm', allExtractors);
    expect(result.mime).toBe('application/vnd.ms-word.document.macroEnabled.12');
    expect(result.pages[0]).toBe('宏文档 Macro document');
  });

  it('claims DOCX by name or by the word/ parts in its head, and nothing else', async () => {
    const docx = await makeDocx(['x']);
    const head = docx.subarray(0, HEAD_BYTES);
    expect(docxExtractor.matches('', head)).toBe(true); // the head names word/ parts
    expect(docxExtractor.matches('a.DOCX', head)).toBe(true);
    expect(docxExtractor.matches('renamed.doc', head)).toBe(true);
    const xlsxHead = (await plainXlsx()).subarray(0, HEAD_BYTES);
    expect(docxExtractor.matches('', xlsxHead)).toBe(false);
    expect(docxExtractor.matches('a.xlsx', xlsxHead)).toBe(false);
    expect(docxExtractor.matches('not-a-zip.docx', Buffer.from('hello'))).toBe(true);
    expect(docxExtractor.matches('not-a-zip.doc', Buffer.from('hello'))).toBe(false);
    const ole2 = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    expect(docxExtractor.matches('protected.docx', ole2)).toBe(false);
  });

  it('reads a DOCX whatever its name says, and an XLSX named .docx as the workbook it is', async () => {
    expect((await extractText(await makeDocx(['内容']), 'download', allExtractors)).format).toBe('docx');
    expect((await extractText(await plainXlsx(), 'budget.docx', allExtractors)).format).toBe('xlsx');
  });

  it('refuses what is not a DOCX as DOCUMENT_UNREADABLE with format DOCX', async () => {
    const pdfAsDocx = await refusal(docxExtractor.extract(await renamedPdf(), 'contract.docx'));
    expect(pdfAsDocx.code).toBe('DOCUMENT_UNREADABLE');
    expect(pdfAsDocx.params).toEqual({ file: 'contract.docx', format: 'DOCX' });
    // Through the registry the bytes win: a renamed PDF is read as the PDF it is.
    expect((await extractText(await renamedPdf(), 'contract.docx', allExtractors)).format).toBe('pdf');
    for (const bytes of [await truncatedDocx(0.5), await truncatedDocx(0.97), Buffer.from('just text'), await plainXlsx()]) {
      const error = await refusal(docxExtractor.extract(bytes, 'broken.docx'));
      expect(error.code).toBe('DOCUMENT_UNREADABLE');
      expect(error.params['format']).toBe('DOCX');
    }
    expect((await refusal(extractText(Buffer.from('just text'), 'broken.docx', allExtractors))).code).toBe('DOCUMENT_UNREADABLE');
  });
});
