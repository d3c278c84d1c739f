import fs from 'node:fs';
import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import type ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { defaultExtractors, extractText } from '../../../../src-main/core/ingest/extractorRegistry.ts';
import { HEAD_BYTES } from '../../../../src-main/core/ingest/formatDetection.ts';
import { cellValueText, formatCellDate, formatCellNumber } from '../../../../src-main/core/ingest/office/cellText.ts';
import { docxExtractor } from '../../../../src-main/core/ingest/office/docxExtractor.ts';
import { swallowedExceljsConsoleMessages } from '../../../../src-main/core/ingest/office/exceljsConsoleGuard.ts';
import { officeExtractors } from '../../../../src-main/core/ingest/office/index.ts';
import {
  DEFAULT_XLSX_MAX_CELLS,
  DEFAULT_XLSX_MAX_MARKUP_BYTES,
  DEFAULT_XLSX_MAX_ROWS,
  createXlsxExtractor,
  xlsxExtractor,
} from '../../../../src-main/core/ingest/office/xlsxExtractor.ts';
import { longSheetNameXlsx, plainDocx, truncatedDocx } from '../../../fixtures/office/hostileOffice.ts';
import { makeDocx } from '../../../fixtures/office/makeDocx.ts';
import { makeXlsx } from '../../../fixtures/office/makeXlsx.ts';
import { patchZip } from '../../../fixtures/office/zipBuilder.ts';
import { makeTempDir } from '../../../helpers/tempDir.ts';
import { refusal } from './measure.ts';

const allExtractors = [...defaultExtractors, ...officeExtractors];

// Recorders stand in for the console before the exceljs console guard is installed (at the first
// XLSX extraction in this process), so anything exceljs gets past the guard lands here.
const consoleMethods = ['log', 'info', 'warn', 'error', 'debug', 'trace', 'dir'] as const;
const printed: string[] = [];
const originalConsole = new Map(consoleMethods.map((name) => [name, console[name]]));
beforeAll(() => {
  for (const name of consoleMethods) console[name] = (...args: unknown[]) => void printed.push(`${name}: ${args.join(' ')}`);
});
afterAll(() => {
  for (const [name, method] of originalConsole) console[name] = method;
});

const utc = (y: number, m: number, d: number, h = 0, min = 0, s = 0): Date => new Date(Date.UTC(y, m - 1, d, h, min, s));

async function contractWorkbook(): Promise<Buffer> {
  return makeXlsx(
    [
      {
        name: '合同台账',
        rows: [
          ['合同编号', '客户', '签订日期', '金额（元）', '已付'],
          ['HT-2025-0001', '上海示例贸易有限公司', utc(2025, 1, 15), 120000, true],
          ['HT-2025-0002', 'Example Tech Ltd.', utc(2025, 3, 1, 9, 30), 98765.43, false],
          ['合计', null, null, { formula: 'SUM(D2:D3)', result: 218765.43 }, null],
        ],
      },
      {
        name: 'Terms',
        rows: [
          ['Term', '36 months'],
          [{ richText: [{ text: 'Notice ' }, { text: 'period', font: { bold: true } }] }, { text: 'see clause 9', hyperlink: 'https://example.com/9' }],
          ['Ratio', 0.1 + 0.2, { formula: '1/0', result: { error: '#DIV/0!' } }, { formula: '0*1', result: 0 }, { formula: '1=2', result: false }],
        ],
      },
      { name: '合并', rows: [['甲方与乙方', null, 'C'], ['a', null, 'c']], merges: ['A1:B1'] },
      { name: 'Empty', rows: [] },
    ],
    { title: '合同台账 2025', author: '王五 Wang Wu', created: utc(2025, 2, 3, 4, 5, 6) },
  );
}

describe('xlsxExtractor', () => {
  it('reads every sheet as one page: its name, then rows of tab-separated cells', async () => {
    const result = await extractText(await contractWorkbook(), '台账.xlsx', allExtractors);
    expect(result.format).toBe('xlsx');
    expect(result.mime).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(result.pageCount).toBe(4);
    expect(result.pages).toEqual([
      [
        '合同台账',
        '合同编号\t客户\t签订日期\t金额（元）\t已付',
        'HT-2025-0001\t上海示例贸易有限公司\t2025-01-15\t120000\tTRUE',
        'HT-2025-0002\tExample Tech Ltd.\t2025-03-01 09:30:00\t98765.43\tFALSE',
        '合计\t\t\t218765.43',
      ].join('\n'),
      ['Terms', 'Term\t36 months', 'Notice period\tsee clause 9', 'Ratio\t0.3\t#DIV/0!\t0\tFALSE'].join('\n'),
      ['合并', '甲方与乙方\t\tC', 'a\t\tc'].join('\n'),
      'Empty',
    ]);
    expect(result.metadata).toEqual({ title: '合同台账 2025', author: '王五 Wang Wu', createdAt: '2025-02-03T04:05:06.000Z' });
  });

  it('reads shared strings and cached formula results as Excel stores them', async () => {
    // exceljs writes strings as shared strings by default; check the part is really there.
    const workbook = await makeXlsx([{ name: 'S', rows: [['共享', '共享'], [{ formula: 'A1&"字符串"', result: '共享字符串' }]] }]);
    const { pages } = await xlsxExtractor.extract(workbook, 's.xlsx');
    expect(pages).toEqual(['S\n共享\t共享\n共享字符串']);
  });

  it('stops at the row, cell and text caps and says so, still counting every sheet', async () => {
    expect([DEFAULT_XLSX_MAX_MARKUP_BYTES, DEFAULT_XLSX_MAX_ROWS, DEFAULT_XLSX_MAX_CELLS]).toEqual([48 * 1024 * 1024, 1_048_576, 2_000_000]);
    const rows = Array.from({ length: 100 }, (_, i) => [`行${i}`, i, i * 2]);
    const workbook = await makeXlsx([{ name: 'A', rows }, { name: 'B', rows }]);
    const byRows = await createXlsxExtractor({ maxRows: 10 }).extract(workbook, 'w.xlsx');
    expect(byRows.truncated).toBe(true);
    expect(byRows.pages).toHaveLength(1);
    expect(byRows.pages[0]?.split('\n')).toHaveLength(11);
    expect(byRows.pageCount).toBe(2);
    const byCells = await createXlsxExtractor({ maxCells: 250 }).extract(workbook, 'w.xlsx');
    expect(byCells.truncated).toBe(true);
    expect(byCells.pages.join('\n').split(/[\t\n]/).length).toBeLessThanOrEqual(250 + 2);
    const byText = await createXlsxExtractor({ maxTextChars: 500 }).extract(workbook, 'w.xlsx');
    expect(byText.truncated).toBe(true);
    expect(byText.pages.join('').length).toBeLessThanOrEqual(500);
    expect((await xlsxExtractor.extract(workbook, 'w.xlsx')).truncated).toBeUndefined();
  });

  it('reports a macro-enabled workbook (.xlsm) by its content type and still reads it', async () => {
    const xlsm = await patchZip(await makeXlsx([{ name: 'S', rows: [['宏']] }]), (name, data) =>
      name === '[Content_Types].xml'
        ? data.toString('utf8').replace(
            'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml',
            'application/vnd.ms-excel.sheet.macroEnabled.main+xml',
          )
        : undefined,
    );
    const result = await extractText(xlsm, 'macro.xlsm', allExtractors);
    expect(result.mime).toBe('application/vnd.ms-excel.sheet.macroEnabled.12');
    expect(result.pages).toEqual(['S\n宏']);
  });

  it('claims XLSX by name or by the xl/ parts in its head', async () => {
    const head = (await makeXlsx([{ name: 'S', rows: [['x']] }])).subarray(0, HEAD_BYTES);
    expect(xlsxExtractor.matches('', head)).toBe(true);
    expect(xlsxExtractor.matches('a.XLSM', head)).toBe(true);
    expect(xlsxExtractor.matches('renamed.xls', head)).toBe(true);
    expect(xlsxExtractor.matches('', (await plainDocx()).subarray(0, HEAD_BYTES))).toBe(false);
    expect(xlsxExtractor.matches('fake.xlsx', Buffer.from('a,b\n1,2'))).toBe(true);
  });

  it('refuses what is not an XLSX as DOCUMENT_UNREADABLE with format XLSX', async () => {
    for (const bytes of [await plainDocx(), await truncatedDocx(0.5), Buffer.from('a,b\n1,2')]) {
      const error = await refusal(xlsxExtractor.extract(bytes, 'book.xlsx'));
      expect(error.code).toBe('DOCUMENT_UNREADABLE');
      expect(error.params).toEqual({ file: 'book.xlsx', format: 'XLSX' });
    }
  });

  it('keeps exceljs quiet: a sheet name it would print (document content) never reaches the console', async () => {
    const before = swallowedExceljsConsoleMessages();
    const error = await refusal(xlsxExtractor.extract(await longSheetNameXlsx(), 'long.xlsx'));
    // exceljs truncates names over 31 characters on load and then trips over its own duplicate check.
    expect(error.code).toBe('DOCUMENT_UNREADABLE');
    expect(swallowedExceljsConsoleMessages()).toBeGreaterThan(before);
    expect(printed).toEqual([]);
  });
});

describe('reading office files writes nothing to disk', () => {
  it('neither exceljs nor mammoth opens a file for writing or leaves anything in the temp folder', async () => {
    const { dir, cleanup } = await makeTempDir('cvault-office-tmp-');
    const savedTmp = process.env['TMPDIR'];
    // os.tmpdir() reads TMPDIR on every call, so `tmp` (exceljs's dependency) would create its files here.
    process.env['TMPDIR'] = dir;
    const workbook = await contractWorkbook();
    const document = await makeDocx(['甲方：上海示例贸易有限公司']);
    const writeFunctions = [
      'open', 'openSync', 'writeFile', 'writeFileSync', 'appendFile', 'appendFileSync', 'createWriteStream',
      'mkdtemp', 'mkdtempSync', 'mkdir', 'mkdirSync', 'copyFile', 'copyFileSync', 'rename', 'renameSync',
    ] as const;
    const spies = [
      ...writeFunctions.map((name) => ({ name, spy: vi.spyOn(fs, name) })),
      ...(['open', 'writeFile', 'appendFile', 'mkdtemp', 'mkdir'] as const).map((name) => ({ name: `promises.${name}`, spy: vi.spyOn(fs.promises, name) })),
    ];
    try {
      expect(tmpdir()).toBe(dir);
      expect((await xlsxExtractor.extract(workbook, 'w.xlsx')).pages).toHaveLength(4);
      expect((await docxExtractor.extract(document, 'd.docx')).pages[0]).toContain('上海');
      const isWrite = (flags: unknown): boolean =>
        typeof flags === 'string' ? /[wa+]/.test(flags) : typeof flags === 'number' && (flags & (fs.constants.O_WRONLY | fs.constants.O_RDWR | fs.constants.O_CREAT)) !== 0;
      // Opening for reading is allowed (Node's module loader does it); anything that can write is not.
      const writes = spies.flatMap(({ name, spy }) =>
        (spy.mock.calls as unknown[][])
          .filter((args) => !/open$/i.test(name) || isWrite(args[1]))
          .map((args) => `${name}(${String(args[0])})`),
      );
      expect(writes).toEqual([]);
      expect(readdirSync(dir)).toEqual([]);
    } finally {
      for (const { spy } of spies) spy.mockRestore();
      if (savedTmp === undefined) delete process.env['TMPDIR'];
      else process.env['TMPDIR'] = savedTmp;
      await cleanup();
    }
  });
});

describe('cell text', () => {
  it('formats dates in UTC as the sheet shows them, dropping midnight and day zero', () => {
    expect(formatCellDate(utc(2025, 12, 31))).toBe('2025-12-31');
    expect(formatCellDate(utc(2025, 12, 31, 23, 59, 58))).toBe('2025-12-31 23:59:58');
    expect(formatCellDate(utc(1899, 12, 30, 8, 30))).toBe('08:30:00');
    expect(formatCellDate(new Date(NaN))).toBe('');
  });

  it('formats numbers with at most 15 significant digits, like a General cell', () => {
    expect(formatCellNumber(0.1 + 0.2)).toBe('0.3');
    expect(formatCellNumber(120000)).toBe('120000');
    expect(formatCellNumber(-1234.5)).toBe('-1234.5');
    expect(formatCellNumber(123456789012345680)).toBe('123456789012346000');
    expect(formatCellNumber(Infinity)).toBe('');
  });

  it('turns every exceljs value shape into its text', () => {
    expect(cellValueText(null)).toBe('');
    expect(cellValueText(undefined)).toBe('');
    expect(cellValueText('合同')).toBe('合同');
    expect(cellValueText(true)).toBe('TRUE');
    expect(cellValueText({ error: '#N/A' } as ExcelJS.CellErrorValue)).toBe('#N/A');
    expect(cellValueText({ richText: [{ text: '甲' }, { text: '方' }] })).toBe('甲方');
    expect(cellValueText({ text: '链接', hyperlink: 'https://example.com' })).toBe('链接');
    expect(cellValueText({ formula: 'A1', result: utc(2025, 1, 1) })).toBe('2025-01-01');
    expect(cellValueText({ formula: 'A1' })).toBe('');
    expect(cellValueText({ sharedFormula: 'A1', result: 7 })).toBe('7');
  });
});
