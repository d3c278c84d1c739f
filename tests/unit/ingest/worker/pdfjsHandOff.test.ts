import { afterEach, describe, expect, it } from 'vitest';
import { createPdfExtractor } from '../../../../src-main/core/ingest/pdfExtractor.ts';
import { PdfjsHandOff } from '../../../../src-main/core/ingest/pdfjsHandOff.ts';
import { ExtractionPool } from '../../../../src-main/core/ingest/worker/extractionPool.ts';
import { makePdf } from '../../../fixtures/makePdf.ts';
import { readCorpusPdf } from '../corpus.ts';

// Corpus files PDFium hands back: guessed Unicode maps (the first three) and an encrypted file.
const guessedMaps = ['issue13916.pdf', 'issue5896.pdf', 'issue7835.pdf'];
const encrypted = 'issue6010_1.pdf';

describe('PDF documents handed from PDFium to the pool\'s pdf.js worker', () => {
  let pool: ExtractionPool | undefined;
  afterEach(async () => { await pool?.close(); });

  it('PDFium alone hands back what it cannot read, with the time it spent, and reads the rest', async () => {
    const extractor = createPdfExtractor();
    for (const name of [...guessedMaps, encrypted]) {
      const handOff = await extractor.extract(new Uint8Array(readCorpusPdf(name)), name, { pdfEngine: 'pdfium' }).catch((error: unknown) => error);
      expect(handOff, name).toBeInstanceOf(PdfjsHandOff);
      expect((handOff as PdfjsHandOff).spentMs).toBeGreaterThan(0);
    }
    const plain = await makePdf([['Supply Agreement No. SA-7', 'between Alpha Ltd and Beta Ltd']]);
    expect(await extractor.extract(plain, 'plain.pdf', { pdfEngine: 'pdfium' })).toEqual(await extractor.extract(plain, 'plain.pdf'));
  });

  it('a hand-off keeps only the rest of the document\'s time budget for pdf.js', async () => {
    const extractor = createPdfExtractor({ timeBudgetMs: 30_000 });
    const bytes = new Uint8Array(readCorpusPdf('issue5896.pdf'));
    const late = extractor.extract(bytes, 'issue5896.pdf', { pdfEngine: 'pdfjs', budgetSpentMs: 29_999 });
    await expect(late).rejects.toMatchObject({ code: 'PDF_UNREADABLE' });
    expect((await extractor.extract(bytes, 'issue5896.pdf', { pdfEngine: 'pdfjs', budgetSpentMs: 100 })).pages.join('')).toContain('Parallel Genetic Algorithms');
  });

  it('two workers give every file the same text and refusals as one thread, whichever worker PDFium read it in', async () => {
    pool = new ExtractionPool({ workers: 2 });
    const extractor = createPdfExtractor();
    const plain = await Promise.all([1, 2, 3, 4, 5].map((n) => makePdf([[`Service contract ${n}`, 'Term: 12 months']])));
    const files = [
      ...guessedMaps.map((name) => ({ name, bytes: new Uint8Array(readCorpusPdf(name)) })),
      { name: encrypted, bytes: new Uint8Array(readCorpusPdf(encrypted)) },
      ...plain.map((bytes, i) => ({ name: `plain-${i}.pdf`, bytes })),
      // The same fallbacks again, so both workers meet some while the first is busy.
      ...guessedMaps.map((name) => ({ name: `again-${name}`, bytes: new Uint8Array(readCorpusPdf(name)) })),
    ];
    const outcome = async (work: Promise<{ pages: string[]; metadata: unknown }>): Promise<unknown> =>
      work.then(({ pages, metadata }) => ({ pages, metadata }), (error: { code?: string }) => ({ refused: error.code }));
    const inPool = await Promise.all(files.map((f) => outcome(pool!.extract(f.bytes, f.name, { ocr: false }).then((d) => d.text))));
    const inThread = await Promise.all(files.map((f) => outcome(extractor.extract(new Uint8Array(f.bytes), f.name))));
    expect(inPool).toEqual(inThread);
    expect(inThread[guessedMaps.length]).toEqual({ refused: 'PDF_ENCRYPTED' });
    expect(JSON.stringify(inThread[0])).toContain('ěščřžýáíé');
  });
});
