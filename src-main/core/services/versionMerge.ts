import { AppError } from '../../../src-shared/api/appError.ts';
import type { ContractDetail } from '../../../src-shared/model/contract.ts';
import { listFilesOfContract } from '../db/repositories/contractFileRepository.ts';
import { listVersionsOfFile, nextVersionNo } from '../db/repositories/fileVersionRepository.ts';
import { appendAudit } from './auditLog.ts';
import { getContractDetail, requireContract } from './contractService.ts';
import type { ServiceContext } from './serviceContext.ts';

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
    throw new AppError('INVALID_INPUT', { detail: 'only a contract with a single document can become a version of another' });
  }
  const target = db.prepare('SELECT id, contract_id FROM contract_files WHERE id = ?').get(input.intoFileId) as { id: string; contract_id: string } | undefined;
  if (!target) throw new AppError('FILE_RECORD_NOT_FOUND', { contract: '-', id: input.intoFileId });
  if (target.contract_id === input.contractId) throw new AppError('INVALID_INPUT', { detail: 'a contract cannot be merged into itself' });
  db.transaction(() => {
    const moving = listVersionsOfFile(db, source.id).reverse();
    for (const version of moving) {
      db.prepare('UPDATE file_versions SET file_id = ?, version_no = ? WHERE id = ?').run(target.id, nextVersionNo(db, target.id), version.id);
    }
    db.prepare('DELETE FROM contracts WHERE id = ?').run(input.contractId);
    appendAudit(ctx.session, { actor: ctx.actor, action: 'contract.mergedAway', recordType: 'contract', recordId: input.contractId, details: { into: target.contract_id } });
    appendAudit(ctx.session, { actor: ctx.actor, action: 'file.newVersion', recordType: 'contract', recordId: target.contract_id, details: { fileId: target.id, from: input.contractId, versions: moving.length } });
  }).immediate();
  return getContractDetail(ctx, target.contract_id);
}
