import { parentPort, workerData } from 'node:worker_threads';
import { AppError, isAppError } from '../../../../src-shared/api/appError.ts';
import { extractDocument } from '../extractDocument.ts';
import { PdfjsHandOff } from '../pdfjsHandOff.ts';
import { docxToHtml, xlsxToSheets } from '../../services/viewing/officePreview.ts';
import type { ExtractionRequest, ExtractionResponse, PreviewBody } from './extractionMessages.ts';
import { configureSharedOcrEngine } from '../ocr/ocrEngine.ts';
import { usePdfiumModule } from '../pdfium/pdfiumRuntime.ts';
import type { ExtractionWorkerData } from './extractionMessages.ts';

/**
 * Entry point of an extraction worker thread: parses untrusted files away from the thread that owns
 * the vault, so a hostile file can exhaust only this worker's heap (capped by resourceLimits) and time.
 */
function toResponse(taskId: number, error: unknown): ExtractionResponse {
  if (error instanceof PdfjsHandOff) return { taskId, ok: false, handOff: 'pdfjs', spentMs: error.spentMs };
  const appError = isAppError(error) ? error : new AppError('INTERNAL', { detail: error instanceof Error ? error.message.slice(0, 200) : String(error) });
  return { taskId, ok: false, code: appError.code, params: appError.params };
}

// One OCR thread per extraction worker: two extraction workers then use both cores for OCR without
// stacking four ~260 MB tesseract instances (its WebAssembly heap lies outside this worker's heap cap).
void configureSharedOcrEngine({ workers: 1 });

// PDFium as the pool compiled it: its functions are compiled once for all workers, not once in each.
const { pdfiumModule } = (workerData ?? {}) as Partial<ExtractionWorkerData>;
if (pdfiumModule) usePdfiumModule(pdfiumModule);

const port = parentPort;
if (!port) throw new Error('extractionWorker must run in a worker thread');
// The pool sends the next file before this one is done; files are still parsed one at a time, so a
// file that exhausts the heap or the time limit is always the one the pool blames.
let previous: Promise<void> = Promise.resolve();

/** A viewer preview (mammoth / exceljs), run here so a hostile DOCX or XLSX meets this worker's heap and time limits. */
async function renderPreview(request: ExtractionRequest & { preview: 'docx' | 'xlsx' }): Promise<PreviewBody> {
  return request.preview === 'docx'
    ? { kind: 'html', html: await docxToHtml(request.bytes, request.fileName) }
    : { kind: 'sheets', sheets: await xlsxToSheets(request.bytes, request.fileName) };
}

port.on('message', (request: ExtractionRequest) => {
  const { preview } = request;
  if (preview !== undefined) {
    previous = previous.then(() => renderPreview({ ...request, preview }).then(
      (body) => port.postMessage({ taskId: request.taskId, ok: true, preview: body } satisfies ExtractionResponse),
      (error: unknown) => port.postMessage(toResponse(request.taskId, error)),
    ));
    return;
  }
  previous = previous.then(() => extractDocument(request.bytes, request.fileName, request.options).then(
    (document) => {
      // Attachment bytes are moved, not copied, back to the importing thread.
      const transfer = (document.email?.attachments ?? []).map((a) => a.bytes.buffer as ArrayBuffer);
      port.postMessage({ taskId: request.taskId, ok: true, document } satisfies ExtractionResponse, transfer);
    },
    (error: unknown) => port.postMessage(toResponse(request.taskId, error)),
  ));
});
