// Worker threads do not inherit the tsx loader registered by bin/*.mjs, so each worker registers it
// before loading the TypeScript entry. (The packaged app bundles the worker instead.)
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { register } from 'tsx/esm/api';

// pdf.js is loaded before tsx is registered: tsx's loader re-scans every JavaScript module it loads,
// which for pdf.js's 2.5 MB took ~0.5 s of each worker's start. pdfjsRuntime.ts later imports the
// same URLs and gets these instances from the module cache.
const require = createRequire(import.meta.url);
const nativePush = Object.getOwnPropertyDescriptor(Array.prototype, 'push');
await import(pathToFileURL(require.resolve('pdfjs-dist/legacy/build/pdf.min.mjs')).href);
await import(pathToFileURL(require.resolve('pdfjs-dist/legacy/build/pdf.worker.min.mjs')).href);
// pdf.js's core-js polyfill replaces Array.prototype.push when it loads; pdfjsRuntime.ts explains why
// the engine's own is put back, and captures it before its own import, so it is restored here too.
if (nativePush) Object.defineProperty(Array.prototype, 'push', nativePush);
// PDFium's Emscripten glue (300 KB) likewise, so pdfiumRuntime.ts finds it in the module cache.
await import(pathToFileURL(require.resolve('@embedpdf/pdfium')).href);

register();
await import('./extractionWorker.ts');
