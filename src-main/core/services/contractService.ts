import { AppError } from '../../../src-shared/api/appError.ts';
import type { OperationInput } from '../../../src-shared/api/operations.ts';
import type { Contract, ContractDetail, ContractRecord } from '../../../src-shared/model/contract.ts';
import { displayNamer } from './contractNaming.ts';
import type { ContractFieldView } from '../../../src-shared/model/contractField.ts';
import type { MetadataField } from '../../../src-shared/rules/metadata/contractMetadata.ts';
import { confirmContractField, listContractFields, upsertContractField } from '../db/repositories/contractFieldRepository.ts';
import { parseMoney } from '../../../src-shared/rules/money.ts';
import { findContractById, listContracts as listContractRows, updateContract as writeContract } from '../db/repositories/contractRepository.ts';
import { listFilesOfContract } from '../db/repositories/contractFileRepository.ts';
import { listVersionsOfFile, toPublicVersion } from '../db/repositories/fileVersionRepository.ts';
import { appendAudit } from './auditLog.ts';
import { appendViewAudit } from './viewAudit.ts';
import { resolveCustomer } from './customerService.ts';
import type { ServiceContext } from './serviceContext.ts';
import type { ReasonKey } from '../../../src-shared/api/errorReasons.ts';

/** Contracts, newest first, optionally of one customer (by name or id). */
export function listContracts(ctx: ServiceContext, customerReference?: string): Contract[] {
  const customerId = customerReference === undefined ? undefined : resolveCustomer(ctx, customerReference).id;
  return listContractRows(ctx.session.db, customerId).map(displayNamer(ctx.session.db, ctx.locale));
}

/** A stored contract or CONTRACT_NOT_FOUND. */
export function requireContract(ctx: ServiceContext, id: string): ContractRecord {
  const contract = findContractById(ctx.session.db, id);
  if (!contract) throw new AppError('CONTRACT_NOT_FOUND', { id });
  return contract;
}

/** A contract with its files and versions; viewing it is recorded in the audit log (repeats within 10 minutes coalesced). */
export function getContractDetail(ctx: ServiceContext, id: string): ContractDetail {
  const contract = requireContract(ctx, id);
  const files = listFilesOfContract(ctx.session.db, id).map((file) => ({
    ...file,
    versions: listVersionsOfFile(ctx.session.db, file.id).map(toPublicVersion),
  }));
  // A repeat by the same person within 10 minutes is not written again (decision 0020).
  appendViewAudit(ctx.session, { actor: ctx.actor, action: 'contract.view', recordType: 'contract', recordId: id });
  return { ...displayNamer(ctx.session.db, ctx.locale)(contract), files, fields: listContractFields(ctx.session.db, id) };
}

/** Records that a person checked an extracted field and found it right. */
export function confirmField(ctx: ServiceContext, id: string, field: MetadataField): ContractFieldView {
  requireContract(ctx, id);
  ctx.session.db.transaction(() => {
    if (!confirmContractField(ctx.session.db, id, field, new Date().toISOString())) throw new AppError('FILE_RECORD_NOT_FOUND', { contract: id, id: field });
    appendAudit(ctx.session, { actor: ctx.actor, action: 'contract.confirmField', recordType: 'contract', recordId: id, details: { field } });
  }).immediate();
  const confirmed = listContractFields(ctx.session.db, id).find((f) => f.field === field);
  if (!confirmed) throw new AppError('FILE_RECORD_NOT_FOUND', { contract: id, id: field });
  return confirmed;
}

/** Fields of contracts.update that correspond to extracted metadata: a user's edit replaces the suggestion. */
const correctableFields = { number: 'number', signingDate: 'signingDate', startDate: 'startDate', endDate: 'endDate', amount: 'amount' } as const;

/** Applies the given field changes; fields left out stay as they are. */
export function updateContract(ctx: ServiceContext, input: OperationInput<'contracts.update'>): Contract {
  const current = requireContract(ctx, input.id);
  const next: ContractRecord = { ...current, updatedAt: new Date().toISOString() };
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
      if (!money) throw new AppError('INVALID_INPUT', { detail: 'reason.amount.invalid' satisfies ReasonKey, value: input.amount.value });
      next.amount = money;
    }
  }
  if (input.tags !== undefined) next.tags = [...new Set(input.tags.map((t) => t.trim()))];
  if (input.notes !== undefined) next.notes = input.notes;
  if (next.startDate && next.endDate && next.endDate < next.startDate) {
    throw new AppError('INVALID_INPUT', { detail: 'reason.dates.endBeforeStart' satisfies ReasonKey });
  }
  const changed = Object.keys(input).filter((k) => k !== 'id');
  const now = next.updatedAt;
  ctx.session.db.transaction(() => {
    writeContract(ctx.session.db, next);
    for (const [key, field] of Object.entries(correctableFields)) {
      if (!Object.hasOwn(input, key) || input[key as keyof typeof input] === undefined) continue;
      const value = next[key as keyof typeof correctableFields];
      upsertContractField(ctx.session.db, next.id, { field, value, snippet: null, page: null, confidence: null, source: 'user', confirmed: true, versionId: null }, now);
    }
    appendAudit(ctx.session, { actor: ctx.actor, action: 'contract.update', recordType: 'contract', recordId: next.id, details: { fields: changed } });
  }).immediate();
  return displayNamer(ctx.session.db, ctx.locale)(next);
}
