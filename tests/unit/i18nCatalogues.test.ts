import { describe, expect, it } from 'vitest';
import { errorCodes } from '../../src-shared/api/errorCodes.ts';
import { catalogue, locales, translate } from '../../src-shared/i18n/translate.ts';

describe('message catalogues', () => {
  it('define the same keys in every locale, none empty', () => {
    const keys = (l: (typeof locales)[number]) => Object.keys(catalogue(l)).sort();
    expect(keys('zh-CN')).toEqual(keys('en'));
    for (const locale of locales) for (const value of Object.values(catalogue(locale))) expect(value.trim()).not.toBe('');
  });

  it('have a message for every error code in both languages, with the same placeholders', () => {
    for (const code of errorCodes) {
      const en = catalogue('en')[`error.${code}`];
      const zh = catalogue('zh-CN')[`error.${code}`];
      expect(en, code).toBeTruthy();
      expect(zh, code).toBeTruthy();
      const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      expect(placeholders(zh), code).toEqual(placeholders(en));
    }
  });

  it('are really translated: the Chinese catalogue is Chinese', () => {
    const zhValues = Object.values(catalogue('zh-CN'));
    const withHan = zhValues.filter((v) => /\p{Script=Han}/u.test(v));
    expect(withHan.length / zhValues.length).toBeGreaterThan(0.9);
    expect(translate('zh-CN', 'error.FILE_EMPTY', { file: 'a.pdf' })).toBe('文件 a.pdf 是空的（0 字节）。');
  });
});
