/**
 * The whole import pipeline (extract, metadata, classify, encrypt, commit) against pdftotext, in one run
 * (`npm run bench:pipeline`, or `node --import tsx tests/bench/pipelineBench.ts [--long-docs 12] [--pages 150]`).
 *
 * 1. Corpus: every PDF of ../shared/corpus/pdfjs imported in one `contracts.import` call into a fresh vault,
 *    against `pdftotext <file> -` one process per file, as a user's script would. OCR is off for this pass
 *    (pdftotext does none; OCR has its own benchmark, tests/bench/ocrBench.ts). Target: >= 1.0x files/s.
 * 2. Long text PDFs: generated contracts of N pages (default 12 x 150 pages, ~40 lines a page), imported the
 *    same way, against pdftotext on the same files. Target: >= 0.5x pdftotext's pages/s.
 * The faster of two pdftotext runs (before and after ours) is the baseline, since the machine may be shared.
 * CPU seconds are printed beside each figure (pdftotext's from /proc, ours for the whole process, worker
 * threads included), which a shared machine's load skews far less than wall-clock rates.
 *
 * The clock starts when `contracts.import` is called on a vault created a moment before, as a user's first
 * import after unlocking: it includes starting the extraction workers and compiling PDFium.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import type { ImportOutcome } from '../../src-shared/model/importResult.ts';
import { Backend } from '../../src-main/core/backend.ts';
import { pdfCorpusDir as corpusDir } from '../unit/ingest/corpus.ts';
import { childrenCpuSeconds } from './childrenCpuSeconds.ts';


function arg(name: string, fallback: number): number {
  const index = process.argv.indexOf(name);
  const value = index < 0 ? NaN : Number(process.argv[index + 1]);
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

// pdftotext runs from a small shell loop, one process per file, as importBench.ts does: forking it straight
// from this Node process would charge the baseline for copying our large address space at every fork.
const PDFTOTEXT_LOOP = 'for f in "$@"; do pdftotext -q "$f" - >/dev/null 2>&1; done';

/** Runs pdftotext on each file in turn, one process per file; resolves when the last has finished. */
function pdftotextEach(files: readonly string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('sh', ['-c', PDFTOTEXT_LOOP, 'sh', ...files], { stdio: 'ignore' });
    child.once('error', reject);
    child.once('close', () => resolve());
  });
}

interface Timed { seconds: number; cpuSeconds: number }

/** pdftotext over the files, one process at a time: wall and CPU seconds of a run; the faster of two runs is the bar. */
async function pdftotextSeconds(files: readonly string[]): Promise<{ first: Timed; second: () => Promise<Timed> }> {
  const time = async (): Promise<Timed> => {
    const cpu = childrenCpuSeconds();
    const started = performance.now();
    await pdftotextEach(files);
    return { seconds: (performance.now() - started) / 1000, cpuSeconds: childrenCpuSeconds() - cpu };
  };
  return { first: await time(), second: time };
}

const loadAverage = (): string => os.loadavg().map((l) => l.toFixed(2)).join(' ');

async function importSeconds(files: readonly string[], ocr: boolean): Promise<{ seconds: number; cpuSeconds: number; outcomes: ImportOutcome[]; peakRssMb: number }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'cvault-bench-'));
  const backend = new Backend({ actor: 'bench', locale: 'en' });
  let peak = 0;
  const sampler = setInterval(() => { peak = Math.max(peak, process.memoryUsage().rss); }, 100);
  try {
    const created = await backend.invoke('vault.create', { vaultDir: path.join(dir, 'vault'), passphrase: 'bench passphrase', kdf: 'interactive' });
    if (!created.ok) throw new Error(created.error.message);
    await backend.invoke('settings.update', { ocrEnabled: ocr });
    const cpu = process.cpuUsage();
    const started = performance.now();
    const result = await backend.invoke('contracts.import', { paths: [...files] });
    const seconds = (performance.now() - started) / 1000;
    const used = process.cpuUsage(cpu);
    if (!result.ok) throw new Error(result.error.message);
    return { seconds, cpuSeconds: (used.user + used.system) / 1e6, outcomes: result.value, peakRssMb: Math.round(peak / 1048576) };
  } finally {
    clearInterval(sampler);
    await backend.dispose();
    await rm(dir, { recursive: true, force: true });
  }
}

const words = 'The Supplier shall deliver the Goods described in Schedule A to the Buyer at the agreed price within thirty days of each purchase order and the Buyer shall pay within sixty days of invoice'.split(' ');

async function makeLongPdf(pages: number, seed: number): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let p = 0; p < pages; p++) {
    const page = doc.addPage([595, 842]);
    for (let line = 0; line < 40; line++) {
      const text = Array.from({ length: 12 }, (_, w) => words[(seed * 7 + p * 13 + line * 5 + w) % words.length]).join(' ');
      page.drawText(`${p + 1}.${line + 1} ${text}`, { x: 40, y: 800 - line * 19, size: 10, font });
    }
  }
  return doc.save({ useObjectStreams: false });
}

function summarise(outcomes: readonly ImportOutcome[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const o of outcomes) {
    const key = o.status === 'failed' ? `failed:${o.error.code}` : o.status;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

const figures: Record<string, unknown> = {};

// 1. Corpus
const corpus = (await readdir(corpusDir)).filter((f) => f.endsWith('.pdf')).sort().map((f) => path.join(corpusDir, f));
console.log(`machine: ${os.cpus().length} cores, node ${process.version}, load average at start ${loadAverage()}`);
console.log(`corpus: ${corpus.length} PDFs from ${corpusDir}`);
const baseline = await pdftotextSeconds(corpus);
const ours = await importSeconds(corpus, false);
const baselineAgain = await baseline.second();
const poppler = baseline.first.seconds <= baselineAgain.seconds ? baseline.first : baselineAgain;
const popplerSeconds = poppler.seconds;
const corpusRatio = (corpus.length / ours.seconds) / (corpus.length / popplerSeconds);
const corpusCpuRatio = poppler.cpuSeconds / ours.cpuSeconds;
console.log(`  pdftotext (one process per file): ${baseline.first.seconds.toFixed(1)} s and ${baselineAgain.seconds.toFixed(1)} s -> ${(corpus.length / popplerSeconds).toFixed(1)} files/s (faster run; ${poppler.cpuSeconds.toFixed(1)} CPU s)`);
console.log(`  contracts.import (OCR off):       ${ours.seconds.toFixed(1)} s -> ${(corpus.length / ours.seconds).toFixed(1)} files/s, ${ours.cpuSeconds.toFixed(1)} CPU s (all threads), peak RSS ${ours.peakRssMb} MB`, summarise(ours.outcomes));
console.log(`  ratio ours/pdftotext: ${corpusRatio.toFixed(2)}x (target >= 1.0x: ${corpusRatio >= 1 ? 'met' : 'NOT met'}); CPU-time ratio ${corpusCpuRatio.toFixed(2)}x; load average ${loadAverage()}`);
Object.assign(figures, { corpusFiles: corpus.length, corpusPdftotextFilesPerSec: corpus.length / popplerSeconds, corpusImportFilesPerSec: corpus.length / ours.seconds, corpusRatio, corpusPdftotextCpuSeconds: poppler.cpuSeconds, corpusImportCpuSeconds: ours.cpuSeconds, corpusCpuRatio, corpusPeakRssMb: ours.peakRssMb });

// 2. Long text PDFs
const longDocs = arg('--long-docs', 12);
const pagesPerDoc = arg('--pages', 150);
const longDir = await mkdtemp(path.join(os.tmpdir(), 'cvault-bench-long-'));
try {
  const longFiles: string[] = [];
  for (let i = 0; i < longDocs; i++) {
    const file = path.join(longDir, `long-contract-${i + 1}.pdf`);
    await writeFile(file, await makeLongPdf(pagesPerDoc, i + 1));
    longFiles.push(file);
  }
  const totalPages = longDocs * pagesPerDoc;
  const longBaseline = await pdftotextSeconds(longFiles);
  const longOurs = await importSeconds(longFiles, false);
  const longBaselineAgain = await longBaseline.second();
  const longBest = longBaseline.first.seconds <= longBaselineAgain.seconds ? longBaseline.first : longBaselineAgain;
  const longPoppler = longBest.seconds;
  const pagesRatio = (totalPages / longOurs.seconds) / (totalPages / longPoppler);
  const longCpuRatio = longBest.cpuSeconds / longOurs.cpuSeconds;
  console.log(`long PDFs: ${longDocs} x ${pagesPerDoc} pages`);
  console.log(`  pdftotext: ${(totalPages / longPoppler).toFixed(0)} pages/s (faster of ${longBaseline.first.seconds.toFixed(2)} s, ${longBaselineAgain.seconds.toFixed(2)} s; ${longBest.cpuSeconds.toFixed(2)} CPU s)`);
  console.log(`  contracts.import: ${(totalPages / longOurs.seconds).toFixed(0)} pages/s (${longOurs.seconds.toFixed(2)} s, ${longOurs.cpuSeconds.toFixed(2)} CPU s all threads, peak RSS ${longOurs.peakRssMb} MB)`, summarise(longOurs.outcomes));
  console.log(`  ratio ours/pdftotext: ${pagesRatio.toFixed(2)}x (target >= 0.5x: ${pagesRatio >= 0.5 ? 'met' : 'NOT met'}); CPU-time ratio ${longCpuRatio.toFixed(2)}x; load average ${loadAverage()}`);
  Object.assign(figures, { longPages: totalPages, longPdftotextPagesPerSec: totalPages / longPoppler, longImportPagesPerSec: totalPages / longOurs.seconds, longPagesRatio: pagesRatio, longPdftotextCpuSeconds: longBest.cpuSeconds, longImportCpuSeconds: longOurs.cpuSeconds, longCpuRatio });
} finally {
  await rm(longDir, { recursive: true, force: true });
}
console.log(`BENCH_JSON ${JSON.stringify(figures)}`);
