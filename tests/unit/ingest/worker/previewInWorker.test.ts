import { afterEach, describe, expect, it } from 'vitest';
import { ExtractionPool } from '../../../../src-main/core/ingest/worker/extractionPool.ts';
import { hugeSheetXlsx, lyingZipBombDocx, plainDocx, plainXlsx, zipBombDocx } from '../../../fixtures/office/hostileOffice.ts';

/** `files.preview` renders DOCX/XLSX in the extraction pool's workers, under their heap and time limits. */
describe('viewer previews in the extraction workers', () => {
  let pool: ExtractionPool | undefined;
  afterEach(async () => { await pool?.close(); });

  it('renders a DOCX as HTML and an XLSX as tables in a worker, leaving the caller\'s bytes intact', async () => {
    pool = new ExtractionPool({ workers: 1 });
    const docx = await plainDocx();
    const copy = Buffer.from(docx);
    const html = await pool.preview(docx, 'a.docx', 'docx');
    expect(html).toMatchObject({ kind: 'html', html: expect.stringContaining('上海示例贸易有限公司') });
    expect(docx.equals(copy)).toBe(true);
    const sheets = await pool.preview(await plainXlsx(), 'b.xlsx', 'xlsx');
    expect(sheets).toMatchObject({ kind: 'sheets', sheets: [{ name: '合同', rows: [['合同编号', 'HT-2025-0001'], ['金额', '120000']] }] });
  });

  it('refuses ZIP bombs inside the worker, with the import\'s own guard, and keeps working', async () => {
    pool = new ExtractionPool({ workers: 1 });
    await expect(pool.preview(await zipBombDocx(), 'bomb.docx', 'docx')).rejects.toMatchObject({ code: 'ARCHIVE_LIMIT_EXCEEDED', params: { file: 'bomb.docx' } });
    await expect(pool.preview(await lyingZipBombDocx(), 'liar.docx', 'docx')).rejects.toMatchObject({ code: 'ARCHIVE_LIMIT_EXCEEDED' });
    expect((await pool.preview(await plainDocx(), 'after.docx', 'docx')).kind).toBe('html');
  });

  it('confines a sheet that needs more heap than the cap to its worker (EXTRACTION_OUT_OF_MEMORY), then replaces the worker', async () => {
    pool = new ExtractionPool({ workers: 1, heapLimitMb: 64 });
    const huge = await hugeSheetXlsx();
    await expect(pool.preview(huge, 'huge.xlsx', 'xlsx')).rejects.toMatchObject({ code: 'EXTRACTION_OUT_OF_MEMORY', params: { file: 'huge.xlsx', limit: 64 } });
    expect((await pool.preview(await plainXlsx(), 'small.xlsx', 'xlsx')).kind).toBe('sheets');
    expect(process.memoryUsage().heapUsed).toBeLessThan(1024 * 1024 * 1024);
  }, 60_000);

  it('stops a preview past its own time limit (shorter than the pool\'s) and replaces the worker', async () => {
    pool = new ExtractionPool({ workers: 1 });
    const huge = await hugeSheetXlsx();
    await expect(pool.preview(huge, 'slow.xlsx', 'xlsx', 400)).rejects.toMatchObject({ code: 'EXTRACTION_TIMEOUT', params: { file: 'slow.xlsx' } });
    expect((await pool.preview(await plainDocx(), 'next.docx', 'docx')).kind).toBe('html');
  }, 60_000);
});
