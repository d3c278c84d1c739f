import { basename, extname } from 'node:path';
import { AppError, isAppError } from '../../../src-shared/api/appError.ts';
import type { FileRole } from '../../../src-shared/model/contractFile.ts';
import type { Contract } from '../../../src-shared/model/contract.ts';
import type { ImportOutcome } from '../../../src-shared/model/importResult.ts';
import { insertContract } from '../db/repositories/contractRepository.ts';
import { findFileByNameForCustomer, insertContractFile } from '../db/repositories/contractFileRepository.ts';
import { findVersionByContentMac, insertFileVersion, nextVersionNo } from '../db/repositories/fileVersionRepository.ts';
import { createContentMac } from '../crypto/contentMac.ts';
import { generateDataKey, wrapDataKey } from '../crypto/dataKeys.ts';
import pLimit from 'p-limit';
import { newId } from '../ids.ts';
import { appendAudit } from './auditLog.ts';
import { requireContract } from './contractService.ts';
import { resolveCustomer } from './customerService.ts';
import { maxFileBytes } from './importLimits.ts';
import { expandInputPaths, readInputFile } from './inputFiles.ts';
import type { ServiceContext } from './serviceContext.ts';
import { encodeExtractedText, textRecordId } from './extractedTextBlob.ts';

/** Options of one import batch. */
export interface ImportRequest {
  paths: string[];
  customer?: string | undefined;
  contractId?: string | undefined;
  role?: FileRole | undefined;
}

/** Turns an error for one file into its outcome, translated by the door's describer. */
export type DescribeError = (error: AppError) => { code: AppError['code']; message: string; params: Record<string, string | number> };

/** How a batch reports progress and learns it was cancelled. */
export interface ImportControl {
  describe: DescribeError;
  progress?: (event: { done: number; total: number; item: string | null }) => void;
  signal?: AbortSignal | undefined;
}

/**
 * Imports files (and folders of files) into the vault. Each file is its own unit: its blobs are written
 * and fsynced, then its rows and audit event commit in one transaction; a failure leaves nothing of it
 * behind and does not stop the others. The same bytes again are a duplicate; a changed file with the
 * name of one already filed for the same customer becomes that file's next version. Files are parsed in
 * worker threads, several at a time; cancelling stops files not yet committed, keeping those that were.
 */
export async function importFiles(ctx: ServiceContext, request: ImportRequest, control: ImportControl): Promise<ImportOutcome[]> {
  // Resolve the target first: an unknown customer or contract refuses the whole batch before any work.
  const customer = request.customer === undefined ? null : resolveCustomer(ctx, request.customer);
  const targetContract = request.contractId === undefined ? null : requireContract(ctx, request.contractId);
  const target: Target = {
    customerId: targetContract ? targetContract.customerId : (customer?.id ?? null),
    targetContract,
    role: request.role,
    limit: maxFileBytes(ctx.session.db),
  };
  const paths = await expandInputPaths(request.paths);
  const outcomes: ImportOutcome[] = new Array<ImportOutcome>(paths.length);
  const batch: Batch = { inFlight: new Map() };
  const pool = ctx.session.extractionPool();
  // One more file than workers in flight, so a worker never waits for the main thread to read the next file.
  const limit = pLimit(pool.concurrency + 1);
  let done = 0;
  control.progress?.({ done: 0, total: paths.length, item: null });
  await Promise.all(paths.map((path, index) => limit(async () => {
    try {
      if (control.signal?.aborted) throw new AppError('IMPORT_CANCELLED');
      outcomes[index] = await importOne(ctx, path, target, batch, control.signal);
    } catch (error) {
      const appError = isAppError(error) ? error : new AppError('INTERNAL', { detail: (error as Error).message ?? String(error) }, { cause: error });
      outcomes[index] = { file: path, status: 'failed', error: control.describe(appError) };
    }
    done += 1;
    control.progress?.({ done, total: paths.length, item: path });
  })));
  return outcomes;
}

/** State shared by the files of one batch: identical files in one batch are stored once. */
interface Batch {
  inFlight: Map<string, Promise<ImportOutcome>>;
}

interface Target { customerId: string | null; targetContract: Contract | null; role: FileRole | undefined; limit: number }

async function importOne(ctx: ServiceContext, path: string, target: Target, batch: Batch, signal: AbortSignal | undefined): Promise<ImportOutcome> {
  const { session } = ctx;
  const bytes = await readInputFile(path, target.limit);
  const mac = await createContentMac(session.keys.contentMac);
  mac.update(bytes);
  const contentMac = mac.digestHex();
  const twin = batch.inFlight.get(contentMac);
  if (twin) return duplicateOf(path, await twin.catch(() => null)) ?? storeNew(ctx, path, bytes, contentMac, target, signal);
  const stored = storeNew(ctx, path, bytes, contentMac, target, signal);
  batch.inFlight.set(contentMac, stored);
  return stored;
}

/** The outcome for a file whose identical twin earlier in the batch was stored; null if the twin failed. */
function duplicateOf(path: string, twin: ImportOutcome | null): ImportOutcome | null {
  if (!twin || twin.status === 'failed') return null;
  return { file: path, status: 'duplicate', contractId: twin.contractId, fileId: twin.fileId, versionId: twin.versionId };
}

async function storeNew(ctx: ServiceContext, path: string, bytes: Uint8Array, contentMac: string, target: Target, signal: AbortSignal | undefined): Promise<ImportOutcome> {
  const { session } = ctx;
  const fileName = basename(path);
  const existing = findVersionByContentMac(session.db, contentMac);
  if (existing) return { file: path, status: 'duplicate', contractId: existing.contractId, fileId: existing.fileId, versionId: existing.id };

  const extracted = await session.extractionPool().extract(bytes, fileName);
  // Checked after the slow step: a cancelled batch commits nothing more.
  if (signal?.aborted) throw new AppError('IMPORT_CANCELLED');
  const versionId = newId();
  const dataKey = await generateDataKey();
  const written: string[] = [];
  try {
    const original = await session.blobs.write(bytes, dataKey, versionId);
    written.push(original.blobId);
    const text = await session.blobs.write(encodeExtractedText(extracted.pages), dataKey, textRecordId(versionId));
    written.push(text.blobId);
    const wrappedKey = await wrapDataKey(session.keys.blobs, dataKey, versionId);
    const now = new Date().toISOString();
    const textChars = extracted.pages.reduce((n, page) => n + page.length, 0);
    const pageCount = extracted.pageCount ?? extracted.pages.length;

    // Blobs are durable; now the rows that point at them commit together, or not at all.
    const placement = session.db.transaction(() => {
      const existingFile = findFileByNameForCustomer(session.db, fileName, target.customerId, target.targetContract?.id);
      let contractId: string;
      let fileId: string;
      if (existingFile) {
        contractId = existingFile.contractId;
        fileId = existingFile.id;
      } else {
        contractId = target.targetContract?.id ?? newId();
        fileId = newId();
        if (!target.targetContract) {
          insertContract(session.db, newContractFor(contractId, fileName, target.customerId, now));
          appendAudit(session, { actor: ctx.actor, action: 'contract.create', recordType: 'contract', recordId: contractId, details: { source: 'import' } });
        }
        const role: FileRole = target.role ?? (target.targetContract ? 'annex' : 'main');
        insertContractFile(session.db, { id: fileId, contractId, role, name: fileName, createdAt: now });
      }
      const versionNo = nextVersionNo(session.db, fileId);
      insertFileVersion(session.db, {
        id: versionId, fileId, versionNo, blobId: original.blobId, textBlobId: text.blobId, wrappedKey, contentMac,
        size: bytes.length, format: extracted.format, mime: extracted.mime, pageCount, textChars,
        sourcePath: path, createdAt: now,
      });
      appendAudit(session, {
        actor: ctx.actor, action: versionNo === 1 ? 'file.import' : 'file.newVersion', recordType: 'contract', recordId: contractId,
        details: { fileId, versionId, versionNo, size: bytes.length, format: extracted.format },
      });
      return { contractId, fileId, versionNo };
    }).immediate();
    return {
      file: path, status: placement.versionNo === 1 ? 'imported' : 'new-version', contractId: placement.contractId,
      fileId: placement.fileId, versionId, versionNo: placement.versionNo, pageCount, textChars,
    };
  } catch (error) {
    // The rows did not commit: remove what was written so nothing half-imported remains (the unlock sweep is the backstop).
    await Promise.all(written.map((blobId) => session.blobs.remove(blobId).catch(() => undefined)));
    throw error;
  } finally {
    session.sodium.memzero(dataKey);
  }
}

function newContractFor(id: string, fileName: string, customerId: string | null, now: string): Contract {
  const title = basename(fileName, extname(fileName)).trim() || fileName;
  return {
    id, title, number: null, customerId, customerName: null, type: 'other', status: 'active', signingDate: null,
    startDate: null, endDate: null, amount: null, tags: [], notes: null, createdAt: now, updatedAt: now,
  };
}
