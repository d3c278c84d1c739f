/**
 * Run as its own Node process by extractRobustness.test.ts: extracts the named corpus files and
 * writes exactly one JSON line to stdout, so the test can prove that nothing else (pdf.js warnings
 * included) reaches stdout or stderr in a real process with the real console.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { isAppError } from '../../../src-shared/api/appError.ts';
import { extractText } from '../../../src-main/core/ingest/extractorRegistry.ts';
import { pdfCorpusDir } from './corpus.ts';

/** What became of one file: text, a translated refusal, or anything else (a bug). */
export type SampleOutcome =
  | { file: string; outcome: 'ok'; pages: number; chars: number }
  | { file: string; outcome: 'refused'; code: string }
  | { file: string; outcome: 'crashed'; error: string };

const lateFailures: string[] = [];
process.on('unhandledRejection', (reason) => lateFailures.push(`unhandledRejection: ${String(reason)}`));
process.on('uncaughtException', (error) => lateFailures.push(`uncaughtException: ${String(error)}`));

const outcomes: SampleOutcome[] = [];
for (const file of process.argv.slice(2)) {
  try {
    const result = await extractText(readFileSync(path.join(pdfCorpusDir, file)), file);
    const chars = result.pages.reduce((sum, page) => sum + page.length, 0);
    outcomes.push({ file, outcome: 'ok', pages: result.pages.length, chars });
  } catch (error) {
    outcomes.push(isAppError(error)
      ? { file, outcome: 'refused', code: error.code }
      : { file, outcome: 'crashed', error: String(error) });
  }
}
// Let any stray timers or rejections from destroyed documents surface before reporting.
await new Promise((resolve) => setTimeout(resolve, 200));
process.stdout.write(`${JSON.stringify({ outcomes, lateFailures })}\n`);
