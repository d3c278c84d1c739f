import { afterAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../../src-shared/api/appError.ts';
import { createOcrEngine } from '../../../../src-main/core/ingest/ocr/ocrEngine.ts';
import { rasterizePdfPage } from '../../../../src-main/core/ingest/ocr/pdfPageRasterizer.ts';
import { ocrScannedPages } from '../../../../src-main/core/ingest/ocr/scannedPdfOcr.ts';
import { pdfExtractor } from '../../../../src-main/core/ingest/pdfExtractor.ts';
import { makePdf } from '../../../fixtures/makePdf.ts';
import { makeScannedPdf } from '../../../fixtures/ocr/makeScannedPdf.ts';
import { makeTextImage } from '../../../fixtures/ocr/makeTextImage.ts';
import { createCanvas, loadImage } from '@napi-rs/canvas';

const engine = createOcrEngine({ workers: 1 });
// An engine that cannot start: a call that returns normally with it never tried to OCR.
const brokenEngine = createOcrEngine({ workers: 1, langPath: '/nonexistent-ocr-data' });

afterAll(async () => {
  await engine.terminate();
  await brokenEngine.terminate();
});

async function darkPixels(png: Uint8Array): Promise<number> {
  const image = await loadImage(png);
  const canvas = createCanvas(image.width, image.height);
  const context = canvas.getContext('2d');
  context.drawImage(image, 0, 0);
  const data = context.getImageData(0, 0, image.width, image.height).data;
  let dark = 0;
  for (let i = 0; i < data.length; i += 4) if ((data[i] ?? 255) < 128) dark++;
  return dark;
}

describe('pdfPageRasterizer', () => {
  it('renders an A4 page at 300 DPI with the text of a non-embedded standard font drawn', async () => {
    const pdf = await makePdf([['Lease Agreement', 'Monthly rent: EUR 1,200']]);
    const page = await rasterizePdfPage(pdf, 1);
    expect([page.width, page.height]).toEqual([2479, 3508]);
    expect(page.dpi).toBeCloseTo(300);
    // Helvetica is not embedded; its glyphs come from pdf.js's standard font data (Liberation Sans).
    // Without that data pdf.js falls back to a system font, so this holds on a machine with fonts either way.
    expect(await darkPixels(page.png)).toBeGreaterThan(2000);
  });

  it('lowers the resolution of a huge page to the pixel cap', async () => {
    const page = await rasterizePdfPage(await makePdf([['x']]), 1, { maxPixels: 1_000_000 });
    expect(page.width * page.height).toBeLessThanOrEqual(1_000_000);
    expect(page.dpi).toBeLessThan(300);
  });
});

describe('ocrScannedPages', () => {
  it('OCRs both pages of a scanned PDF that has no text layer', async () => {
    const pdf = await makeScannedPdf([
      makeTextImage(['Purchase Agreement No. PA-2024-17', 'The Buyer shall pay within thirty days.']),
      makeTextImage(['合同编号：HT-2024-0386', '甲方：北京纷享科技有限公司', '付款期限为三十日']),
    ]);
    const extracted = await pdfExtractor.extract(pdf, 'scan.pdf');
    expect(extracted.pages.map((p) => p.trim())).toEqual(['', '']);
    const result = await ocrScannedPages(pdf, 'scan.pdf', extracted.pages, { engine });
    expect(result.ocrPages).toEqual([1, 2]);
    expect(result.skippedPages).toEqual([]);
    expect(result.pages[0]?.toLowerCase()).toContain('purchase agreement');
    expect(result.pages[0]?.toLowerCase()).toContain('thirty days');
    for (const phrase of ['合同编号', '甲方：北京纷享科技有限公司', '付款期限为三十日']) expect(result.pages[1]).toContain(phrase);
  });

  it('leaves a PDF with a text layer alone without loading the renderer or the engine', async () => {
    const pdf = await makePdf([['Master Services Agreement between Initech and Umbrella'], ['Schedule A: fees and payment terms']]);
    const extracted = await pdfExtractor.extract(pdf, 'text.pdf');
    const result = await ocrScannedPages(pdf, 'text.pdf', extracted.pages, { engine: brokenEngine });
    expect(result).toEqual({ pages: extracted.pages, ocrPages: [], skippedPages: [] });
  });

  it('skips a page with little text but no image (nothing to OCR), and respects maxPages', async () => {
    const textPdf = await makePdf([['Page 1'], ['Page 2']]);
    // Both pages are below the threshold but paint no image: the broken engine is never asked.
    const noImages = await ocrScannedPages(textPdf, 'short.pdf', ['Page 1', 'Page 2'], { engine: brokenEngine });
    expect(noImages.ocrPages).toEqual([]);
    expect(noImages.pages).toEqual(['Page 1', 'Page 2']);

    const scan = await makeScannedPdf([makeTextImage(['one']), makeTextImage(['two'])]);
    const capped = await ocrScannedPages(scan, 'scan.pdf', ['', ''], { engine: brokenEngine, maxPages: 0 });
    expect(capped).toEqual({ pages: ['', ''], ocrPages: [], skippedPages: [1, 2] });
  });

  it('reports a broken engine as OCR_FAILED and a cancelled import as IMPORT_CANCELLED', async () => {
    const scan = await makeScannedPdf([makeTextImage(['one'])]);
    const failed = await ocrScannedPages(scan, 'scan.pdf', [''], { engine: brokenEngine }).catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(AppError);
    expect((failed as AppError).code).toBe('OCR_FAILED');
    const cancelled = await ocrScannedPages(scan, 'scan.pdf', [''], { engine, signal: AbortSignal.abort() }).catch((e: unknown) => e);
    expect((cancelled as AppError).code).toBe('IMPORT_CANCELLED');
  });
});
