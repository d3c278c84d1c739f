import { afterAll, describe, expect, it } from 'vitest';
import { defaultExtractors, extractText } from '../../../../src-main/core/ingest/extractorRegistry.ts';
import { createImageExtractor } from '../../../../src-main/core/ingest/ocr/imageExtractor.ts';
import { createOcrEngine } from '../../../../src-main/core/ingest/ocr/ocrEngine.ts';
import { corruptPng, pngClaimingSize } from '../../../fixtures/ocr/forgedImages.ts';
import { makeTextImage, makeTextTiff } from '../../../fixtures/ocr/makeTextImage.ts';
import { refusal } from '../../../helpers/refusal.ts';

// One worker: vitest runs the OCR test files side by side on the two cores.
const engine = createOcrEngine({ workers: 1 });
const imageExtractor = createImageExtractor({ engine });
const extractors = [...defaultExtractors, imageExtractor];
// An engine that cannot start: an extractor using it proves a refusal came before any OCR.
const brokenEngine = createOcrEngine({ workers: 1, langPath: '/nonexistent-ocr-data' });

afterAll(async () => {
  await engine.terminate();
  await brokenEngine.terminate();
});


const englishLines = ['Service Agreement between Acme Trading Ltd', 'and Globex Corporation, effective 1 March 2024.', 'Payment is due within thirty days of invoice.'];
const chineseLines = ['合同编号：HT-2024-0386', '甲方：北京纷享科技有限公司', '乙方：上海示例贸易有限公司', '付款期限为三十日'];

describe('imageExtractor', () => {
  it('reads an English PNG, chosen by its magic bytes whatever its name', async () => {
    const result = await extractText(makeTextImage(englishLines), 'scan-without-extension', extractors);
    expect(result.format).toBe('image');
    expect(result.mime).toBe('image/png');
    expect(result.pages).toHaveLength(1);
    const text = (result.pages[0] ?? '').toLowerCase();
    for (const words of ['service agreement', 'acme trading', 'globex corporation', '1 march 2024', 'thirty days']) expect(text).toContain(words);
  });

  it('reads a Chinese PNG, with the spaces between Han characters removed', async () => {
    const result = await extractText(makeTextImage(chineseLines), '合同扫描.png', extractors);
    const text = result.pages[0] ?? '';
    for (const phrase of ['合同编号', 'HT-2024-0386', '甲方：北京纷享科技有限公司', '上海示例贸易有限公司', '付款期限为三十日']) expect(text).toContain(phrase);
    expect(text).not.toMatch(/\p{Script=Han} +\p{Script=Han}/u);
  });

  it('reads a JPEG', async () => {
    const result = await extractText(makeTextImage(['Invoice number 2024-117', 'Total amount: USD 12,500.00'], { format: 'jpeg' }), 'photo.jpg', extractors);
    expect(result.mime).toBe('image/jpeg');
    expect(result.pages[0]?.toLowerCase()).toContain('invoice number 2024-117');
    expect(result.pages[0]).toContain('12,500.00');
  });

  it('reads every page of a multi-page TIFF', async () => {
    const tiff = makeTextTiff([['First page of the scanned lease'], ['第二页租赁合同'], ['Third page signatures']], { bigEndian: true });
    const result = await extractText(tiff, 'lease.tif', extractors);
    expect(result.mime).toBe('image/tiff');
    expect(result.pageCount).toBe(3);
    expect(result.pages).toHaveLength(3);
    expect(result.pages[0]?.toLowerCase()).toContain('first page of the scanned lease');
    expect(result.pages[1]).toContain('租赁合同');
    expect(result.pages[2]?.toLowerCase()).toContain('third page');
  });

  it('refuses a damaged PNG with IMAGE_UNREADABLE', async () => {
    const error = await refusal(extractText(corruptPng(makeTextImage(englishLines)), 'damaged.png', extractors));
    expect(error.code).toBe('IMAGE_UNREADABLE');
    expect(error.params).toEqual({ file: 'damaged.png' });
  });

  it('refuses a PNG whose header claims 100000 x 100000 pixels at once, before any OCR', async () => {
    const guarded = createImageExtractor({ engine: brokenEngine });
    const started = performance.now();
    const error = await refusal(guarded.extract(pngClaimingSize(100_000, 100_000), 'bomb.png'));
    expect(performance.now() - started).toBeLessThan(100);
    // The broken engine would have answered OCR_FAILED had the image reached it.
    expect(error.code).toBe('IMAGE_TOO_LARGE');
    expect(error.params).toEqual({ file: 'bomb.png', limit: 60 });
  });

  it('refuses an image over a lower pixel cap, and a TIFF page too', async () => {
    const capped = createImageExtractor({ engine: brokenEngine, maxPixels: 10_000 });
    expect((await refusal(capped.extract(makeTextImage(['too big'], { width: 200, height: 100 }), 'a.png'))).code).toBe('IMAGE_TOO_LARGE');
    expect((await refusal(capped.extract(makeTextTiff([['too big']], { width: 200, height: 100 }), 'a.tif'))).code).toBe('IMAGE_TOO_LARGE');
  });

  it('claims files by content only: a text file named .png is not an image', async () => {
    expect(imageExtractor.matches('photo.png', new TextEncoder().encode('not an image'))).toBe(false);
    const error = await refusal(extractText(new TextEncoder().encode('not an image'), 'photo.png', extractors));
    expect(error.code).toBe('UNSUPPORTED_FORMAT');
  });

  it('reports an engine that cannot start as OCR_FAILED', async () => {
    const error = await refusal(createImageExtractor({ engine: brokenEngine }).extract(makeTextImage(['x']), 'x.png'));
    expect(error.code).toBe('OCR_FAILED');
    expect(error.params['file']).toBe('x.png');
  });
});
