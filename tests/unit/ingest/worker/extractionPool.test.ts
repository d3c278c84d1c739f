import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ExtractionPool } from '../../../../src-main/core/ingest/worker/extractionPool.ts';
import { makePdf } from '../../../fixtures/makePdf.ts';
import { makeScannedPdf } from '../../../fixtures/ocr/makeScannedPdf.ts';
import { makeTextImage } from '../../../fixtures/ocr/makeTextImage.ts';
import { pdfCorpusDir as corpus } from '../corpus.ts';


describe('extraction in worker threads', () => {
  let pool: ExtractionPool | undefined;
  afterEach(async () => { await pool?.close(); });

  it('extracts text in a worker, several files in parallel, leaving the caller\'s bytes intact', async () => {
    pool = new ExtractionPool({ workers: 2 });
    const files = await Promise.all([1, 2, 3, 4].map((n) => makePdf([[`Contract number ${n} with term`]])));
    const results = await Promise.all(files.map((bytes, i) => pool!.extract(bytes, `c${i}.pdf`)));
    expect(results.map((r) => r.text.pages[0])).toEqual([1, 2, 3, 4].map((n) => expect.stringContaining(`Contract number ${n}`)));
    expect(files.every((bytes) => bytes.length > 100 && bytes[0] === 0x25)).toBe(true);
  });

  it('reports a refused file with its error code, and keeps working after it', async () => {
    pool = new ExtractionPool({ workers: 1 });
    await expect(pool.extract(new TextEncoder().encode('not a pdf'), 'x.pdf')).rejects.toMatchObject({ code: 'PDF_UNREADABLE', params: { file: 'x.pdf' } });
    const ok = await pool.extract(await makePdf([['still alive']]), 'y.pdf');
    expect(ok.text.pages[0]).toContain('still alive');
  });

  it('stops a file that runs past its time limit and replaces the worker', async () => {
    pool = new ExtractionPool({ workers: 1, timeoutMs: 300 });
    const heavy = await readFile(join(corpus, 'freeculture.pdf'));
    await expect(pool.extract(heavy, 'freeculture.pdf')).rejects.toMatchObject({ code: 'EXTRACTION_TIMEOUT' });
    const relaxed = new ExtractionPool({ workers: 1 });
    try {
      expect((await relaxed.extract(await makePdf([['after timeout']]), 'z.pdf')).text.pages[0]).toContain('after timeout');
    } finally {
      await relaxed.close();
    }
  });

  it('confines a file that needs more memory than the heap cap to its own worker', async () => {
    pool = new ExtractionPool({ workers: 1, heapLimitMb: 40 });
    // The heaviest corpus file needs ~150 MB of heap in pdf.js: far more than this worker may have.
    const heavy = await readFile(join(corpus, 'bug1978317.pdf'));
    await expect(pool.extract(heavy, 'bug1978317.pdf')).rejects.toMatchObject({ code: 'EXTRACTION_OUT_OF_MEMORY' });
    // The pool replaced the dead worker: a small file still goes through.
    expect((await pool.extract(new TextEncoder().encode('after the crash'), 'w.txt')).text.pages[0]).toContain('after the crash');
    expect(process.memoryUsage().heapUsed).toBeLessThan(1024 * 1024 * 1024);
  });

  it('does not blame the file sent behind one that times out: it is parsed by the replacement worker', async () => {
    // Long enough for a fresh worker to start (its start counts against its first file), far shorter than the heavy file.
    pool = new ExtractionPool({ workers: 1, timeoutMs: 5000 });
    // Twelve full pages of scanned text: OCR takes seconds a page on any machine. (A text PDF is no longer slow
    // enough: PDFium reads freeculture.pdf's 352 pages in about a second.)
    const page = makeTextImage(Array.from({ length: 40 }, (_, line) => `Clause ${line + 1}. The Supplier shall deliver the goods within thirty days.`), { width: 1650, height: 2300 });
    const heavy = await makeScannedPdf(Array.from({ length: 12 }, () => page));
    // With one worker, the second file is already waiting inside the worker when the first runs out of time.
    const [stuck, behind] = await Promise.allSettled([pool.extract(heavy, 'scan.pdf'), pool.extract(await makePdf([['waited behind']]), 'next.pdf')]);
    expect(stuck).toMatchObject({ status: 'rejected', reason: { code: 'EXTRACTION_TIMEOUT', params: { file: 'scan.pdf' } } });
    expect(behind).toMatchObject({ status: 'fulfilled', value: { text: { pages: [expect.stringContaining('waited behind')] } } });
  });

  it('does not blame the files sent behind one that exhausts the heap', async () => {
    pool = new ExtractionPool({ workers: 1, heapLimitMb: 40 });
    const heavy = await readFile(join(corpus, 'bug1978317.pdf'));
    const results = await Promise.allSettled([
      pool.extract(heavy, 'bug1978317.pdf'),
      pool.extract(new TextEncoder().encode('first behind'), 'b.txt'),
      pool.extract(new TextEncoder().encode('second behind'), 'c.txt'),
    ]);
    expect(results[0]).toMatchObject({ status: 'rejected', reason: { code: 'EXTRACTION_OUT_OF_MEMORY' } });
    expect(results.slice(1).map((r) => (r.status === 'fulfilled' ? r.value.text.pages[0] : r.reason))).toEqual([
      expect.stringContaining('first behind'), expect.stringContaining('second behind'),
    ]);
  });

  it('keeps each worker on one file at a time: the answers come back in the order the files were sent', async () => {
    pool = new ExtractionPool({ workers: 1 });
    // 14 pages: pdf.js yields to the event loop many times while reading it.
    const heavy = await readFile(join(corpus, 'tracemonkey.pdf'));
    const finished: string[] = [];
    await Promise.all([
      pool.extract(heavy, 'slow.pdf').then(() => finished.push('slow')),
      pool.extract(new TextEncoder().encode('quick'), 'quick.txt').then(() => finished.push('quick')),
    ]);
    // Were the worker to start the second file while the first awaited pdf.js, the quick one would finish first.
    expect(finished).toEqual(['slow', 'quick']);
  });

  it('cancels queued work on close', async () => {
    pool = new ExtractionPool({ workers: 1 });
    const bytes = await makePdf([['queued']]);
    const settling = Promise.allSettled([pool.extract(bytes, 'a.pdf'), pool.extract(bytes, 'b.pdf'), pool.extract(bytes, 'c.pdf')]);
    await pool.close();
    const settled = await settling;
    expect(settled.filter((s) => s.status === 'rejected').map((s) => (s as PromiseRejectedResult).reason.code)).toContain('IMPORT_CANCELLED');
  });
});
