import { describe, expect, it } from 'vitest';
import { createPdfExtractor, pdfExtractor } from '../../../../src-main/core/ingest/pdfExtractor.ts';
import { readPdfiumText } from '../../../../src-main/core/ingest/pdfium/pdfiumDocumentText.ts';
import type { PdfiumOutcome } from '../../../../src-main/core/ingest/pdfium/pdfiumDocumentText.ts';
import { loadPdfium } from '../../../../src-main/core/ingest/pdfium/pdfiumRuntime.ts';
import { TimeBudget } from '../../../../src-main/core/ingest/timeBudget.ts';
import { makeCjkPdf } from '../../../fixtures/makeCjkPdf.ts';
import { readCorpusPdf } from '../corpus.ts';

async function readWithPdfium(bytes: Uint8Array, maxPages = 2000): Promise<PdfiumOutcome> {
  const budget = new TimeBudget(30_000);
  try {
    return readPdfiumText((await loadPdfium()).pdfium, bytes, maxPages, budget);
  } finally {
    budget.dispose();
  }
}

function textOf(outcome: PdfiumOutcome): string[] {
  if (outcome.kind !== 'text') throw new Error(`PDFium handed the document back: ${outcome.reason}`);
  return outcome.pages;
}

describe('PDFium text reader (the fast path)', () => {
  it('reads a generated Chinese and English contract page by page, with no spaces between Chinese characters', async () => {
    const bytes = await makeCjkPdf([['合同编号：HT-2024-0153', '甲方：北京纷享科技有限公司'], ['Contract No. HT-2024-0153', 'between Acme Ltd and Beta LLC']]);
    const pages = textOf(await readWithPdfium(bytes));
    expect(pages).toHaveLength(2);
    expect(pages[0]).toContain('合同编号：HT-2024-0153');
    expect(pages[0]).toContain('甲方：北京纷享科技有限公司');
    expect(pages[1]).toContain('between Acme Ltd and Beta LLC');
    // Lines end in \n alone, as on the pdf.js path.
    expect(pages.join('\n')).not.toMatch(/\r/);
  });

  it('reads the Info dictionary and the real page count, and stops at the page cap', async () => {
    const outcome = await readWithPdfium(readCorpusPdf('tracemonkey.pdf'), 2);
    expect(textOf(outcome)).toHaveLength(2);
    expect(outcome).toMatchObject({ pageCount: 14, info: { creationDate: expect.stringMatching(/^D:20090401/) } });
    // tracemonkey.pdf has one line end whose Unicode value PDFium guessed; a guessed space is no reason to hand it back.
    expect(textOf(outcome)[0]).toContain('Trace-based Just-in-Time Type Specialization for Dynamic');
  });

  it('hands back a document whose font has no usable Unicode map, and pdf.js then reads it correctly', async () => {
    // issue20453.pdf: non-embedded Identity-H Arial; PDFium (like pdftotext) guesses "ɍɝɥɨɜɚɹ...".
    expect(await readWithPdfium(readCorpusPdf('issue20453.pdf'))).toEqual({ kind: 'fallback', reason: 'unicodeMap' });
    expect((await pdfExtractor.extract(readCorpusPdf('issue20453.pdf'), 'issue20453.pdf')).pages).toEqual(['Угловая шлифовальная машина']);
  });

  it('hands back what it cannot open, so pdf.js names the failure (encrypted, damaged)', async () => {
    expect(await readWithPdfium(readCorpusPdf('REDHAT-1531897-0.pdf'))).toEqual({ kind: 'fallback', reason: 'unopenable' });
    expect(await readWithPdfium(readCorpusPdf('tracemonkey.pdf').subarray(0, 200_000))).toMatchObject({ kind: 'fallback' });
  });

  it('reads typed form fields and the chosen option of a list, comments and free-text boxes, not check-box states', async () => {
    const form = textOf(await readWithPdfium(readCorpusPdf('annotation-text-widget.pdf'))).join('\n');
    expect(form).toContain('Single line, unlimited length');
    const list = textOf(await readWithPdfium(readCorpusPdf('listbox_actions.pdf'))).join('\n');
    expect(list).toContain('Item1');
    const freeText = textOf(await readWithPdfium(readCorpusPdf('freetexts.pdf'))).join('\n');
    expect(freeText).toContain('Hello World from Acrobat');
    const comment = textOf(await readWithPdfium(readCorpusPdf('issue17215.pdf'))).join('\n');
    expect(comment).toContain('test comment #1');
    const buttons = textOf(await readWithPdfium(readCorpusPdf('resetform.pdf'))).join('\n');
    expect(buttons).not.toMatch(/^Off$/m);
  });

  it('reads a Shift-JIS Japanese sample that pdf.js alone garbles (why PDFium reads first)', async () => {
    const auto = await pdfExtractor.extract(readCorpusPdf('90ms_rksj_h_sample.pdf'), 'sample.pdf');
    expect(auto.pages.join('\n')).toContain('日本語テスト');
    const reference = await createPdfExtractor({ engine: 'pdfjs' }).extract(readCorpusPdf('90ms_rksj_h_sample.pdf'), 'sample.pdf');
    expect(reference.pages.join('\n')).not.toContain('日本語テスト');
  });

  it('honours the time budget between pages', async () => {
    const budget = new TimeBudget(0);
    try {
      const pdfium = (await loadPdfium()).pdfium;
      expect(() => readPdfiumText(pdfium, readCorpusPdf('tracemonkey.pdf'), 2000, budget)).toThrow(expect.objectContaining({ name: 'TimeBudgetExceededError' }));
    } finally {
      budget.dispose();
    }
  });
});
