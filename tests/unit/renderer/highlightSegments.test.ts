import { describe, expect, it } from 'vitest';
import { highlightSegments } from '../../../src-renderer/features/search/highlightSegments.ts';

const render = (text: string, ranges: Array<[number, number]>) =>
  highlightSegments(text, ranges).map((s) => (s.marked ? `[${s.text}]` : s.text)).join('');

describe('highlightSegments', () => {
  it('marks the given ranges and keeps every character exactly once', () => {
    expect(render('双方同意按照本合同约定进行合同管理与货物交付', [[13, 17]])).toBe('双方同意按照本合同约定进行[合同管理]与货物交付');
    expect(render('Page two: maintenance and support terms.', [[10, 21]])).toBe('Page two: [maintenance] and support terms.');
    expect(render('abc', [])).toBe('abc');
    expect(highlightSegments('', [[0, 3]])).toEqual([]);
  });

  it('survives unsorted, overlapping, touching, empty and out-of-range ranges', () => {
    expect(render('abcdefghij', [[6, 8], [1, 3], [2, 5], [5, 6], [9, 9], [-4, 0], [9, 40]])).toBe('a[bcdefgh]i[j]');
    const segments = highlightSegments('abcdefghij', [[6, 8], [1, 3], [2, 5]]);
    expect(segments.map((s) => s.text).join('')).toBe('abcdefghij');
  });

  it('keeps surrogate pairs whole when the ranges are on their boundaries (UTF-16 offsets, as the backend gives them)', () => {
    const text = '𠀀合同𠀀';
    expect(render(text, [[2, 4]])).toBe('𠀀[合同]𠀀');
  });
});
