import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { Envelope } from '../../src-shared/api/envelope.ts';
import type { OperationName, OperationRequest, OperationResult } from '../../src-shared/api/operations.ts';
import type { Locale } from '../../src-shared/i18n/translate.ts';
import { Backend } from '../../src-main/core/backend.ts';
import { makeTempDir } from './tempDir.ts';

export const testPassphrase = 'correct horse battery 合同';

/** A real vault in a temp folder, created with INTERACTIVE Argon2id (recorded in its header) to keep tests fast. */
export async function createTestVault(locale: Locale = 'en') {
  const temp = await makeTempDir();
  const vaultDir = join(temp.dir, 'vault');
  const backend = new Backend({ actor: 'tester', locale });
  const created = expectOk(await backend.invoke('vault.create', { vaultDir, passphrase: testPassphrase, kdf: 'interactive' }));
  const call = async <N extends OperationName>(name: N, input: OperationRequest<N>): Promise<OperationResult<N>> =>
    expectOk((await backend.invoke(name, input)) as Envelope<OperationResult<N>>);
  const writeInput = async (name: string, bytes: Uint8Array | string) => {
    const path = join(temp.dir, name);
    await writeFile(path, bytes);
    return path;
  };
  return {
    backend, vaultDir, root: temp.dir, recoveryKey: created.recoveryKey, call, writeInput,
    cleanup: async () => {
      await backend.dispose();
      await temp.cleanup();
    },
  };
}

/** Unwraps a successful envelope, failing the test with the error message otherwise. */
export function expectOk<T>(envelope: Envelope<T>): T {
  if (!envelope.ok) expect.fail(`expected ok, got ${envelope.error.code}: ${envelope.error.message}`);
  return envelope.value;
}

/** Asserts an envelope failed with the given code and returns its error. */
export function expectError<T>(envelope: Envelope<T>, code: string) {
  if (envelope.ok) expect.fail(`expected ${code}, got ok`);
  expect(envelope.error.code).toBe(code);
  return envelope.error;
}
