// Entry of each tesseract.js worker thread (passed to createWorker as `workerPath`), used instead of
// tesseract.js's own node entry so that this thread can do nothing but OCR:
// - no network: tesseract.js fetches language data from a CDN when `langPath` is unset or a URL;
//   here every fetch is refused, so a misconfiguration fails instead of downloading;
// - no disk writes: its default cache writes `<lang>.traineddata` into the working directory; here
//   the cache functions cannot write, and reads are limited to the language folders we were given;
// - no output: tesseract (via Emscripten) prints warnings and leptonica errors to stdout/stderr, which
//   would corrupt the CLI's JSON; this thread's console and the wasm module's print hooks are muted;
// - a worker whose language data fails to load ends its thread, since tesseract.js would otherwise
//   leave it running with nobody able to terminate it.
// Plain JavaScript: a worker thread does not go through the TypeScript loader.
import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { parentPort } from 'node:worker_threads';
import { gunzipSync } from 'node:zlib';

const mute = () => undefined;
for (const name of ['log', 'info', 'warn', 'error', 'debug', 'trace', 'dir', 'table']) console[name] = mute;

const refuseNetwork = (url) => Promise.reject(new Error(`OCR never uses the network (refused ${String(url).slice(0, 200)})`));
globalThis.fetch = refuseNetwork;

// tesseract.js is CommonJS without an "exports" map, so its worker internals can be imported by path.
const { default: workerScript } = await import('tesseract.js/src/worker-script/index.js');
const { default: getCore } = await import('tesseract.js/src/worker-script/node/getCore.js');

const traineddataName = /^[a-z_]+\.traineddata(\.gz)?$/;

/**
 * tesseract.js asks for `${langPath}/${lang}.traineddata[.gz]`. Our langPath is a search path (folders
 * joined by path.delimiter, one per language package), so the file is looked up in each folder.
 */
async function readLanguageFile(requested) {
  const text = String(requested);
  const slash = text.lastIndexOf('/');
  const name = text.slice(slash + 1);
  if (slash < 0 || !traineddataName.test(name)) throw new Error('only language data can be read');
  for (const folder of text.slice(0, slash).split(path.delimiter)) {
    const file = path.join(folder, name);
    if (path.isAbsolute(folder) && existsSync(file)) return readFile(file);
  }
  throw new Error(`language data ${name} not found`);
}

workerScript.setAdapter({
  async getCore(lstmOnly, corePath, res) {
    const Core = await getCore(lstmOnly, corePath, res);
    return (moduleOptions) => Core({ ...moduleOptions, print: mute, printErr: mute });
  },
  gunzip: gunzipSync,
  fetch: refuseNetwork,
  readCache: readLanguageFile,
  writeCache: () => Promise.reject(new Error('OCR never writes to disk')),
  deleteCache: () => Promise.resolve(),
  checkCache: () => Promise.resolve(false),
});

const setupActions = new Set(['load', 'loadLanguage', 'initialize']);

parentPort.on('message', (packet) => {
  workerScript.dispatchHandlers(packet, (reply) => {
    parentPort.postMessage(reply);
    if (reply.status === 'reject' && setupActions.has(reply.action)) {
      // Let the rejection reach the main thread first, then end this thread.
      setImmediate(() => process.exit(1));
    }
  });
});
