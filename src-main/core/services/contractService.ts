import { AppError } from '../../../src-shared/api/appError.ts';
import type { OperationInput } from '../../../src-shared/api/operations.ts';
import type { Contract, ContractDetail } from '../../../src-shared/model/contract.ts';
import { parseMoney } from '../../../src-shared/rules/money.ts';
import { findContractById, listContracts as listContractRows, updateContract as writeContract } from '../db/repositories/contractRepository.ts';
import { listFilesOfContract } from '../db/repositories/contractFileRepository.ts';
import { listVersionsOfFile, toPublicVersion } from '../db/repositories/fileVersionRepository.ts';
import { appendAudit } from './auditLog.ts';
import { resolveCustomer } from './customerService.ts';
import type { ServiceContext } from './serviceContext.ts';

/** Contracts, newest first, optionally of one customer (by name or id). */
export function listContracts(ctx: ServiceContext, customerReference?: string): Contract[] {
  const customerId = customerReference === undefined ? undefined : resolveCustomer(ctx, customerReference).id;
  return listContractRows(ctx.session.db, customerId);
}

/** A contract or CONTRACT_NOT_FOUND. */
export function requireContract(ctx: ServiceContext, id: string): Contract {
  const contract = findContractById(ctx.session.db, id);
  if (!contract) throw new AppError('CONTRACT_NOT_FOUND', { id });
  return contract;
}

/** A contract with its files and versions; viewing it is recorded in the audit log. */
export function getContractDetail(ctx: ServiceContext, id: string): ContractDetail {
  const contract = requireContract(ctx, id);
  const files = listFilesOfContract(ctx.session.db, id).map((file) => ({
    ...file,
    versions: listVersionsOfFile(ctx.session.db, file.id).map(toPublicVersion),
  }));
  ctx.session.db.transaction(() => {
    appendAudit(ctx.session, { actor: ctx.actor, action: 'contract.view', recordType: 'contract', recordId: id });
  }).immediate();
  return { ...contract, files };
}

/** Applies the given field changes; fields left out stay as they are. */
export function updateContract(ctx: ServiceContext, input: OperationInput<'contracts.update'>): Contract {
  const current = requireContract(ctx, input.id);
  const next: Contract = { ...current, updatedAt: new Date().toISOString() };
  if (input.title !== undefined) next.title = input.title;
  if (input.number !== undefined) next.number = input.number === '' ? null : input.number;
  if (input.customer !== undefined) {
    const customer = input.customer === null ? null : resolveCustomer(ctx, input.customer);
    next.customerId = customer?.id ?? null;
    next.customerName = customer?.name ?? null;
  }
  if (input.type !== undefined) next.type = input.type;
  if (input.status !== undefined) next.status = input.status;
  if (input.signingDate !== undefined) next.signingDate = input.signingDate;
  if (input.startDate !== undefined) next.startDate = input.startDate;
  if (input.endDate !== undefined) next.endDate = input.endDate;
  if (input.amount !== undefined) {
    if (input.amount === null) next.amount = null;
    else {
      const money = parseMoney(input.amount.value, input.amount.currency);
      if (!money) throw new AppError('INVALID_INPUT', { detail: `amount: "${input.amount.value}"` });
      next.amount = money;
    }
  }
  if (input.tags !== undefined) next.tags = [...new Set(input.tags.map((t) => t.trim()))];
  if (input.notes !== undefined) next.notes = input.notes;
  if (next.startDate && next.endDate && next.endDate < next.startDate) {
    throw new AppError('INVALID_INPUT', { detail: 'endDate is before startDate' });
  }
  const changed = Object.keys(input).filter((k) => k !== 'id');
  ctx.session.db.transaction(() => {
    writeContract(ctx.session.db, next);
    appendAudit(ctx.session, { actor: ctx.actor, action: 'contract.update', recordType: 'contract', recordId: next.id, details: { fields: changed } });
  }).immediate();
  return next;
}
