/**
 * exceljs writes to the console while LOADING a workbook: a sheet name over 31 characters makes its
 * Worksheet setter call console.warn with the name, i.e. document content, and stderr may end up in
 * a log. Console calls made from inside exceljs are swallowed here; calls from anywhere else pass
 * through, because the guard is decided per call, by the caller's stack, not by a time window.
 */
const guardedMethods = ['log', 'info', 'warn', 'error', 'debug', 'trace', 'dir'] as const;

let installed = false;
let swallowed = 0;

function calledFromExceljs(): boolean {
  // The guard and the exceljs frame that called the console sit within the default stack depth.
  return /[\\/]node_modules[\\/]exceljs[\\/]/.test(new Error().stack ?? '');
}

/** Installs the guard once per process; later calls do nothing. */
export function installExceljsConsoleGuard(): void {
  if (installed) return;
  installed = true;
  for (const name of guardedMethods) {
    const original = console[name] as (...args: unknown[]) => void;
    console[name] = function guardedConsole(this: unknown, ...args: unknown[]): void {
      if (calledFromExceljs()) {
        swallowed++;
        return;
      }
      original.apply(this, args);
    };
  }
}

/** How many exceljs console messages were swallowed so far (for tests). */
export function swallowedExceljsConsoleMessages(): number {
  return swallowed;
}
