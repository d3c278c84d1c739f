import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createPdfExtractor, pdfExtractor } from '../../../src-main/core/ingest/pdfExtractor.ts';
import { loadPdfjs } from '../../../src-main/core/ingest/pdfjsRuntime.ts';
import { readCorpusPdf } from './corpus.ts';
import { refusal } from '../../helpers/refusal.ts';


describe('pdfExtractor on the pdf.js corpus', () => {
  it('reads an English paper page by page, with its page count and creation date', async () => {
    // tracemonkey.pdf: the 14-page TraceMonkey paper (embedded Type1 fonts), pdf.js's reference document.
    const result = await pdfExtractor.extract(readCorpusPdf('tracemonkey.pdf'), 'tracemonkey.pdf');
    expect(result.format).toBe('pdf');
    expect(result.mime).toBe('application/pdf');
    expect(result.pages).toHaveLength(14);
    expect(result.pageCount).toBe(14);
    expect(result.pages[0]).toContain('Trace-based Just-in-Time Type Specialization for Dynamic');
    expect(result.pages[0]).toContain('Andreas Gal');
    expect(result.pages[0]).toContain('Dynamic languages such as JavaScript are more difficult to com');
    expect(result.pages[13]).toContain('Conference on Virtual Execution Environments');
    expect(result.metadata.createdAt).toBe('2009-04-01T23:39:25.000Z');
  });

  it('decodes Chinese set in a non-embedded GBK font, which needs the bundled cMaps', async () => {
    // issue2128r.pdf: GBK-EUC-H encoded text; without cMapUrl pdf.js yields no text at all.
    const result = await pdfExtractor.extract(readCorpusPdf('issue2128r.pdf'), 'issue2128r.pdf');
    expect(result.pages[0]).toContain('浅谈校长的魅力');
    expect(result.pages[0]).toContain('山西省闻喜县诚镇初中');
  });

  it('decodes Japanese in the Shift-JIS 90ms-RKSJ-H encoding', async () => {
    const result = await pdfExtractor.extract(readCorpusPdf('issue13343.pdf'), 'issue13343.pdf');
    expect(result.pages).toEqual(['(57)【要約】', '(81)指定国・地域 AP']);
  });

  it('reads the standard 14 fonts (non-embedded Helvetica, Courier, Times) and the Info dictionary', async () => {
    // standard_fonts.pdf: TCPDF's sampler of every standard-14 font, one per page, none embedded.
    const result = await pdfExtractor.extract(readCorpusPdf('standard_fonts.pdf'), 'standard_fonts.pdf');
    expect(result.pages).toHaveLength(14);
    expect(result.pages[0]).toContain('FONT: courier');
    expect(result.pages[0]).toContain('The quick brown fox jumps over the lazy dog');
    expect(result.pages.join('\n')).toContain('FONT: helvetica');
    expect(result.pages.join('\n')).toContain('FONT: times');
    expect(result.metadata).toEqual({
      title: 'TCPDF Example 055',
      author: 'Nicola Asuni',
      createdAt: '2015-08-02T12:22:19.000Z',
    });
  });

  it('keeps non-embedded Arial CID text readable (why standard-font programs are off by default)', async () => {
    // issue20453.pdf: Identity-H Arial, not embedded. With standardFontDataUrl pdf.js maps the glyph
    // ids through Liberation Sans and returns "ɍɝɥɨɜɚɹ..." instead of the Russian text.
    const result = await pdfExtractor.extract(readCorpusPdf('issue20453.pdf'), 'issue20453.pdf');
    expect(result.pages[0]).toBe('Угловая шлифовальная машина');
  });

  it('resolves the font and cMap folders in the form pdf.js reads in Node (a path ending in /)', async () => {
    const { standardFontDataUrl, cMapUrl } = await loadPdfjs();
    expect(standardFontDataUrl.endsWith('/')).toBe(true);
    expect(cMapUrl.endsWith('/')).toBe(true);
    // pdf.js reads `${base}${name}` with fs.readFile, exactly like this.
    expect(existsSync(`${standardFontDataUrl}FoxitFixed.pfb`)).toBe(true);
    expect(existsSync(`${cMapUrl}GBK-EUC-H.bcmap`)).toBe(true);
    const withFonts = createPdfExtractor({ standardFontData: true });
    const result = await withFonts.extract(readCorpusPdf('standard_fonts.pdf'), 'standard_fonts.pdf');
    expect(result.pages[0]).toContain('The quick brown fox jumps over the lazy dog');
  });

  it('refuses password-protected PDFs as encrypted (RC4 and AES-256)', async () => {
    for (const file of ['saslprep-r6.pdf', 'issue6010_1.pdf']) {
      const error = await refusal(pdfExtractor.extract(readCorpusPdf(file), file));
      expect(error.code).toBe('PDF_ENCRYPTED');
      expect(error.params).toEqual({ file });
    }
  });

  it('opens a PDF encrypted with an owner password only, as every viewer does', async () => {
    const result = await pdfExtractor.extract(readCorpusPdf('issue7665.pdf'), 'issue7665.pdf');
    expect(result.pages).toEqual(['Issue 7665']);
  });

  it('refuses a broken PDF and a truncated download as unreadable, keeping the cause', async () => {
    // REDHAT-1531897-0.pdf: fuzzed, no usable Root; tracemonkey cut short: a download that stopped.
    const broken = await refusal(pdfExtractor.extract(readCorpusPdf('REDHAT-1531897-0.pdf'), 'REDHAT-1531897-0.pdf'));
    expect(broken.code).toBe('PDF_UNREADABLE');
    expect((broken.cause as Error).name).toBe('InvalidPDFException');
    const truncated = await refusal(pdfExtractor.extract(readCorpusPdf('tracemonkey.pdf').subarray(0, 200_000), 'cut.pdf'));
    expect(truncated.code).toBe('PDF_UNREADABLE');
    expect(truncated.params).toEqual({ file: 'cut.pdf' });
  });

  it('survives a PDF that claims 213,804,087 pages', async () => {
    const result = await pdfExtractor.extract(readCorpusPdf('poppler-85140-0.pdf'), 'poppler-85140-0.pdf');
    expect(result.pages.length).toBeLessThanOrEqual(2000);
  });

  it('stops at the page cap but still reports the real page count', async () => {
    const result = await createPdfExtractor({ maxPages: 2 }).extract(readCorpusPdf('tracemonkey.pdf'), 't.pdf');
    expect(result.pages).toHaveLength(2);
    expect(result.pageCount).toBe(14);
  });

  it('gives up when the time budget is spent', async () => {
    const started = Date.now();
    const error = await refusal(createPdfExtractor({ timeBudgetMs: 20 }).extract(readCorpusPdf('freeculture.pdf'), 'f.pdf'));
    expect(error.code).toBe('PDF_UNREADABLE');
    expect((error.cause as Error).name).toBe('TimeBudgetExceededError');
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('leaves the caller\'s bytes intact (pdf.js detaches the buffer it is given)', async () => {
    const bytes = readCorpusPdf('issue2128r.pdf');
    const before = createHash('sha256').update(bytes).digest('hex');
    await pdfExtractor.extract(bytes, 'issue2128r.pdf');
    expect(bytes.byteLength).toBeGreaterThan(0);
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(before);
  });

  it('extracts several documents concurrently with the same results', async () => {
    const files = ['issue2128r.pdf', 'issue13343.pdf', 'issue20453.pdf'];
    const sequential: string[][] = [];
    for (const file of files) sequential.push((await pdfExtractor.extract(readCorpusPdf(file), file)).pages);
    const concurrent = await Promise.all(files.map(async (file) => (await pdfExtractor.extract(readCorpusPdf(file), file)).pages));
    expect(concurrent).toEqual(sequential);
  });
});

describe('text in annotations', () => {
  it('reads filled-in form fields and free-text boxes, which getTextContent leaves out', async () => {
    const freeText = await pdfExtractor.extract(await readCorpusPdf('freetexts.pdf'), 'freetexts.pdf');
    expect(freeText.pages.join('\n')).toContain('Hello World from Acrobat');
    const form = await pdfExtractor.extract(await readCorpusPdf('listbox_actions.pdf'), 'listbox_actions.pdf');
    expect(form.pages.join('\n')).toContain('Item1');
  });
});
