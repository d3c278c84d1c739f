import { AppError } from '../../../src-shared/api/appError.ts';
import type { ContractDetail } from '../../../src-shared/model/contract.ts';
import { findContractFileById, listFilesOfContract } from '../db/repositories/contractFileRepository.ts';
import { deleteContract } from '../db/repositories/contractRepository.ts';
import { listVersionsOfFile, moveVersionToFile, nextVersionNo } from '../db/repositories/fileVersionRepository.ts';
import { appendAudit } from './auditLog.ts';
import { getContractDetail, requireContract } from './contractService.ts';
import type { ServiceContext } from './serviceContext.ts';
import type { ReasonKey } from '../../../src-shared/api/errorReasons.ts';

/**
 * Accepts import's offer for a near-identical file: the versions of the (new) contract's only document move
 * under the given file of another contract as its next versions, and the now empty contract is removed.
 * Blobs stay where they are: they are bound to version ids, which do not change.
 */
export function mergeAsVersion(ctx: ServiceContext, input: { contractId: string; intoFileId: string }): ContractDetail {
  const { db } = ctx.session;
  requireContract(ctx, input.contractId);
  const sourceFiles = listFilesOfContract(db, input.contractId);
  const [source] = sourceFiles;
  if (!source || sourceFiles.length !== 1) {
    throw new AppError('INVALID_INPUT', { detail: 'reason.merge.singleDocumentOnly' satisfies ReasonKey });
  }
  const target = findContractFileById(db, input.intoFileId);
  if (!target) throw new AppError('FILE_RECORD_NOT_FOUND', { contract: '-', id: input.intoFileId });
  if (target.contractId === input.contractId) throw new AppError('INVALID_INPUT', { detail: 'reason.merge.intoItself' satisfies ReasonKey });
  db.transaction(() => {
    const moving = listVersionsOfFile(db, source.id).reverse();
    for (const version of moving) {
      moveVersionToFile(db, version.id, target.id, nextVersionNo(db, target.id));
    }
    deleteContract(db, input.contractId);
    appendAudit(ctx.session, { actor: ctx.actor, action: 'contract.mergedAway', recordType: 'contract', recordId: input.contractId, details: { into: target.contractId } });
    appendAudit(ctx.session, { actor: ctx.actor, action: 'file.newVersion', recordType: 'contract', recordId: target.contractId, details: { fileId: target.id, from: input.contractId, versions: moving.length } });
  }).immediate();
  return getContractDetail(ctx, target.contractId);
}
