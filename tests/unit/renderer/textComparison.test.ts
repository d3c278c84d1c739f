import { describe, expect, it } from 'vitest';
import { tokenizeForDiff } from '../../../src-shared/rules/compare/diffTokens.ts';
import { compareTexts, stepHunk, type DiffPiece } from '../../../src-shared/rules/compare/textComparison.ts';

const marked = (pieces: DiffPiece[]) => pieces.filter((p) => p.kind !== 'same').map((p) => [p.text, p.hunk]);
const joined = (pieces: DiffPiece[]) => pieces.map((p) => p.text).join('');

describe('tokenizeForDiff', () => {
  it('keeps English words and numbers whole and splits Chinese into characters', () => {
    expect(tokenizeForDiff('Rent USD 1,000.00 don\'t 租金为¥1,000。')).toEqual(
      ['Rent', ' ', 'USD', ' ', '1,000.00', ' ', 'don\'t', ' ', '租', '金', '为', '¥', '1,000', '。'],
    );
  });

  it('separates a Latin word from Chinese written against it, and gives back the text exactly when joined', () => {
    const text = 'Party A甲方（Acme GmbH）\n\tsigned 签署';
    const tokens = tokenizeForDiff(text);
    expect(tokens.slice(0, 4)).toEqual(['Party', ' ', 'A', '甲']);
    expect(tokens.join('')).toBe(text);
    expect(tokenizeForDiff('')).toEqual([]);
  });
});

describe('compareTexts', () => {
  it('marks a changed English word whole, on each side', () => {
    const result = compareTexts('Rent is 1000 per month.', 'Rent is 1200 per month.');
    expect(marked(result.left)).toEqual([['1000', 0]]);
    expect(marked(result.right)).toEqual([['1200', 0]]);
    expect(result.hunkCount).toBe(1);
    expect(joined(result.left)).toBe('Rent is 1000 per month.');
    expect(joined(result.right)).toBe('Rent is 1200 per month.');
  });

  it('marks single changed Chinese characters, not the whole sentence', () => {
    const result = compareTexts('甲方应于每月五日前支付租金。', '甲方应于每月十日前支付租金和押金。');
    expect(marked(result.left)).toEqual([['五', 0]]);
    expect(marked(result.right)).toEqual([['十', 0], ['和押金', 1]]);
    expect(result.hunkCount).toBe(2);
  });

  it('makes a rewritten phrase one difference and ignores changes of spacing only', () => {
    const result = compareTexts('payable monthly arrears by  transfer', 'payable quarterly advance by transfer');
    expect(marked(result.left)).toEqual([['monthly', 0], ['arrears', 0]]);
    expect(marked(result.right)).toEqual([['quarterly', 0], ['advance', 0]]);
    expect(result.hunkCount).toBe(1);
    // Each side keeps its own spacing.
    expect(joined(result.left)).toBe('payable monthly arrears by  transfer');
  });

  it('finds nothing in equal texts', () => {
    const result = compareTexts('Same text 相同', 'Same text 相同');
    expect(result.hunkCount).toBe(0);
    expect(marked(result.left)).toEqual([]);
  });

  it('gives up on texts too different for its limits instead of freezing, marking nothing', () => {
    const a = Array.from({ length: 400 }, (_, i) => `alpha${i}`).join(' ');
    const b = Array.from({ length: 400 }, (_, i) => `beta${i}`).join(' ');
    const result = compareTexts(a, b, { timeoutMs: 1000, maxEditLength: 100 });
    expect(result.tooDifferent).toBe(true);
    expect(result.hunkCount).toBe(0);
    expect(joined(result.right)).toBe(b);
  });
});

describe('stepHunk', () => {
  it('goes to the first or last difference when none is selected, and wraps around', () => {
    expect(stepHunk(null, 3, 1)).toBe(0);
    expect(stepHunk(null, 3, -1)).toBe(2);
    expect(stepHunk(0, 3, 1)).toBe(1);
    expect(stepHunk(2, 3, 1)).toBe(0);
    expect(stepHunk(0, 3, -1)).toBe(2);
    expect(stepHunk(7, 3, 1)).toBe(0);
    expect(stepHunk(null, 0, 1)).toBeNull();
  });
});
