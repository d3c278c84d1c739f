import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_OCR_DATA_VARIANT, OCR_LANGUAGES, resolveOcrLanguageData } from '../../../../src-main/core/ingest/ocr/ocrLanguageData.ts';

describe('resolveOcrLanguageData', () => {
  it('finds both languages, in both variants, as gzipped files inside their npm packages', () => {
    expect(OCR_LANGUAGES).toEqual(['eng', 'chi_sim']);
    for (const language of OCR_LANGUAGES) {
      for (const variant of ['4.0.0', '4.0.0_best_int'] as const) {
        const data = resolveOcrLanguageData(language, variant);
        // A local absolute folder, never a URL: tesseract.js downloads from a CDN when langPath is a URL or unset.
        expect(path.isAbsolute(data.langPath)).toBe(true);
        expect(data.langPath).not.toMatch(/^[a-z]+:\/\//i);
        expect(data.langPath.split(path.sep).join('/')).toContain(`node_modules/@tesseract.js-data/${language}/${variant}`);
        expect(data.gzip).toBe(true);
        expect(data.file).toBe(path.join(data.langPath, `${language}.traineddata.gz`));
        expect(existsSync(data.file)).toBe(true);
      }
    }
  });

  it('uses the best_int data by default', () => {
    expect(DEFAULT_OCR_DATA_VARIANT).toBe('4.0.0_best_int');
    expect(resolveOcrLanguageData('chi_sim').variant).toBe('4.0.0_best_int');
  });
});
