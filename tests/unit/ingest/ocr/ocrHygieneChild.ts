// Runs in a child process started by ocrHygiene.test.ts, in an empty working directory with an empty
// TMPDIR, so that everything it prints and every file it leaves can be checked. Results go to fd 3.
import { writeSync } from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import path from 'node:path';
import { isAppError } from '../../../../src-shared/api/appError.ts';
import { createImageExtractor } from '../../../../src-main/core/ingest/ocr/imageExtractor.ts';
import { createOcrEngine } from '../../../../src-main/core/ingest/ocr/ocrEngine.ts';
import { ocrScannedPages } from '../../../../src-main/core/ingest/ocr/scannedPdfOcr.ts';
import { corruptPng } from '../../../fixtures/ocr/forgedImages.ts';
import { makeScannedPdf } from '../../../fixtures/ocr/makeScannedPdf.ts';
import { makeTextImage } from '../../../fixtures/ocr/makeTextImage.ts';

/** What the child reports to the test. */
export interface HygieneReport {
  english: string;
  chinese: string;
  scannedPdf: string[];
  corruptCode: string;
  networkRefusal: string;
  mainThreadNetworkCalls: number;
}

function report(value: unknown): void {
  writeSync(3, JSON.stringify(value));
}

// Any network use from this (main) thread is counted and refused.
let networkCalls = 0;
globalThis.fetch = () => {
  networkCalls++;
  return Promise.reject(new Error('network refused by the test'));
};
const originalConnect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function refusedConnect(this: net.Socket, ...args: unknown[]) {
  networkCalls++;
  return (originalConnect as (...a: unknown[]) => net.Socket).apply(this, args);
} as typeof net.Socket.prototype.connect;

async function ours(port: number): Promise<void> {
  const engine = createOcrEngine({ workers: 1 });
  const extractor = createImageExtractor({ engine });
  const english = (await extractor.extract(makeTextImage(['Non-disclosure agreement signed in Shenzhen']), 'nda.png')).pages[0] ?? '';
  const chinese = (await extractor.extract(makeTextImage(['保密协议']), '保密协议.png')).pages[0] ?? '';
  // leptonica writes "Error in ..." to stderr for undecodable images unless muted.
  const corruptCode = await extractor.extract(corruptPng(makeTextImage(['damaged'])), 'bad.png').then(
    () => 'none',
    (error: unknown) => (isAppError(error) ? error.code : String(error)),
  );
  const scan = await makeScannedPdf([makeTextImage(['Scanned annex with signatures'])]);
  const scannedPdf = (await ocrScannedPages(scan, 'annex.pdf', [''], { engine })).pages;
  await engine.terminate();

  // Pointed at a URL (here a listening loopback server), stock tesseract.js would download from it.
  const networked = createOcrEngine({ workers: 1, langPath: `http://127.0.0.1:${port}/tessdata` });
  const networkRefusal = await networked.recognize(makeTextImage(['x'])).then(
    () => 'no refusal',
    (error: unknown) => (error instanceof Error ? error.message : String(error)),
  );
  await networked.terminate();
  report({ english, chinese, scannedPdf, corruptCode, networkRefusal, mainThreadNetworkCalls: networkCalls } satisfies HygieneReport);
}

/** Stock tesseract.js, default cache, same damaged image: shows the checks catch a library that prints or caches. */
async function control(): Promise<void> {
  const require = createRequire(import.meta.url);
  const { default: Tesseract } = await import('tesseract.js');
  const langPath = path.join(path.dirname(require.resolve('@tesseract.js-data/eng/package.json')), '4.0.0_best_int');
  const worker = await Tesseract.createWorker('eng', Tesseract.OEM.LSTM_ONLY, { langPath, logger: () => undefined, errorHandler: () => undefined });
  await worker.recognize(corruptPng(makeTextImage(['damaged']))).catch(() => undefined);
  await worker.terminate();
  report({ done: true });
}

const [mode, port] = process.argv.slice(2);
await (mode === 'control' ? control() : ours(Number(port)));
