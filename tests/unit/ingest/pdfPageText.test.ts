import { describe, expect, it } from 'vitest';
import { isCjkChar, joinTextItems } from '../../../src-main/core/ingest/pdfPageText.ts';
import type { PdfTextPiece } from '../../../src-main/core/ingest/pdfPageText.ts';

/** A 10-pt upright text item at (x, y) as pdf.js reports it. */
function item(str: string, x: number, y: number, width: number, hasEOL = false, size = 10): PdfTextPiece {
  return { str, hasEOL, transform: [size, 0, 0, size, x, y], width, height: size };
}

describe('joinTextItems', () => {
  it('breaks lines at hasEOL and keeps the words of a line apart', () => {
    const text = joinTextItems([
      item('Party', 0, 700, 25), item('A', 30, 700, 6, true),
      item('Sig', 0, 680, 15), item('ned', 15, 680, 15),
    ]);
    expect(text).toBe('Party A\nSigned');
  });

  it('collapses pdf.js whitespace items and ignores marked-content items', () => {
    const text = joinTextItems([item('Total', 0, 700, 25), item('  ', 25, 700, 5), { type: 'beginMarkedContent' }, item('due', 30, 700, 15)]);
    expect(text).toBe('Total due');
  });

  it('puts no space between CJK characters, even letter-spaced ones, but keeps it next to Latin', () => {
    const text = joinTextItems([item('甲方', 0, 700, 20), item(' ', 20, 700, 5), item('乙 方', 40, 700, 30), item('Ltd', 100, 700, 15)]);
    expect(text).toBe('甲方乙方 Ltd');
    expect(isCjkChar('の')).toBe(true);
    expect(isCjkChar('한')).toBe(false);
  });

  it('keeps a superscript on its line but starts a new line on a real jump down', () => {
    const text = joinTextItems([item('Gal', 0, 700, 15), item('*', 15, 704, 3, false, 6), item('Next', 0, 680, 20)]);
    expect(text).toBe('Gal*\nNext');
  });

  it('drops control characters that broken font encodings produce', () => {
    expect(joinTextItems([item('A\u0000B\u0003C', 0, 700, 15)])).toBe('ABC');
  });
});
