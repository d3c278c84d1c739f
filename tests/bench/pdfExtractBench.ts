/**
 * PDF text extraction throughput over the whole pdf.js corpus: our extractor (pdf.js, in-process)
 * against the baseline of poppler's `pdftotext`, one process per file, in the same run.
 * Run: node --import tsx tests/bench/pdfExtractBench.ts   (prints figures, asserts nothing)
 */
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { isAppError } from '../../src-shared/api/appError.ts';
import { extractText } from '../../src-main/core/ingest/extractorRegistry.ts';
import { loadPdfjs } from '../../src-main/core/ingest/pdfjsRuntime.ts';
import { pdfCorpusDir as corpusDir } from '../unit/ingest/corpus.ts';

const run = promisify(execFile);
const files = readdirSync(corpusDir).filter((f) => f.toLowerCase().endsWith('.pdf')).sort();
const rate = (count: number, ms: number): string => (count / (ms / 1000)).toFixed(1);

let peakRss = process.memoryUsage().rss;
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 50);

// Loading pdf.js is a one-off cost per process; report it apart from the per-file rate.
const loadStarted = performance.now();
await loadPdfjs();
const loadMs = performance.now() - loadStarted;

const outcomes = new Map<string, number>();
const slowest: Array<{ file: string; ms: number }> = [];
let chars = 0;
const oursStarted = performance.now();
for (const file of files) {
  const started = performance.now();
  let outcome: string;
  try {
    const result = await extractText(readFileSync(path.join(corpusDir, file)), file);
    chars += result.pages.reduce((sum, page) => sum + page.length, 0);
    outcome = 'ok';
  } catch (error) {
    outcome = isAppError(error) ? `refused ${error.code}` : `CRASHED ${String(error)}`;
  }
  outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
  slowest.push({ file, ms: performance.now() - started });
}
const oursMs = performance.now() - oursStarted;
clearInterval(sampler);
slowest.sort((a, b) => b.ms - a.ms);

let baseline: { ok: number; failed: number; ms: number } | string;
try {
  await run('pdftotext', ['-v']);
  let ok = 0;
  let failed = 0;
  const started = performance.now();
  for (const file of files) {
    try {
      await run('pdftotext', ['-q', path.join(corpusDir, file), '-'], { maxBuffer: 256 * 1024 * 1024, timeout: 60_000 });
      ok++;
    } catch {
      failed++;
    }
  }
  baseline = { ok, failed, ms: performance.now() - started };
} catch {
  baseline = 'pdftotext not found (apt-get install -y poppler-utils); no baseline this run';
}

const ok = outcomes.get('ok') ?? 0;
console.log(`corpus: ${files.length} PDFs in ${corpusDir}`);
console.log(`pdf.js load (once per process): ${loadMs.toFixed(0)} ms`);
console.log(`ours (pdf.js ${(await loadPdfjs()).lib.version}, sequential, in-process): ${(oursMs / 1000).toFixed(1)} s, ${rate(files.length, oursMs)} files/s, peak RSS ${(peakRss / 1e6).toFixed(0)} MB, ${chars} chars`);
console.log(`  ok ${ok}, refused ${files.length - ok}`);
for (const [outcome, count] of [...outcomes].sort()) if (outcome !== 'ok') console.log(`    ${outcome}: ${count}`);
console.log(`  slowest: ${slowest.slice(0, 5).map((s) => `${s.file} ${s.ms.toFixed(0)} ms`).join(', ')}`);
if (typeof baseline === 'string') {
  console.log(`baseline: ${baseline}`);
} else {
  console.log(`baseline pdftotext (poppler, one process per file): ${(baseline.ms / 1000).toFixed(1)} s, ${rate(files.length, baseline.ms)} files/s, exit 0: ${baseline.ok}, non-zero: ${baseline.failed}`);
}
