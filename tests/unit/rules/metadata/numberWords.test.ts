import { describe, expect, it } from 'vitest';
import { parseChineseInteger, parseCount, parseEnglishNumber } from '../../../../src-shared/rules/metadata/numberWords.ts';

describe('number words', () => {
  it.each([
    ['36', 36], ['三', 3], ['十二', 12], ['三十六', 36], ['两', 2], ['二十四', 24], ['一百八十', 180], ['壹拾贰', 12], ['拾贰', 12],
    ['thirty-six', 36], ['Twelve', 12], ['one hundred twenty', 120], ['two (2)', 2], ['三十（30）', null], ['三十(30)', 30], ['ninety (90)', 90],
  ] as const)('parseCount(%s) = %s', (text, expected) => {
    expect(parseCount(text)).toBe(expected);
  });

  it('refuses counts whose two spellings disagree', () => {
    expect(parseCount('two (3)')).toBeNull();
    expect(parseCount('三十(60)')).toBeNull();
  });

  it('refuses malformed Chinese numerals that nzh would still decode', () => {
    expect(parseChineseInteger('十十')).toBeNull();
    expect(parseChineseInteger('三三')).toBeNull();
    expect(parseChineseInteger('壹拾二')).toBeNull(); // 大写 and 小写 mixed
    expect(parseChineseInteger('壹佰万零伍仟')).toBe(1005000);
    expect(parseChineseInteger('壹佰万伍仟')).toBe(1005000);
  });

  it('refuses English words that are not numbers', () => {
    expect(parseEnglishNumber('thirty-twelve')).toBeNull();
    expect(parseEnglishNumber('several')).toBeNull();
    expect(parseEnglishNumber('twenty one')).toBe(21);
  });
});
