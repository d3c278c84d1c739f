import { compareTexts, type TextComparison } from '../../../../src-shared/rules/compare/textComparison.ts';
import type { CompareRequest } from './compareWorker.ts';

/**
 * Compares two texts in a Web Worker (served from the app's origin, allowed by the CSP's worker-src 'self'),
 * so a long or hopeless comparison never freezes the window; `signal` ends the worker when the user moves on.
 * Where a worker cannot start, it compares on the page instead.
 */
export function compareOffThread(oldText: string, newText: string, signal: AbortSignal): Promise<TextComparison> {
  let worker: Worker;
  try {
    worker = new Worker(new URL('./compareWorker.ts', import.meta.url), { type: 'module' });
  } catch {
    return Promise.resolve(compareTexts(oldText, newText));
  }
  return new Promise<TextComparison>((resolve, reject) => {
    const stop = () => worker.terminate();
    signal.addEventListener('abort', () => {
      stop();
      reject(new Error('cancelled'));
    }, { once: true });
    worker.onmessage = (event: MessageEvent<TextComparison>) => {
      stop();
      resolve(event.data);
    };
    worker.onerror = () => {
      stop();
      resolve(compareTexts(oldText, newText));
    };
    const request: CompareRequest = { oldText, newText };
    worker.postMessage(request);
  });
}
