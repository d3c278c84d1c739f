import { basename, extname } from 'node:path';
import type { ContractRecord } from '../../../../src-shared/model/contract.ts';
import type { FileRole } from '../../../../src-shared/model/contractFile.ts';
import { CommitNotDurableError, commitGrouped } from '../../db/groupCommit.ts';
import { findContractById, insertContract } from '../../db/repositories/contractRepository.ts';
import { findFileByNameForCustomer, insertContractFile } from '../../db/repositories/contractFileRepository.ts';
import { insertFileVersion, nextVersionNo } from '../../db/repositories/fileVersionRepository.ts';
import { generateDataKey, wrapDataKey } from '../../crypto/dataKeys.ts';
import type { ExtractedText } from '../../ingest/extractor.ts';
import { newId } from '../../ids.ts';
import { AppError } from '../../../../src-shared/api/appError.ts';
import { appendAudit } from '../auditLog.ts';
import { encodeExtractedText, textRecordId } from '../extractedTextBlob.ts';
import type { ServiceContext } from '../serviceContext.ts';
import type { ImportItem } from './importItem.ts';

/** Where a stored version landed. */
export interface StoredPlacement {
  contractId: string;
  fileId: string;
  versionId: string;
  versionNo: number;
  createdContract: boolean;
  role: FileRole;
}

/** Where to put a new version: an existing contract (or a new one with this title), its customer and the file's role. */
export interface PlacementRequest {
  customerId: string | null;
  contractId: string | null;
  newContractTitle: string;
  role: FileRole;
  /**
   * Fills the contract from the document (metadata, classification) inside the commit transaction: always
   * for a contract this version creates, and for an existing one when `enrichExisting` is set.
   */
  enrich?: (contract: ContractRecord, versionId: string) => void;
  enrichExisting?: boolean;
  /** A cancelled import commits nothing more: checked when the rows are about to be written. */
  signal?: AbortSignal | undefined;
}

/** A contract title from a file name: the name without its extension. */
export function titleFromFileName(fileName: string): string {
  return basename(fileName, extname(fileName)).trim() || fileName;
}

/**
 * Encrypts one file version (original + extracted text, one fresh data key), makes both blobs durable,
 * then commits the rows that point at them and the audit event in one transaction (grouped with other
 * files' commits of the same moment, db/groupCommit.ts). A changed file whose
 * name matches a file already filed for the same customer (or in the target contract) becomes its next
 * version. If the commit fails the blobs are removed; the unlock sweep is the backstop after a crash.
 */
export async function storeVersion(ctx: ServiceContext, item: ImportItem, extracted: ExtractedText, contentMac: string, placement: PlacementRequest, textSignature: Uint32Array | null = null): Promise<StoredPlacement> {
  const { session } = ctx;
  const versionId = newId();
  const dataKey = await generateDataKey();
  const written: string[] = [];
  try {
    // Both blobs at once: each waits for two fsyncs (file and folder), which overlap on the disk.
    const writes = await Promise.allSettled([
      session.blobs.write(item.bytes, dataKey, versionId),
      session.blobs.write(encodeExtractedText(extracted.pages, extracted.ocrPages), dataKey, textRecordId(versionId)),
    ]);
    for (const write of writes) if (write.status === 'fulfilled') written.push(write.value.blobId);
    const [original, text] = writes;
    if (original?.status !== 'fulfilled') throw original?.reason;
    if (text?.status !== 'fulfilled') throw text?.reason;
    const wrappedKey = await wrapDataKey(session.keys.blobs, dataKey, versionId);
    const now = new Date().toISOString();
    const textChars = extracted.pages.reduce((n, page) => n + page.length, 0);
    const pageCount = extracted.pageCount ?? extracted.pages.length;

    return await commitGrouped(session.db, (): StoredPlacement => {
      if (placement.signal?.aborted) throw new AppError('IMPORT_CANCELLED');
      const existingFile = placement.role === 'email' ? null
        : findFileByNameForCustomer(session.db, item.fileName, placement.customerId, placement.contractId ?? undefined);
      let contractId = existingFile?.contractId ?? placement.contractId;
      let fileId = existingFile?.id;
      let createdContract = false;
      if (!contractId) {
        contractId = newId();
        const contract: ContractRecord = {
          id: contractId, title: placement.newContractTitle, number: null, customerId: placement.customerId, customerName: null,
          type: 'other', status: 'active', signingDate: null, startDate: null, endDate: null, amount: null, tags: [], notes: null,
          createdAt: now, updatedAt: now,
        };
        insertContract(session.db, contract);
        placement.enrich?.(contract, versionId);
        appendAudit(session, { actor: ctx.actor, action: 'contract.create', recordType: 'contract', recordId: contractId, details: { source: 'import' } });
        createdContract = true;
      } else if (placement.enrichExisting && placement.enrich) {
        const existing = findContractById(session.db, contractId);
        if (existing) placement.enrich(existing, versionId);
      }
      if (!fileId) {
        fileId = newId();
        insertContractFile(session.db, { id: fileId, contractId, role: placement.role, name: item.fileName, createdAt: now });
      }
      const versionNo = nextVersionNo(session.db, fileId);
      insertFileVersion(session.db, {
        id: versionId, fileId, versionNo, blobId: original.value.blobId, textBlobId: text.value.blobId, wrappedKey, contentMac,
        size: item.bytes.length, format: extracted.format, mime: extracted.mime, pageCount, textChars,
        sourcePath: item.sourcePath, sourceKind: item.sourceKind, parentVersionId: item.parentVersionId, textSignature, createdAt: now,
        blobSha256: original.value.sha256, textBlobSha256: text.value.sha256,
      });
      appendAudit(session, {
        actor: ctx.actor, action: versionNo === 1 ? 'file.import' : 'file.newVersion', recordType: 'contract', recordId: contractId,
        details: { fileId, versionId, versionNo, size: item.bytes.length, format: extracted.format, source: item.sourceKind },
      });
      return { contractId, fileId, versionId, versionNo, createdContract, role: placement.role };
    });
  } catch (error) {
    // The rows did not commit: remove what was written so nothing half-imported remains. Rows that did
    // commit but could not be synced point at these blobs, which must stay.
    if (!(error instanceof CommitNotDurableError)) await Promise.all(written.map((blobId) => session.blobs.remove(blobId).catch(() => undefined)));
    throw error;
  } finally {
    session.sodium.memzero(dataKey);
  }
}
