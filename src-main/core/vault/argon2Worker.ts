import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/**
 * Runs one Argon2id derivation in a short-lived worker thread. libsodium's WebAssembly memory only
 * grows: a MODERATE unlock leaves 256 MiB and a SENSITIVE backup passphrase 1 GiB resident in the
 * process for good. In a worker that memory goes away with the worker's isolate when it exits, so the
 * long-lived backend (and an export running in it) stays small.
 *
 * The worker is plain JavaScript given as source (`eval`), so it runs the same from TypeScript under
 * tsx, from the esbuild bundles and from the packaged app; it loads libsodium by the path this module
 * resolves. Only the secret bytes, the salt and the parameters cross over, and the secret copy is
 * transferred (not cloned) and wiped in the worker after use.
 */

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const sodium = require(workerData.sodiumPath);
sodium.ready.then(() => {
  const { secret, salt, keyBytes, opsLimit, memLimit } = workerData;
  try {
    const key = sodium.crypto_pwhash(keyBytes, secret, salt, opsLimit, memLimit, sodium.crypto_pwhash_ALG_ARGON2ID13);
    parentPort.postMessage({ key }, [key.buffer]);
  } catch (error) {
    parentPort.postMessage({ error: String(error && error.message || error) });
  } finally {
    sodium.memzero(secret);
  }
});
`;

let sodiumPath: string | undefined;

/** Argon2id13 of `secret` (which is handed over: it is transferred to the worker and unusable here afterwards). */
export function argon2idInWorker(secret: Uint8Array, salt: Uint8Array, keyBytes: number, opsLimit: number, memLimit: number): Promise<Uint8Array> {
  sodiumPath ??= createRequire(import.meta.url).resolve('libsodium-wrappers-sumo');
  // Own copies, so transferring them cannot detach a buffer a caller shares with other data.
  const secretCopy = Uint8Array.from(secret);
  const saltCopy = Uint8Array.from(salt);
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { sodiumPath, secret: secretCopy, salt: saltCopy, keyBytes, opsLimit, memLimit },
      transferList: [secretCopy.buffer, saltCopy.buffer],
      // Library output must not reach the CLI's stdout (which may carry --json).
      stdout: true,
      stderr: true,
    });
    worker.stdout.resume();
    worker.stderr.resume();
    let result: { key?: Uint8Array; error?: string } | undefined;
    worker.once('message', (message: { key?: Uint8Array; error?: string }) => {
      result = message;
      void worker.terminate();
    });
    worker.once('error', (error) => { result ??= { error: error.message }; });
    // Settled only once the worker is gone, so its WebAssembly memory is already released.
    worker.once('exit', (code) => {
      if (result?.key !== undefined) resolve(result.key);
      else reject(new Error(`Argon2id worker failed: ${result?.error ?? `exit code ${code}`}`));
    });
  });
}
