import { describe, it, expect } from 'vitest';
import { generateDataKey, unwrapDataKey, wrapDataKey } from '../../../src-main/core/crypto/dataKeys.ts';
import { AppError } from '../../../src-shared/api/appError.ts';

async function expectAppError(promise: Promise<unknown>, code: string, params?: Record<string, string>): Promise<void> {
  const error: unknown = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
  if (params) expect((error as AppError).params).toEqual(params);
}

describe('dataKeys', () => {
  it('generates distinct 32-byte keys', async () => {
    const a = await generateDataKey();
    const b = await generateDataKey();
    expect(a).toHaveLength(32);
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(false);
  });

  it('wraps and unwraps a data key for the same record', async () => {
    const wrappingKey = await generateDataKey();
    const dataKey = await generateDataKey();
    const wrapped = await wrapDataKey(wrappingKey, dataKey, 'rec-1');
    expect(wrapped).toHaveLength(1 + 24 + 32 + 16);
    expect(wrapped[0]).toBe(1);
    expect(Buffer.from(wrapped).includes(Buffer.from(dataKey))).toBe(false);
    expect(await unwrapDataKey(wrappingKey, wrapped, 'rec-1')).toEqual(dataKey);
  });

  it('uses a fresh nonce for every wrap', async () => {
    const wrappingKey = await generateDataKey();
    const dataKey = await generateDataKey();
    const a = await wrapDataKey(wrappingKey, dataKey, 'rec-1');
    const b = await wrapDataKey(wrappingKey, dataKey, 'rec-1');
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(false);
  });

  it('refuses to unwrap under another record id (a wrapped key moved to another record)', async () => {
    const wrappingKey = await generateDataKey();
    const wrapped = await wrapDataKey(wrappingKey, await generateDataKey(), 'rec-1');
    await expectAppError(unwrapDataKey(wrappingKey, wrapped, 'rec-2'), 'BLOB_CORRUPT', { blob: 'rec-2' });
  });

  it('refuses to unwrap with the wrong wrapping key', async () => {
    const wrapped = await wrapDataKey(await generateDataKey(), await generateDataKey(), 'rec-1');
    await expectAppError(unwrapDataKey(await generateDataKey(), wrapped, 'rec-1'), 'BLOB_CORRUPT');
  });

  it('refuses a tampered or truncated wrapped key', async () => {
    const wrappingKey = await generateDataKey();
    const wrapped = await wrapDataKey(wrappingKey, await generateDataKey(), 'rec-1');
    for (const offset of [1, 10, 24, 25, 40, wrapped.length - 1]) {
      const tampered = Uint8Array.from(wrapped);
      tampered[offset] = (tampered[offset] ?? 0) ^ 0x01;
      await expectAppError(unwrapDataKey(wrappingKey, tampered, 'rec-1'), 'BLOB_CORRUPT');
    }
    await expectAppError(unwrapDataKey(wrappingKey, wrapped.subarray(0, wrapped.length - 1), 'rec-1'), 'BLOB_CORRUPT');
    await expectAppError(unwrapDataKey(wrappingKey, new Uint8Array(0), 'rec-1'), 'BLOB_CORRUPT');
  });

  it('reports a newer wrap format as too new, and version 0 as corrupt', async () => {
    const wrappingKey = await generateDataKey();
    const wrapped = await wrapDataKey(wrappingKey, await generateDataKey(), 'rec-1');
    const newer = Uint8Array.from(wrapped);
    newer[0] = 2;
    await expectAppError(unwrapDataKey(wrappingKey, newer, 'rec-1'), 'BLOB_FORMAT_TOO_NEW', { blob: 'rec-1' });
    const zero = Uint8Array.from(wrapped);
    zero[0] = 0;
    await expectAppError(unwrapDataKey(wrappingKey, zero, 'rec-1'), 'BLOB_CORRUPT');
  });

  it('rejects keys of the wrong length as a programming error', async () => {
    await expect(wrapDataKey(new Uint8Array(16), await generateDataKey(), 'rec-1')).rejects.toBeInstanceOf(RangeError);
    await expect(wrapDataKey(await generateDataKey(), new Uint8Array(31), 'rec-1')).rejects.toBeInstanceOf(RangeError);
  });
});
