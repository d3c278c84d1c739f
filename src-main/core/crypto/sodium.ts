import sodiumModule from 'libsodium-wrappers-sumo';

/** The initialised libsodium (sumo build: the only one with crypto_pwhash / Argon2id). */
export type Sodium = typeof sodiumModule;

let ready: Promise<Sodium> | undefined;

/** Resolves once libsodium's WebAssembly is initialised; safe to call from anywhere, any number of times. */
export function getSodium(): Promise<Sodium> {
  ready ??= sodiumModule.ready.then(() => sodiumModule);
  return ready;
}
