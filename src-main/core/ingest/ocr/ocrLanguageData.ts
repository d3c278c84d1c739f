import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { packagedResourcePath } from '../packagedResources.ts';

/** Languages the OCR engine reads; tesseract's codes. */
export type OcrLanguage = 'eng' | 'chi_sim';

/** The languages every OCR run loads together, so mixed Chinese/English contracts read in one pass. */
export const OCR_LANGUAGES: readonly OcrLanguage[] = ['eng', 'chi_sim'];

/**
 * The two builds each `@tesseract.js-data/*` package ships: `4.0.0` (float LSTM plus the legacy
 * engine's data) and `4.0.0_best_int` (the "tessdata_best" LSTM models quantised to integers).
 */
export type OcrDataVariant = '4.0.0' | '4.0.0_best_int';

/**
 * `4.0.0_best_int`, measured with tests/bench/ocrBench.ts (4 + 4 generated A4 pages at 300 DPI, 30 lines
 * each, eng+chi_sim, this 2-core machine): Chinese 0.24% character errors at 8.3–9.3 CPU s/page against
 * 0.35% at 9.1–9.7 for `4.0.0`; English error-free with both at 3.1–4.1 CPU s/page; one worker peaks at
 * about 515 MB RSS against 625 MB; and it ships 4.7 MB of data instead of 31 MB. So: as accurate or
 * better, no slower, lighter.
 */
export const DEFAULT_OCR_DATA_VARIANT: OcrDataVariant = '4.0.0_best_int';

/** Where one language's traineddata lives, in the form tesseract.js's `langPath`/`gzip` options take. */
export interface OcrLanguageData {
  readonly language: OcrLanguage;
  readonly variant: OcrDataVariant;
  /** Absolute folder holding `<language>.traineddata[.gz]` (a filesystem path, never a URL). */
  readonly langPath: string;
  /** Absolute path of the traineddata file itself. */
  readonly file: string;
  /** Whether the file is gzipped (`.traineddata.gz`); tesseract.js then asks for the `.gz` name. */
  readonly gzip: boolean;
}

const require = createRequire(import.meta.url);

/**
 * Resolves a language's data inside its npm package (no download: the packages are dependencies).
 * Throws a plain Error when the package or variant is missing; the engine reports it as OCR_FAILED.
 */
export function resolveOcrLanguageData(language: OcrLanguage, variant: OcrDataVariant = DEFAULT_OCR_DATA_VARIANT): OcrLanguageData {
  const packageRoot = packagedResourcePath('tessdata', language) ?? path.dirname(require.resolve(`@tesseract.js-data/${language}/package.json`));
  const langPath = path.join(packageRoot, variant);
  for (const gzip of [true, false]) {
    const file = path.join(langPath, `${language}.traineddata${gzip ? '.gz' : ''}`);
    if (existsSync(file)) return { language, variant, langPath, file, gzip };
  }
  throw new Error(`OCR language data ${language}/${variant} is not installed`);
}
