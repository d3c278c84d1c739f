/**
 * Import throughput benchmark (run: `npm run bench:import`, or `node --import tsx tests/bench/importBench.ts
 * [--files N] [--batch 50] [--no-batches] [--no-split]`).
 *
 * Target: importing N (default 1,000) small PDFs from ../shared/corpus/pdfjs runs at no less than 0.5x
 * the rate of `pdftotext` (poppler-utils) over the same files, measured in the same run.
 *
 * "Small" = at most 200 KB and readable by pdftotext (exit 0), chosen untimed, sorted by name, then
 * repeated cyclically to N files; each copy gets `\n%cvbench <index>\n` appended after its bytes (a PDF
 * comment after %%EOF: still a valid PDF, but new bytes, so no copy is a duplicate) and a unique name
 * (so no copy is filed as a new version of another). Inputs live in a temp folder removed at the end.
 *
 * Passes, all over the same N files: pdftotext one process per file (the baseline); `contracts.import`
 * of all files in one call into a fresh vault; the same in batches of 50 into another fresh vault; then
 * the per-phase split: pdf.js extraction alone (`extractText`) and the encrypted blob writes alone
 * (`BlobStore.write` of the original and of its text, each fsynced as import does). Import time minus
 * those two is what the rest costs (content MAC, SQLite transaction with synchronous=FULL, audit chain).
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { isAppError } from '../../src-shared/api/appError.ts';
import type { ImportOutcome } from '../../src-shared/model/importResult.ts';
import { Backend } from '../../src-main/core/backend.ts';
import { generateDataKey } from '../../src-main/core/crypto/dataKeys.ts';
import { BlobStore } from '../../src-main/core/files/blobStore.ts';
import { extractText } from '../../src-main/core/ingest/extractorRegistry.ts';
import { encodeExtractedText, textRecordId } from '../../src-main/core/services/extractedTextBlob.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const corpusDir = path.resolve(repoRoot, '..', 'shared', 'corpus', 'pdfjs');
const SMALL_BYTES = 200 * 1024;
const TARGET_RATIO = 0.5;
const PASSPHRASE = 'bench passphrase for import';
// Selection only: a file pdftotext cannot finish in this long is not "small" in any useful sense.
const SELECT_TIMEOUT_MS = 30_000;

interface Options { files: number; batch: number; batches: boolean; split: boolean }

function parseArgs(argv: readonly string[]): Options {
  const options: Options = { files: 1000, batch: 50, batches: true, split: true };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const next = (): number => {
      const value = Number(argv[++i]);
      if (!Number.isSafeInteger(value) || value < 1) throw new Error(`${arg} needs a positive integer`);
      return value;
    };
    if (arg === '--files') options.files = next();
    else if (arg === '--batch') options.batch = next();
    else if (arg === '--no-batches') options.batches = false;
    else if (arg === '--no-split') options.split = false;
    else throw new Error(`unknown argument ${arg ?? ''} (use --files N, --batch N, --no-batches, --no-split)`);
  }
  return options;
}

/** Peak resident set size over a phase, sampled every 100 ms (plus at start and stop). */
class RssSampler {
  private peak = process.memoryUsage().rss;
  private readonly timer = setInterval(() => this.sample(), 100);

  sample(): void {
    this.peak = Math.max(this.peak, process.memoryUsage().rss);
  }

  stop(): number {
    clearInterval(this.timer);
    this.sample();
    return this.peak;
  }
}

/** Wall time, CPU time of this process and peak RSS of one async phase. */
async function measure<T>(work: () => Promise<T>): Promise<{ value: T; ms: number; cpuMs: number; peakRss: number }> {
  const sampler = new RssSampler();
  const cpu = process.cpuUsage();
  const start = performance.now();
  try {
    const value = await work();
    const ms = performance.now() - start;
    const used = process.cpuUsage(cpu);
    return { value, ms, cpuMs: (used.user + used.system) / 1000, peakRss: sampler.stop() };
  } catch (error) {
    sampler.stop();
    throw error;
  }
}

/** Runs `pdftotext <file> -` with stdout discarded; resolves with its exit code (null when killed). */
function pdftotext(file: string, timeoutMs?: number): Promise<number | null> {
  return new Promise((resolve, reject) => {
    const child = spawn('pdftotext', [file, '-'], { stdio: 'ignore' });
    const timer = timeoutMs === undefined ? undefined : setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve(code);
    });
  });
}

async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}

const mb = (bytes: number): string => (bytes / (1024 * 1024)).toFixed(1);
const fixed = (value: number, digits = 1): string => value.toFixed(digits);
const rate = (files: number, ms: number): number => (ms > 0 ? files / (ms / 1000) : 0);
const round = (value: number, digits = 3): number => Number(value.toFixed(digits));

/** Counts outcomes by status, failures also by error code. */
function countOutcomes(outcomes: readonly ImportOutcome[]): { byStatus: Record<string, number>; failedByCode: Record<string, number> } {
  const byStatus: Record<string, number> = {};
  const failedByCode: Record<string, number> = {};
  for (const outcome of outcomes) {
    byStatus[outcome.status] = (byStatus[outcome.status] ?? 0) + 1;
    if (outcome.status === 'failed') failedByCode[outcome.error.code] = (failedByCode[outcome.error.code] ?? 0) + 1;
  }
  return { byStatus, failedByCode };
}

function describeCounts(counts: Record<string, number>): string {
  const entries = Object.entries(counts).sort(([a], [b]) => a.localeCompare(b));
  return entries.length === 0 ? 'none' : entries.map(([key, n]) => `${key}=${n}`).join(', ');
}

async function createVault(root: string, name: string): Promise<{ backend: Backend; vaultDir: string }> {
  const vaultDir = path.join(root, name);
  const backend = new Backend({ actor: 'bench', locale: 'en' });
  const created = await backend.invoke('vault.create', { vaultDir, passphrase: PASSPHRASE, kdf: 'interactive' });
  if (!created.ok) throw new Error(`vault.create failed: ${created.error.code}: ${created.error.message}`);
  return { backend, vaultDir };
}

async function importPaths(backend: Backend, paths: string[]): Promise<ImportOutcome[]> {
  const result = await backend.invoke('contracts.import', { paths });
  if (!result.ok) throw new Error(`contracts.import failed: ${result.error.code}: ${result.error.message}`);
  return result.value;
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const workRoot = await mkdtemp(path.join(os.tmpdir(), 'cvault-bench-import-'));
  const backends: Backend[] = [];
  try {
    console.log(`Import benchmark: ${options.files} small PDFs from ${corpusDir}`);
    console.log(`machine: ${os.cpus().length} cores, ${os.cpus()[0]?.model ?? 'unknown cpu'}, node ${process.version}, ${os.platform()} ${os.release()}, load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);

    // --- Selection (untimed) ---
    const candidates = (await readdir(corpusDir)).filter((name) => name.toLowerCase().endsWith('.pdf')).sort();
    const sized = (await Promise.all(candidates.map(async (name) => ({ name, size: (await stat(path.join(corpusDir, name))).size }))))
      .filter((file) => file.size > 0 && file.size <= SMALL_BYTES);
    const exits = await mapLimit(sized, os.cpus().length, (file) => pdftotext(path.join(corpusDir, file.name), SELECT_TIMEOUT_MS));
    const selected = sized.filter((_file, index) => exits[index] === 0);
    if (selected.length === 0) throw new Error('no corpus PDF of at most 200 KB that pdftotext reads (is poppler-utils installed?)');
    const selectedBytes = selected.reduce((sum, file) => sum + file.size, 0);
    console.log(`selection: ${candidates.length} PDFs in corpus, ${sized.length} <= 200 KB, ${selected.length} that pdftotext exits 0 on ` +
      `(mean ${fixed(selectedBytes / selected.length / 1024)} KB); repeated to ${options.files} files`);

    // --- Inputs: N unique copies ---
    const inputDir = path.join(workRoot, 'input');
    await mkdir(inputDir);
    const width = String(options.files - 1).length;
    const inputs: { path: string; original: string }[] = [];
    let inputBytes = 0;
    for (let index = 0; index < options.files; index++) {
      const original = selected[index % selected.length]?.name ?? '';
      const bytes = Buffer.concat([await readFile(path.join(corpusDir, original)), Buffer.from(`\n%cvbench ${index}\n`, 'latin1')]);
      const file = path.join(inputDir, `${String(index).padStart(width, '0')}-${original}`);
      await writeFile(file, bytes);
      inputs.push({ path: file, original });
      inputBytes += bytes.length;
    }
    const paths = inputs.map((input) => input.path);
    // Flush the inputs now, untimed, so their writeback does not land on the fsyncs of the timed passes.
    spawnSync('sync');
    console.log(`inputs: ${inputs.length} files, ${mb(inputBytes)} MB in ${inputDir}; RSS before the timed passes ${mb(process.memoryUsage().rss)} MB`);
    console.log('');

    // --- Baseline: pdftotext, one process per file, sequential ---
    const baseline = await measure(async () => {
      const codes: Record<string, number> = {};
      for (const file of paths) {
        const code = String(await pdftotext(file));
        codes[code] = (codes[code] ?? 0) + 1;
      }
      return codes;
    });
    const baselineRate = rate(paths.length, baseline.ms);
    console.log(`baseline pdftotext (1 process/file, sequential): ${fixed(baseline.ms / 1000, 2)} s, ${fixed(baselineRate)} files/s, ` +
      `${fixed(baseline.ms / paths.length, 2)} ms/file, exit codes: ${describeCounts(baseline.value)}`);

    // --- Ours: one contracts.import call with every file ---
    const single = await createVault(workRoot, 'vault-single');
    backends.push(single.backend);
    const ours = await measure(() => importPaths(single.backend, paths));
    const oursRate = rate(paths.length, ours.ms);
    const oursCounts = countOutcomes(ours.value);
    const ratio = baselineRate > 0 ? oursRate / baselineRate : 0;
    console.log(`ours contracts.import (1 call, ${paths.length} paths): ${fixed(ours.ms / 1000, 2)} s, ${fixed(oursRate)} files/s, ` +
      `${fixed(ours.ms / paths.length, 2)} ms/file, CPU ${fixed(ours.cpuMs / 1000, 2)} s (${fixed((100 * ours.cpuMs) / ours.ms, 0)}% of wall), ` +
      `peak RSS ${mb(ours.peakRss)} MB`);
    console.log(`  outcomes: ${describeCounts(oursCounts.byStatus)}; failed by code: ${describeCounts(oursCounts.failedByCode)}`);
    console.log(`  ratio ours/pdftotext: ${fixed(ratio, 3)}x (target >= ${TARGET_RATIO}x)`);
    await single.backend.dispose();

    // --- Ours: batches ---
    let batched: { ms: number; rate: number; cpuMs: number; peakRss: number; ratio: number; counts: ReturnType<typeof countOutcomes> } | null = null;
    if (options.batches) {
      const vault = await createVault(workRoot, 'vault-batched');
      backends.push(vault.backend);
      const run = await measure(async () => {
        const all: ImportOutcome[] = [];
        for (let start = 0; start < paths.length; start += options.batch) {
          all.push(...(await importPaths(vault.backend, paths.slice(start, start + options.batch))));
        }
        return all;
      });
      const batchRate = rate(paths.length, run.ms);
      batched = { ms: run.ms, rate: batchRate, cpuMs: run.cpuMs, peakRss: run.peakRss, ratio: baselineRate > 0 ? batchRate / baselineRate : 0, counts: countOutcomes(run.value) };
      console.log(`ours contracts.import (batches of ${options.batch}): ${fixed(run.ms / 1000, 2)} s, ${fixed(batchRate)} files/s, ` +
        `CPU ${fixed(run.cpuMs / 1000, 2)} s, peak RSS ${mb(run.peakRss)} MB, ratio ${fixed(batched.ratio, 3)}x`);
      console.log(`  outcomes: ${describeCounts(batched.counts.byStatus)}; failed by code: ${describeCounts(batched.counts.failedByCode)}`);
      await vault.backend.dispose();
    }

    // --- Per-phase split: extraction alone, then blob storage alone ---
    let split: {
      extractMs: number; extractCpuMs: number; extractPeakRss: number; extractOk: number; extractFailedByCode: Record<string, number>;
      storeMs: number; storeCpuMs: number; restMs: number; slowest: { file: string; ms: number }[];
    } | null = null;
    if (options.split) {
      const texts: (string[] | null)[] = [];
      const perOriginal = new Map<string, number>();
      const extractFailedByCode: Record<string, number> = {};
      const extraction = await measure(async () => {
        let ok = 0;
        for (const input of inputs) {
          const started = performance.now();
          try {
            const bytes = await readFile(input.path);
            texts.push((await extractText(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), path.basename(input.path))).pages);
            ok++;
          } catch (error) {
            const code = isAppError(error) ? error.code : 'THROWN';
            extractFailedByCode[code] = (extractFailedByCode[code] ?? 0) + 1;
            texts.push(null);
          }
          perOriginal.set(input.original, (perOriginal.get(input.original) ?? 0) + performance.now() - started);
        }
        return ok;
      });

      // The same two blob writes per file that import makes (original, then its text), each fsynced, into a scratch store.
      const store = new BlobStore(path.join(workRoot, 'blob-scratch'));
      const storage = await measure(async () => {
        for (const [index, input] of inputs.entries()) {
          const pages = texts[index];
          if (!pages) continue; // import writes nothing for a file it cannot read
          const bytes = await readFile(input.path);
          const dataKey = await generateDataKey();
          const versionId = `bench-${index}`;
          await store.write(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), dataKey, versionId);
          await store.write(encodeExtractedText(pages), dataKey, textRecordId(versionId));
        }
      });
      const slowest = [...perOriginal.entries()].sort((a, b) => b[1] - a[1]).slice(0, 5).map(([file, ms]) => ({ file, ms: round(ms, 1) }));
      split = {
        extractMs: extraction.ms, extractCpuMs: extraction.cpuMs, extractPeakRss: extraction.peakRss, extractOk: extraction.value, extractFailedByCode,
        storeMs: storage.ms, storeCpuMs: storage.cpuMs, restMs: 0, slowest,
      };
      // The first import run also pays pdf.js's one-time load and JIT warm-up; the split is taken against the faster run.
      const reference = batched && batched.ms < ours.ms ? { name: `batches of ${options.batch}`, ms: batched.ms } : { name: '1 call', ms: ours.ms };
      split.restMs = reference.ms - extraction.ms - storage.ms;
      const share = (ms: number): string => `${fixed((100 * ms) / reference.ms, 0)}% of import`;
      console.log('');
      console.log(`per-phase split (separate passes over the same files; shares are of the ${reference.name} import, ${fixed(reference.ms / 1000, 2)} s):`);
      console.log(`  pdf.js extraction alone (read + extractText): ${fixed(extraction.ms / 1000, 2)} s, ${fixed(rate(inputs.length, extraction.ms))} files/s, ` +
        `CPU ${fixed(extraction.cpuMs / 1000, 2)} s, peak RSS ${mb(extraction.peakRss)} MB, ${share(extraction.ms)}; ok=${extraction.value}, ` +
        `refused: ${describeCounts(extractFailedByCode)}`);
      console.log(`  blob storage alone (2 encrypted blobs/file, fsync file + dir): ${fixed(storage.ms / 1000, 2)} s, ` +
        `${fixed(storage.ms / Math.max(1, extraction.value), 2)} ms/file, CPU ${fixed(storage.cpuMs / 1000, 2)} s, ${share(storage.ms)}`);
      console.log(`  rest of import (MAC, SQLite commit with synchronous=FULL, audit chain, bookkeeping): ${fixed(split.restMs / 1000, 2)} s, ` +
        `${fixed(split.restMs / Math.max(1, oursCounts.byStatus['imported'] ?? 1), 2)} ms/imported file, ${share(split.restMs)}`);
      console.log(`  process peak RSS (getrusage maxrss, whole run): ${mb(process.resourceUsage().maxRSS * 1024)} MB`);
      console.log(`  slowest originals in extraction (total ms over their copies): ${slowest.map((s) => `${s.file} ${fixed(s.ms, 0)}`).join(', ')}`);
    }

    const met = ratio >= TARGET_RATIO;
    console.log('');
    console.log(`summary: pdftotext ${fixed(baselineRate)} files/s | ours (1 call) ${fixed(oursRate)} files/s` +
      (batched ? ` | ours (batches of ${options.batch}) ${fixed(batched.rate)} files/s` : '') + ` | ratio ${fixed(ratio, 3)}x`);
    console.log(`target met: ${met ? 'yes' : 'no'} (import rate >= ${TARGET_RATIO}x pdftotext rate: ${fixed(ratio, 3)}x)`);

    const json = {
      bench: 'import',
      files: paths.length,
      distinctOriginals: selected.length,
      inputMB: round(inputBytes / (1024 * 1024), 2),
      cores: os.cpus().length,
      loadAverageAtEnd: os.loadavg().map((l) => round(l, 2)),
      baseline: { tool: 'pdftotext', seconds: round(baseline.ms / 1000), filesPerSec: round(baselineRate, 2), exitCodes: baseline.value },
      ours: {
        seconds: round(ours.ms / 1000), filesPerSec: round(oursRate, 2), cpuSeconds: round(ours.cpuMs / 1000), peakRssMB: round(ours.peakRss / 1048576, 1),
        outcomes: oursCounts.byStatus, failedByCode: oursCounts.failedByCode,
      },
      batched: batched && {
        batchSize: options.batch, seconds: round(batched.ms / 1000), filesPerSec: round(batched.rate, 2), ratio: round(batched.ratio),
        peakRssMB: round(batched.peakRss / 1048576, 1), outcomes: batched.counts.byStatus, failedByCode: batched.counts.failedByCode,
      },
      split: split && {
        extractSeconds: round(split.extractMs / 1000), extractCpuSeconds: round(split.extractCpuMs / 1000), extractPeakRssMB: round(split.extractPeakRss / 1048576, 1),
        extractOk: split.extractOk, extractRefusedByCode: split.extractFailedByCode, storeSeconds: round(split.storeMs / 1000),
        storeCpuSeconds: round(split.storeCpuMs / 1000), restSeconds: round(split.restMs / 1000), slowestOriginals: split.slowest,
        processMaxRssMB: round(process.resourceUsage().maxRSS / 1024, 1),
      },
      ratio: round(ratio),
      target: TARGET_RATIO,
      targetMet: met,
    };
    console.log(`load average at end: ${os.loadavg().map((l) => l.toFixed(2)).join(' ')} (other processes on this machine skew wall-clock figures)`);
    console.log(`BENCH_JSON ${JSON.stringify(json)}`);
  } finally {
    for (const backend of backends) await backend.dispose().catch(() => undefined);
    await rm(workRoot, { recursive: true, force: true });
  }
}

await main();
