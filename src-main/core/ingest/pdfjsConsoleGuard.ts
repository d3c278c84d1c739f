/**
 * pdf.js reports font and syntax problems through `console` (and its wasm image decoders bind
 * `console.log` when they start). Our CLI's stdout must stay machine-readable JSON, and verbosity 0
 * does not cover every path, so console calls made from inside pdfjs-dist are swallowed here.
 * Calls from anywhere else pass through untouched: the guard is decided per call, by the caller's
 * stack, not by a time window, so concurrent output from the rest of the app is never lost.
 */
const guardedMethods = ['log', 'info', 'warn', 'error', 'debug', 'trace', 'dir'] as const;

let installed = false;
let swallowed = 0;

function calledFromPdfjs(): boolean {
  // The console wrapper and pdf.js's own warn() sit in the top frames, well within the default stack depth.
  return (new Error().stack ?? '').includes('pdfjs-dist');
}

/** Installs the guard once per process; call it before pdf.js is first imported. */
export function installPdfjsConsoleGuard(): void {
  if (installed) return;
  installed = true;
  for (const name of guardedMethods) {
    const original = console[name] as (...args: unknown[]) => void;
    console[name] = function guardedConsole(this: unknown, ...args: unknown[]): void {
      if (calledFromPdfjs()) {
        swallowed++;
        return;
      }
      original.apply(this, args);
    };
  }
}

/** How many pdf.js console messages were swallowed so far (for diagnostics and tests). */
export function swallowedPdfjsConsoleMessages(): number {
  return swallowed;
}
