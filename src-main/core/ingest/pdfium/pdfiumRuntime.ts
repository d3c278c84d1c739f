import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { resourceLimits } from 'node:worker_threads';
import type { WrappedPdfiumModule } from '@embedpdf/pdfium';
import { packagedResourcePath } from '../packagedResources.ts';

/** PDFium compiled to WebAssembly (@embedpdf/pdfium), with the C API wrapped as JavaScript functions. */
export type Pdfium = WrappedPdfiumModule;

/** A loaded PDFium instance and what its memory guard has seen. */
export interface PdfiumInstance {
  readonly pdfium: Pdfium;
  /** The heap cap in bytes: PDFium is refused memory past it. */
  readonly heapCapBytes: number;
  /** True once PDFium asked for memory past the cap (the document then counts as out of memory). */
  capReached: boolean;
}

const MB = 1024 * 1024;
/** Cap outside an extraction worker (tests, tools); in a worker the cap is the worker's own heap limit. */
const DEFAULT_HEAP_CAP_MB = 768;

/**
 * WebAssembly memory never shrinks. A hostile or huge document can grow PDFium's heap; past this size
 * the instance is dropped after the document and a fresh one is made for the next (~50 ms), so one file
 * cannot leave an extraction worker holding hundreds of megabytes for the rest of an import.
 */
const RECYCLE_HEAP_BYTES = 256 * MB;

let loading: Promise<PdfiumInstance> | undefined;

/** The parts of a WebAssembly.Memory the guard uses (the project's lib settings do not declare the type). */
interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(delta: number): number;
}

/**
 * WebAssembly memory lives outside V8's heap, so the worker's `maxOldGenerationSizeMb` does not bound it.
 * Emscripten grows the memory from JavaScript (emscripten_resize_heap → memory.grow), so refusing growth
 * there bounds it: malloc then fails inside PDFium, which aborts, and the caller reports the file as out
 * of memory.
 */
function guardMemory(instance: PdfiumInstance): void {
  const memory = (instance.pdfium.pdfium.wasmExports as unknown as { memory: WasmMemory }).memory;
  const grow = memory.grow.bind(memory);
  memory.grow = (delta: number): number => {
    if (memory.buffer.byteLength + delta * 65536 > instance.heapCapBytes) {
      instance.capReached = true;
      throw new RangeError('PDFium heap cap reached');
    }
    return grow(delta);
  };
}

/** The WebAssembly API used here (the project's lib settings declare no WebAssembly types). */
interface WasmApi {
  compile(bytes: Uint8Array): Promise<PdfiumWasmModule>;
  instantiate(module: PdfiumWasmModule, imports: object): Promise<{ exports: object }>;
}

/**
 * PDFium compiled (a WebAssembly.Module). One per process: a Module posted to a worker thread shares its
 * compiled code, so the extraction workers do not each compile PDFium's functions again.
 */
export type PdfiumWasmModule = object;

const wasmApi = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;
let compiled: Promise<PdfiumWasmModule> | undefined;

async function compile(): Promise<PdfiumWasmModule> {
  const require = createRequire(import.meta.url);
  // The packaged app ships the binary beside app.asar (electron-builder extraResources), like pdf.js's data.
  const packaged = packagedResourcePath('pdfium');
  const wasmPath = packaged === null ? require.resolve('@embedpdf/pdfium/pdfium.wasm') : path.join(packaged, 'pdfium.wasm');
  // Read from disk, never fetched.
  return wasmApi.compile(await readFile(wasmPath));
}

/** PDFium's compiled module, compiled once per process (the extraction pool hands it to its workers). */
export function compilePdfiumModule(): Promise<PdfiumWasmModule> {
  compiled ??= compile().catch((error: unknown) => {
    compiled = undefined;
    throw error;
  });
  return compiled;
}

/** Uses a module compiled by another thread (an extraction worker gets the pool's) instead of compiling one here. */
export function usePdfiumModule(module: PdfiumWasmModule): void {
  compiled = Promise.resolve(module);
}

async function load(): Promise<PdfiumInstance> {
  const [{ init }, module] = await Promise.all([import('@embedpdf/pdfium'), compilePdfiumModule()]);
  const silent = (): void => undefined;
  // print/printErr are silenced because PDFium's diagnostics can quote document content, and nothing
  // readable may reach a log. A new instance of the compiled module costs ~10 ms; compiling is the slow part.
  // Emscripten's hook has no way to report a failed instantiation, so the failure races its promise.
  let instantiationFailed: (error: unknown) => void = silent;
  const failure = new Promise<never>((_resolve, reject) => {
    instantiationFailed = reject;
  });
  const pdfium = await Promise.race([failure, init({
    instantiateWasm: (imports, receiveInstance) => {
      wasmApi.instantiate(module, imports).then((instance) => receiveInstance(instance as Parameters<typeof receiveInstance>[0]), instantiationFailed);
      // Emscripten's convention for an instantiation that completes later.
      return {};
    },
    print: silent,
    printErr: silent,
  })]);
  pdfium.PDFiumExt_Init();
  const instance: PdfiumInstance = { pdfium, heapCapBytes: (resourceLimits.maxOldGenerationSizeMb ?? DEFAULT_HEAP_CAP_MB) * MB, capReached: false };
  guardMemory(instance);
  return instance;
}

/** Loads PDFium once per thread (lazily, so a process that imports no PDF never pays for it). */
export function loadPdfium(): Promise<PdfiumInstance> {
  loading ??= load().catch((error: unknown) => {
    loading = undefined;
    throw error;
  });
  return loading;
}

/** Drops the instance for good: after a WebAssembly trap (a hostile file hit an abort) its state is unusable. */
export function discardPdfium(): void {
  loading = undefined;
}

/** Drops the instance when its heap has grown past the recycle size; the next document loads a new one. */
export function releasePdfiumIfLarge(instance: PdfiumInstance): void {
  if (instance.pdfium.pdfium.HEAPU8.byteLength > RECYCLE_HEAP_BYTES) loading = undefined;
}
