import { describe, expect, it } from 'vitest';
import { detectImageMime, readJpegDimensions, readPngDimensions } from '../../../../src-main/core/ingest/ocr/imageHeader.ts';
import { readTiffDirectory, tiffStartingAt } from '../../../../src-main/core/ingest/ocr/tiffDirectory.ts';
import { pngClaimingSize } from '../../../fixtures/ocr/forgedImages.ts';
import { makeTextImage } from '../../../fixtures/ocr/makeTextImage.ts';
import { encodeTiff } from '../../../fixtures/ocr/tiffEncoder.ts';

const gray = (width: number, height: number) => ({ width, height, pixels: new Uint8Array(width * height).fill(255) });

describe('image headers', () => {
  it('detects PNG, JPEG and TIFF (both byte orders) by their magic bytes only', () => {
    expect(detectImageMime(makeTextImage(['x']))).toBe('image/png');
    expect(detectImageMime(makeTextImage(['x'], { format: 'jpeg' }))).toBe('image/jpeg');
    expect(detectImageMime(encodeTiff([gray(2, 2)]))).toBe('image/tiff');
    expect(detectImageMime(encodeTiff([gray(2, 2)], { bigEndian: true }))).toBe('image/tiff');
    expect(detectImageMime(new TextEncoder().encode('%PDF-1.7'))).toBeNull();
    expect(detectImageMime(new Uint8Array([0x89, 0x50, 0x4e]))).toBeNull();
  });

  it('reads the size of a PNG and a JPEG from their headers', () => {
    const png = makeTextImage(['Size check'], { width: 321, height: 123 });
    expect(readPngDimensions(png)).toEqual({ width: 321, height: 123 });
    const jpeg = makeTextImage(['Size check'], { width: 321, height: 123, format: 'jpeg' });
    expect(readJpegDimensions(jpeg)).toEqual({ width: 321, height: 123 });
    expect(readPngDimensions(pngClaimingSize(100_000, 100_000))).toEqual({ width: 100_000, height: 100_000 });
  });

  it('returns null for truncated or headerless data', () => {
    expect(readPngDimensions(makeTextImage(['x']).slice(0, 20))).toBeNull();
    expect(readJpegDimensions(new Uint8Array([0xff, 0xd8, 0xff, 0xda, 0, 2]))).toBeNull();
    expect(readJpegDimensions(new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 1]))).toBeNull();
  });
});

describe('TIFF directory', () => {
  it('lists every page with its size, and caps how many it returns while still counting them', () => {
    const tiff = encodeTiff([gray(10, 20), gray(30, 40), gray(50, 60)]);
    const all = readTiffDirectory(tiff, 10);
    expect(all?.pages.map((p) => [p.width, p.height])).toEqual([[10, 20], [30, 40], [50, 60]]);
    expect(all?.pageCount).toBe(3);
    const capped = readTiffDirectory(tiff, 2);
    expect(capped?.pages).toHaveLength(2);
    expect(capped?.pageCount).toBe(3);
  });

  it('leaves out reduced-resolution copies (thumbnails) flagged by NewSubfileType', () => {
    const tiff = encodeTiff([gray(10, 20), gray(3, 4), gray(50, 60)]);
    const thumbnail = readTiffDirectory(tiff, 10)?.pages[1];
    if (!thumbnail) throw new Error('expected three pages');
    // The encoder writes NewSubfileType (254) as the first entry; bit 0 marks a reduced-resolution image.
    new DataView(tiff.buffer).setUint32(thumbnail.ifdOffset + 2 + 8, 1, true);
    const directory = readTiffDirectory(tiff, 10);
    expect(directory?.pages.map((p) => p.width)).toEqual([10, 50]);
    expect(directory?.pageCount).toBe(2);
  });

  it('survives a directory chain that loops back on itself', () => {
    const tiff = encodeTiff([gray(10, 20), gray(30, 40)]);
    const directory = readTiffDirectory(tiff, 10);
    const second = directory?.pages[1];
    if (!second) throw new Error('expected two pages');
    // Point the second page's "next directory" back at the first one.
    const view = new DataView(tiff.buffer);
    view.setUint32(second.ifdOffset + 2 + view.getUint16(second.ifdOffset, true) * 12, 8, true);
    expect(readTiffDirectory(tiff, 10)?.pageCount).toBe(2);
  });

  it('makes a copy whose first directory is the chosen page, leaving the original untouched', () => {
    const tiff = encodeTiff([gray(10, 20), gray(30, 40)], { bigEndian: true });
    const directory = readTiffDirectory(tiff, 10);
    const second = directory?.pages[1];
    if (!directory || !second) throw new Error('expected two pages');
    const moved = tiffStartingAt(tiff, second, directory.bigTiff);
    expect(readTiffDirectory(moved, 1)?.pages[0]).toEqual(second);
    expect(readTiffDirectory(tiff, 1)?.pages[0]?.width).toBe(10);
  });

  it('refuses a header whose first directory is outside the file', () => {
    const tiff = encodeTiff([gray(4, 4)]);
    new DataView(tiff.buffer).setUint32(4, tiff.length + 100, true);
    expect(readTiffDirectory(tiff, 10)).toBeNull();
  });
});
