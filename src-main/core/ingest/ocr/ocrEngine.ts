import { availableParallelism } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Worker as NodeWorker } from 'node:worker_threads';
import Tesseract from 'tesseract.js';
import { OcrCancelledError, OcrEngineError, OcrImageUnreadableError, OcrTimeoutError } from './ocrErrors.ts';
import { DEFAULT_OCR_DATA_VARIANT, OCR_LANGUAGES, resolveOcrLanguageData } from './ocrLanguageData.ts';
import type { OcrDataVariant } from './ocrLanguageData.ts';
import { cleanOcrText } from './ocrTextCleanup.ts';

/** Text recognised in one image, with tesseract's mean word confidence (0–100). */
export interface OcrResult {
  text: string;
  confidence: number;
}

/** Per-call settings of `OcrEngine.recognize`. */
export interface OcrRecognizeOptions {
  /** Limit for this image; past it the worker is terminated (and replaced on the next call). */
  timeoutMs?: number;
  /** Resolution the image was rendered at, when known (rasterised PDF pages); tesseract guesses otherwise. */
  dpi?: number;
  /** Cancels a queued or running job; a running job's worker is terminated. */
  signal?: AbortSignal;
}

/** OCR of eng+chi_sim images on a small pool of tesseract.js worker threads. */
export interface OcrEngine {
  /** Most worker threads this engine runs at once. */
  readonly workers: number;
  /** Limit per image when `recognize` is not given one. */
  readonly pageTimeoutMs: number;
  /**
   * Recognises the text of one PNG, JPEG, TIFF (first page), BMP or PNM image. Rejects with
   * OcrImageUnreadableError, OcrTimeoutError, OcrCancelledError or OcrEngineError.
   */
  recognize(image: Uint8Array, options?: OcrRecognizeOptions): Promise<OcrResult>;
  /** Stops every worker and rejects queued jobs; a later `recognize` starts workers again. */
  terminate(): Promise<void>;
}

/** Settings of an engine; the defaults suit an import. */
export interface OcrEngineOptions {
  /** Worker threads at most (each loads its own copy of the models); default: one per core, at most 4. */
  workers?: number;
  /** Default limit per image, in milliseconds. */
  pageTimeoutMs?: number;
  /** Limit for starting one worker (loading the wasm core and the language data). */
  startTimeoutMs?: number;
  /** Which build of the language data to load. */
  variant?: OcrDataVariant;
  /**
   * Where the gzipped traineddata files are: folders joined by path.delimiter, searched in order.
   * Defaults to the folders of the `@tesseract.js-data/*` packages; set it to ship the data elsewhere.
   */
  langPath?: string;
}

/** Default limit for one page: an A4 page at 300 DPI takes 3–10 s on one core. */
export const DEFAULT_OCR_PAGE_TIMEOUT_MS = 120_000;
/** Default limit for a worker to start; it takes about 1 s. */
export const DEFAULT_OCR_START_TIMEOUT_MS = 60_000;

const workerEntry = fileURLToPath(new URL('./tesseractWorkerThread.mjs', import.meta.url));
const noop = (): void => undefined;

/** The Node thread behind a tesseract.js worker; tesseract.js exposes it but its typings do not. */
function threadOf(worker: Tesseract.Worker): NodeWorker {
  return (worker as unknown as { worker: NodeWorker }).worker;
}

interface Job {
  image: Uint8Array;
  options: OcrRecognizeOptions;
  resolve: (result: OcrResult) => void;
  reject: (error: Error) => void;
  settled: boolean;
  timer?: ReturnType<typeof setTimeout>;
  slot?: Slot;
  detachAbort?: () => void;
}

interface Slot {
  worker: Tesseract.Worker;
  thread: NodeWorker;
  job: Job | null;
  dead: boolean;
}

function toRecognizeError(reason: unknown): Error {
  // tesseract.js rejects with the worker's error as a string.
  const message = reason instanceof Error ? reason.message : String(reason);
  if (message.includes('Error attempting to read image')) return new OcrImageUnreadableError({ cause: reason });
  return new OcrEngineError(`OCR failed: ${message.slice(0, 200)}`, { cause: reason });
}

class OcrWorkerPool implements OcrEngine {
  readonly workers: number;
  readonly pageTimeoutMs: number;
  readonly #startTimeoutMs: number;
  readonly #variant: OcrDataVariant;
  readonly #langPathOverride: string | undefined;
  #slots: Slot[] = [];
  #queue: Job[] = [];
  #starting = 0;
  // Bumped by terminate(), so a worker still starting from before is discarded when it arrives.
  #generation = 0;

  constructor(options: OcrEngineOptions) {
    this.workers = Math.max(1, Math.floor(options.workers ?? Math.min(availableParallelism(), 4)));
    this.pageTimeoutMs = options.pageTimeoutMs ?? DEFAULT_OCR_PAGE_TIMEOUT_MS;
    this.#startTimeoutMs = options.startTimeoutMs ?? DEFAULT_OCR_START_TIMEOUT_MS;
    this.#variant = options.variant ?? DEFAULT_OCR_DATA_VARIANT;
    this.#langPathOverride = options.langPath;
  }

  recognize(image: Uint8Array, options: OcrRecognizeOptions = {}): Promise<OcrResult> {
    return new Promise<OcrResult>((resolve, reject) => {
      if (options.signal?.aborted) {
        reject(new OcrCancelledError());
        return;
      }
      const job: Job = { image, options, resolve, reject, settled: false };
      const signal = options.signal;
      if (signal) {
        const onAbort = (): void => this.#abort(job);
        signal.addEventListener('abort', onAbort, { once: true });
        job.detachAbort = () => signal.removeEventListener('abort', onAbort);
      }
      this.#queue.push(job);
      this.#pump();
    });
  }

  async terminate(): Promise<void> {
    this.#generation++;
    const stopped = new OcrEngineError('the OCR engine was stopped');
    for (const job of this.#queue.splice(0)) this.#settle(job, stopped);
    await Promise.all([...this.#slots].map((slot) => this.#kill(slot, stopped)));
  }

  #pump(): void {
    while (this.#queue.length > 0) {
      const idle = this.#slots.find((slot) => !slot.dead && slot.job === null);
      if (idle) {
        this.#run(idle, this.#queue.shift() as Job);
        continue;
      }
      // Start another worker only for work that no starting worker will take.
      if (this.#slots.length + this.#starting < this.workers && this.#queue.length > this.#starting) {
        this.#startSlot();
        continue;
      }
      return;
    }
  }

  #languageOptions(): { langPath: string; gzip: boolean } {
    if (this.#langPathOverride !== undefined) return { langPath: this.#langPathOverride, gzip: true };
    const data = OCR_LANGUAGES.map((language) => resolveOcrLanguageData(language, this.#variant));
    // tesseract.js asks for every language with the same file name pattern.
    if (new Set(data.map((d) => d.gzip)).size > 1) throw new Error('OCR language data mixes gzipped and plain files');
    return { langPath: data.map((d) => d.langPath).join(path.delimiter), gzip: data[0]?.gzip ?? true };
  }

  #startSlot(): void {
    this.#starting++;
    const generation = this.#generation;
    this.#createWorker().then(
      (worker) => {
        this.#starting--;
        if (generation !== this.#generation) {
          threadOf(worker).terminate().catch(noop);
        } else {
          this.#adopt(worker);
        }
        this.#pump();
      },
      (error: unknown) => {
        this.#starting--;
        // A worker that cannot start is a broken installation, not a bad image: fail what is waiting
        // unless another worker can still serve it.
        if (this.#slots.length === 0 && this.#starting === 0) {
          const failure = new OcrEngineError(`the OCR engine could not start: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
          for (const job of this.#queue.splice(0)) this.#settle(job, failure);
        }
        this.#pump();
      },
    );
  }

  async #createWorker(): Promise<Tesseract.Worker> {
    const { langPath, gzip } = this.#languageOptions();
    let started = false;
    let failStart: (reason: unknown) => void = noop;
    const startFailed = new Promise<never>((_resolve, reject) => {
      failStart = reject;
    });
    const creating = Tesseract.createWorker([...OCR_LANGUAGES], Tesseract.OEM.LSTM_ONLY, {
      workerPath: workerEntry,
      langPath,
      gzip,
      // 'none': neither read nor write tesseract.js's traineddata cache (by default it writes the
      // decompressed models into the working directory).
      cacheMethod: 'none',
      logger: noop,
      // tesseract.js throws an uncaught error from its message handler unless this is set; failures
      // of recognize() also arrive through their promise, so only start-up failures are used here.
      errorHandler: (reason: unknown) => {
        if (!started) failStart(reason);
      },
    });
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timedOut = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => reject(new Error(`no worker after ${this.#startTimeoutMs} ms`)), this.#startTimeoutMs);
    });
    try {
      const worker = await Promise.race([creating, startFailed, timedOut]);
      started = true;
      return worker;
    } catch (error) {
      started = true;
      // A worker that arrives after a timeout is not needed any more.
      creating.then((late) => threadOf(late).terminate().catch(noop), noop);
      throw error;
    } finally {
      clearTimeout(timer);
    }
  }

  #adopt(worker: Tesseract.Worker): void {
    const thread = threadOf(worker);
    const slot: Slot = { worker, thread, job: null, dead: false };
    const lost = (): void => {
      if (!slot.dead) void this.#kill(slot, new OcrEngineError('an OCR worker stopped unexpectedly'));
    };
    thread.on('error', lost);
    thread.on('exit', lost);
    // An idle worker must not keep the process (e.g. the CLI) alive; it is ref'd while it works.
    thread.unref();
    this.#slots.push(slot);
  }

  #run(slot: Slot, job: Job): void {
    slot.job = job;
    job.slot = slot;
    slot.thread.ref();
    const timeoutMs = job.options.timeoutMs ?? this.pageTimeoutMs;
    job.timer = setTimeout(() => void this.#kill(slot, new OcrTimeoutError(timeoutMs)), timeoutMs);
    // tesseract parameters that apply to this call only.
    const parameters = job.options.dpi === undefined ? {} : { user_defined_dpi: String(Math.round(job.options.dpi)) };
    slot.worker.recognize(job.image, parameters as Partial<Tesseract.RecognizeOptions>).then(
      (result) => this.#finish(slot, job, { text: cleanOcrText(result.data.text), confidence: result.data.confidence }),
      (reason: unknown) => {
        const error = toRecognizeError(reason);
        // After a wasm abort (e.g. out of memory) the worker's tesseract is unusable: replace it.
        if (error instanceof OcrEngineError) void this.#kill(slot, error);
        else this.#finish(slot, job, error);
      },
    );
  }

  #finish(slot: Slot, job: Job, outcome: OcrResult | Error): void {
    if (slot.job === job) {
      slot.job = null;
      slot.thread.unref();
    }
    this.#settle(job, outcome);
    this.#pump();
  }

  #settle(job: Job, outcome: OcrResult | Error): void {
    if (job.settled) return;
    job.settled = true;
    clearTimeout(job.timer);
    job.detachAbort?.();
    if (outcome instanceof Error) job.reject(outcome);
    else job.resolve(outcome);
  }

  #abort(job: Job): void {
    const queued = this.#queue.indexOf(job);
    if (queued >= 0) this.#queue.splice(queued, 1);
    if (job.slot && job.slot.job === job) void this.#kill(job.slot, new OcrCancelledError());
    else this.#settle(job, new OcrCancelledError());
  }

  async #kill(slot: Slot, error: Error): Promise<void> {
    if (slot.dead) return;
    slot.dead = true;
    this.#slots = this.#slots.filter((s) => s !== slot);
    const job = slot.job;
    slot.job = null;
    if (job) this.#settle(job, error);
    // Work still queued gets a fresh worker.
    this.#pump();
    await slot.thread.terminate().catch(noop);
  }
}

/** A new engine; its workers start on first use and stop with `terminate()` (idle ones never hold the process open). */
export function createOcrEngine(options: OcrEngineOptions = {}): OcrEngine {
  return new OcrWorkerPool(options);
}

let shared: OcrEngine | undefined;
let sharedOptions: OcrEngineOptions = {};

/** The engine this thread's extractors share, created on first use so a process that never OCRs pays nothing. */
export function sharedOcrEngine(): OcrEngine {
  shared ??= createOcrEngine(sharedOptions);
  return shared;
}

/**
 * Sets the options of the shared engine (e.g. `{ workers: 1 }` in each of several extraction
 * threads, so they do not each start one OCR worker per core); stops the current one, if any.
 */
export async function configureSharedOcrEngine(options: OcrEngineOptions): Promise<void> {
  sharedOptions = { ...options };
  await terminateSharedOcrEngine();
}

/** Stops the shared engine's workers (e.g. when an import finishes); the next use starts a new one. */
export async function terminateSharedOcrEngine(): Promise<void> {
  const engine = shared;
  shared = undefined;
  await engine?.terminate();
}
