import { execFile } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pLimit from 'p-limit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestVault } from '../helpers/testVault.ts';
import { pdfCorpusDir as corpus } from '../unit/ingest/corpus.ts';

const run = promisify(execFile);

/** Refusals a real-world PDF may legitimately get; anything else (INTERNAL above all) is a bug. */
const acceptableRefusals = new Set(['PDF_UNREADABLE', 'PDF_ENCRYPTED', 'EXTRACTION_TIMEOUT', 'EXTRACTION_OUT_OF_MEMORY']);

/** Non-space characters pdftotext finds in a file (poppler is the independent judge of "has text"). */
async function popplerTextChars(path: string): Promise<number> {
  try {
    const { stdout } = await run('pdftotext', ['-q', path, '-'], { maxBuffer: 64 * 1024 * 1024, timeout: 60_000 });
    return stdout.replace(/\s+/g, '').length;
  } catch {
    return 0;
  }
}

describe('the real-world PDF corpus (597 files from pdf.js\'s test suite, many deliberately broken)', () => {
  let vault: Awaited<ReturnType<typeof createTestVault>>;
  beforeAll(async () => { vault = await createTestVault(); });
  afterAll(async () => { await vault.cleanup(); });

  it('imports every file (with its text where it has text) or refuses it with a clear error, and the vault stays consistent', async () => {
    const files = (await readdir(corpus)).filter((f) => f.endsWith('.pdf')).sort().map((f) => join(corpus, f));
    expect(files.length).toBeGreaterThan(500);
    // OCR of the corpus's ~100 scanned files would take an hour on 2 cores: it is proven on scans of its own
    // (tests/integration/ocrImport.test.ts and tests/unit/ingest/ocr). Here the parsers themselves are on trial.
    await vault.call('settings.update', { ocrEnabled: false });
    const started = Date.now();
    const outcomes = await vault.call('contracts.import', { paths: files });
    const seconds = (Date.now() - started) / 1000;
    expect(outcomes).toHaveLength(files.length);

    const unexpected = outcomes.filter((o) => o.status === 'failed' && !acceptableRefusals.has(o.error.code));
    expect(unexpected.map((o) => `${o.file}: ${o.status === 'failed' ? `${o.error.code} ${o.error.message}` : ''}`)).toEqual([]);
    for (const o of outcomes) if (o.status === 'failed') expect(o.error.message.length).toBeGreaterThan(10);

    // "Text where the file has text": wherever poppler finds a real text layer, so must we.
    const limit = pLimit(2);
    const popplerChars = await Promise.all(files.map((f) => limit(() => popplerTextChars(f))));
    const textless = outcomes.filter((o, i) => (o.status === 'imported' || o.status === 'new-version') && o.textChars === 0 && (popplerChars[i] ?? 0) >= 50);
    expect(textless.map((o) => o.file)).toEqual([]);

    const counts = outcomes.reduce<Record<string, number>>((acc, o) => {
      const key = o.status === 'failed' ? `failed:${o.error.code}` : o.status;
      acc[key] = (acc[key] ?? 0) + 1;
      return acc;
    }, {});
    console.log(`corpus import: ${files.length} files in ${seconds.toFixed(1)} s (${(files.length / seconds).toFixed(1)} files/s)`, counts);

    const report = await vault.call('vault.verify', {});
    expect(report.problems).toEqual([]);
    expect(report.checkedVersions).toBe(outcomes.filter((o) => o.status === 'imported' || o.status === 'new-version').length);
  }, 600_000);
});
