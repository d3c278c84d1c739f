import { AppError, isAppError } from '../../../src-shared/api/appError.ts';
import { unwrapDataKey } from '../crypto/dataKeys.ts';
import type { LocatedFileVersion } from '../db/repositories/fileVersionRepository.ts';
import type { VaultSession } from '../session/vaultSession.ts';
import { decodeExtractedText, textRecordId } from './extractedTextBlob.ts';

/** Re-raises a blob error with the contract it belongs to, so the message tells the user what to restore. */
export function nameContractInBlobError(error: unknown, contractId: string): unknown {
  if (isAppError(error) && (error.code === 'BLOB_CORRUPT' || error.code === 'BLOB_MISSING' || error.code === 'BLOB_FORMAT_TOO_NEW')) {
    return new AppError(error.code, { blob: '?', ...error.params, contract: contractId }, { cause: error });
  }
  return error;
}

/**
 * Streams the decrypted original bytes of a version. The data key is unwrapped per call and wiped
 * when the stream ends, so no long-lived plaintext key sits in memory.
 */
export async function* readVersionOriginal(session: VaultSession, version: LocatedFileVersion): AsyncGenerator<Uint8Array> {
  let dataKey: Uint8Array | undefined;
  try {
    dataKey = await unwrapDataKey(session.keys.blobs, version.wrappedKey, version.id);
    yield* session.blobs.readStream(version.blobId, dataKey, version.id);
  } catch (error) {
    throw nameContractInBlobError(error, version.contractId);
  } finally {
    if (dataKey) session.sodium.memzero(dataKey);
  }
}

/** The decrypted per-page text extracted from a version at import. */
export async function readVersionText(session: VaultSession, version: LocatedFileVersion): Promise<string[]> {
  let dataKey: Uint8Array | undefined;
  try {
    dataKey = await unwrapDataKey(session.keys.blobs, version.wrappedKey, version.id);
    return decodeExtractedText(await session.blobs.read(version.textBlobId, dataKey, textRecordId(version.id)));
  } catch (error) {
    throw nameContractInBlobError(error, version.contractId);
  } finally {
    if (dataKey) session.sodium.memzero(dataKey);
  }
}
