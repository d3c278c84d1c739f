import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { AppError } from '../../../../src-shared/api/appError.ts';
import type { ExtractedDocument } from '../extractedDocument.ts';
import type { ExtractOptions } from '../extractDocument.ts';
import type { ExtractionRequest, ExtractionResponse, ExtractionWorkerData, PreviewBody } from './extractionMessages.ts';
import { compilePdfiumModule } from '../pdfium/pdfiumRuntime.ts';
import { defaultExtractionLimits } from './extractionLimits.ts';
import { extractionWorkerExecArgv, extractionWorkerUrl } from './extractionWorkerSource.ts';

/** Limits of the extraction workers; each can be tuned per pool. */
export interface ExtractionPoolOptions {
  /** Worker threads; default: the number of cores, at least 1, at most 4. */
  workers?: number;
  /** V8 old-generation heap cap per worker in MB; a file that needs more fails alone. */
  heapLimitMb?: number;
  /** Wall-clock limit per file; past it the worker is terminated and replaced. */
  timeoutMs?: number;
}


interface Task {
  id: number;
  fileName: string;
  bytes: Uint8Array;
  options: ExtractOptions;
  /** A viewer preview rather than an extraction. */
  preview?: 'docx' | 'xlsx';
  /** This task's wall-clock limit, when shorter than the pool's. */
  timeoutMs?: number;
  resolve: (result: ExtractedDocument | PreviewBody) => void;
  reject: (error: AppError) => void;
}

interface Slot {
  worker: Worker;
  /** Tasks sent to this worker, in the order it runs them: the first is running, the rest wait in the worker. */
  tasks: Task[];
  /** The running task's time limit. */
  timer: ReturnType<typeof setTimeout> | null;
}

/**
 * Files handed to one worker at a time: the one it parses and two more. They are already in the worker
 * when the first finishes, so the worker does not sit idle while the importing thread, busy committing
 * (a COMMIT's fsync blocks it for 2-15 ms on a shared disk), gets round to sending it another: with one
 * waiting file, small PDFs (~5 ms each) left each worker idle a third of the corpus import.
 */
const TASKS_PER_WORKER = 3;

/**
 * Whether a task is a document PDFium handed back, to be read by pdf.js in the pool's first worker only.
 * pdf.js is slow in a fresh thread: the corpus's 55 fallback documents took 3.6 CPU s the first time in a
 * process and 1.6 s the second (loading its modules, V8 optimising them), and each worker paid that warm-up
 * when every worker ran its own fallbacks. Only the first worker's isolate now loads pdf.js for text.
 */
function isPdfjsTask(task: Task): boolean {
  return task.options.pdf?.pdfEngine === 'pdfjs';
}

/**
 * A small pool of worker threads that parse untrusted files (PDF, Office, images, mail) off the thread
 * that holds the vault keys and database. A worker that runs out of heap or time is terminated and
 * replaced, and only its file fails (EXTRACTION_OUT_OF_MEMORY / EXTRACTION_TIMEOUT).
 */
export class ExtractionPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Task[] = [];
  /** Documents for pdf.js, waiting for the pool's first worker (slots[0]), which alone runs it when there are several. */
  private readonly pdfjsQueue: Task[] = [];
  private readonly size: number;
  private readonly heapLimitMb: number;
  private readonly timeoutMs: number;
  private nextId = 1;
  private closed = false;
  /** Where workers start from and what they get; unknown until both are ready (extractionWorkerSource.ts, pdfiumRuntime.ts). */
  private workerStart: { url: URL; data: ExtractionWorkerData } | undefined;
  private workerStartPending = false;

  constructor(options: ExtractionPoolOptions = {}) {
    this.size = Math.max(1, Math.min(options.workers ?? availableParallelism(), 4));
    this.heapLimitMb = options.heapLimitMb ?? defaultExtractionLimits.heapLimitMb;
    this.timeoutMs = options.timeoutMs ?? defaultExtractionLimits.timeoutMs;
  }

  /** Number of files that can be parsed at the same time. */
  get concurrency(): number {
    return this.size;
  }

  /** Extracts a file's text (and an e-mail's attachments) in a worker; the caller keeps its bytes (a copy is transferred). */
  extract(bytes: Uint8Array, fileName: string, options: ExtractOptions = { ocr: true }): Promise<ExtractedDocument> {
    if (this.closed) return Promise.reject(new AppError('IMPORT_CANCELLED'));
    return new Promise((resolve, reject) => {
      this.queue.push({ id: this.nextId++, fileName, bytes, options, resolve: resolve as (result: ExtractedDocument | PreviewBody) => void, reject });
      this.dispatch();
    });
  }

  /**
   * Renders a DOCX as HTML or an XLSX as tables for the viewer (`files.preview`) in a worker, under the
   * same heap cap and a time limit (the pool's, or `timeoutMs` when shorter): mammoth and exceljs parse
   * a stored original that is still untrusted input.
   */
  preview(bytes: Uint8Array, fileName: string, format: 'docx' | 'xlsx', timeoutMs?: number): Promise<PreviewBody> {
    if (this.closed) return Promise.reject(new AppError('IMPORT_CANCELLED'));
    return new Promise((resolve, reject) => {
      this.queue.push({
        id: this.nextId++, fileName, bytes, options: { ocr: false }, preview: format, ...(timeoutMs === undefined ? {} : { timeoutMs }),
        // The worker answers a preview task with a preview body (settle() matches by task id).
        resolve: resolve as (result: ExtractedDocument | PreviewBody) => void, reject,
      });
      this.dispatch();
    });
  }

  /** Stops every worker; queued and running files fail with IMPORT_CANCELLED. */
  async close(): Promise<void> {
    this.closed = true;
    for (const task of [...this.queue.splice(0), ...this.pdfjsQueue.splice(0)]) task.reject(new AppError('IMPORT_CANCELLED'));
    await Promise.all(this.slots.splice(0).map(async (slot) => {
      if (slot.timer) clearTimeout(slot.timer);
      for (const task of slot.tasks.splice(0)) task.reject(new AppError('IMPORT_CANCELLED'));
      await slot.worker.terminate();
    }));
  }

  private dispatch(): void {
    if (this.workerStart === undefined) {
      if (!this.workerStartPending) {
        this.workerStartPending = true;
        // A worker without the pool's module compiles PDFium itself when it first needs it.
        void Promise.all([extractionWorkerUrl(), compilePdfiumModule().catch(() => undefined)]).then(([url, pdfiumModule]) => {
          this.workerStart = { url, data: pdfiumModule === undefined ? {} : { pdfiumModule } };
          if (!this.closed) this.dispatch();
        });
      }
      return;
    }
    for (;;) {
      // Hand-offs first: they were sent to a worker before the files still in the queue.
      const pdfjsSlot = this.pdfjsQueue.length > 0 ? this.pdfjsSlot(this.workerStart) : undefined;
      const pdfjsTask = pdfjsSlot ? this.pdfjsQueue.shift() : undefined;
      if (pdfjsSlot && pdfjsTask) {
        this.send(pdfjsSlot, pdfjsTask);
        continue;
      }
      if (this.queue.length === 0) return;
      const slot = this.leastBusySlot(this.workerStart);
      if (!slot) return;
      const task = this.queue.shift();
      if (!task) return;
      this.send(slot, task);
    }
  }

  /** The pool's pdf.js worker (the first; started if there is none) when it can take another task. */
  private pdfjsSlot(start: { url: URL; data: ExtractionWorkerData }): Slot | undefined {
    const first = this.slots[0] ?? this.spawn(start);
    return first.tasks.length < TASKS_PER_WORKER ? first : undefined;
  }

  /** The worker with the fewest tasks (a new one while the pool is below size and all are busy), or none when all are full. */
  private leastBusySlot(start: { url: URL; data: ExtractionWorkerData }): Slot | undefined {
    let best: Slot | undefined;
    // On a tie the later worker wins, which keeps room in the first for the documents handed to pdf.js.
    for (const slot of this.slots) if (!best || slot.tasks.length <= best.tasks.length) best = slot;
    if ((!best || best.tasks.length > 0) && this.slots.length < this.size) return this.spawn(start);
    return best && best.tasks.length < TASKS_PER_WORKER ? best : undefined;
  }

  private spawn(start: { url: URL; data: ExtractionWorkerData }): Slot {
    const options = {
      workerData: start.data,
      resourceLimits: { maxOldGenerationSizeMb: this.heapLimitMb },
      // Library warnings inside a worker must not reach the CLI's stdout (which may carry --json).
      stdout: true,
      stderr: true,
    };
    const execArgv = extractionWorkerExecArgv(start.url);
    let worker: Worker;
    try {
      worker = new Worker(start.url, execArgv === undefined ? options : { ...options, execArgv });
    } catch (error) {
      // Given explicitly, a process-wide option (e.g. --max-old-space-size) is refused where inheriting
      // it is not: the worker then gets the process's options as they are.
      if ((error as { code?: string }).code !== 'ERR_WORKER_INVALID_EXEC_ARGV') throw error;
      worker = new Worker(start.url, options);
    }
    worker.stdout.resume();
    worker.stderr.resume();
    const slot: Slot = { worker, tasks: [], timer: null };
    worker.on('message', (response: ExtractionResponse) => this.settle(slot, response));
    worker.on('error', (error: Error & { code?: string }) => this.fail(slot, error));
    worker.on('exit', () => this.fail(slot, new Error('extraction worker exited')));
    // Idle workers must not keep the process alive.
    worker.unref();
    this.slots.push(slot);
    return slot;
  }

  private send(slot: Slot, task: Task): void {
    slot.tasks.push(task);
    slot.worker.ref();
    if (slot.tasks.length === 1) this.startTimer(slot);
    const copy = new Uint8Array(task.bytes);
    // Every worker but the first reads PDFs with PDFium only and hands the rest back (see isPdfjsTask).
    const options = this.size > 1 && slot !== this.slots[0] && task.preview === undefined && !isPdfjsTask(task)
      ? { ...task.options, pdf: { ...task.options.pdf, pdfEngine: 'pdfium' as const } }
      : task.options;
    const request: ExtractionRequest = { taskId: task.id, fileName: task.fileName, bytes: copy, options, ...(task.preview === undefined ? {} : { preview: task.preview }) };
    slot.worker.postMessage(request, [copy.buffer]);
  }

  /** Limits the running (first) task of a worker; past it the worker is replaced and only that file fails. */
  private startTimer(slot: Slot): void {
    const limit = Math.min(this.timeoutMs, slot.tasks[0]?.timeoutMs ?? this.timeoutMs);
    slot.timer = setTimeout(() => {
      const running = slot.tasks[0];
      this.replace(slot);
      running?.reject(new AppError('EXTRACTION_TIMEOUT', { file: running.fileName, seconds: Math.max(1, Math.round(limit / 1000)) }));
    }, limit);
  }

  private settle(slot: Slot, response: ExtractionResponse): void {
    const task = slot.tasks[0];
    if (!task || task.id !== response.taskId) return;
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = null;
    slot.tasks.shift();
    if (slot.tasks.length > 0) this.startTimer(slot);
    else slot.worker.unref();
    if (response.ok) task.resolve('preview' in response ? response.preview : response.document);
    else if ('handOff' in response) this.pdfjsQueue.push({ ...task, options: { ...task.options, pdf: { pdfEngine: 'pdfjs', budgetSpentMs: response.spentMs } } });
    else task.reject(new AppError(response.code, response.params));
    this.dispatch();
  }

  private fail(slot: Slot, error: Error & { code?: string }): void {
    if (!this.slots.includes(slot)) return;
    const task = slot.tasks[0];
    this.replace(slot);
    if (task) {
      task.reject(error.code === 'ERR_WORKER_OUT_OF_MEMORY'
        ? new AppError('EXTRACTION_OUT_OF_MEMORY', { file: task.fileName, limit: this.heapLimitMb })
        : new AppError('INTERNAL', { detail: `extraction worker failed on ${task.fileName}` }));
    }
  }

  /**
   * Drops a broken or stuck worker; the next dispatch spawns a fresh one. Its running task is the
   * caller's to settle; the tasks waiting behind it never started, so they go back to the front of
   * the queue rather than failing for another file's fault.
   */
  private replace(slot: Slot): void {
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = null;
    const waiting = slot.tasks.splice(0).slice(1);
    const index = this.slots.indexOf(slot);
    if (index >= 0) this.slots.splice(index, 1);
    void slot.worker.terminate();
    if (this.closed) {
      for (const task of waiting) task.reject(new AppError('IMPORT_CANCELLED'));
      return;
    }
    this.pdfjsQueue.unshift(...waiting.filter(isPdfjsTask));
    this.queue.unshift(...waiting.filter((task) => !isPdfjsTask(task)));
    this.dispatch();
  }
}
