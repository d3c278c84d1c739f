import { prepareCached } from '../statementCache.ts';
import type { ContractRecord, ContractStatus, ContractType } from '../../../../src-shared/model/contract.ts';
import type { VaultDatabase } from '../connection.ts';
import { newId } from '../../ids.ts';

interface ContractRow {
  id: string; title: string; number: string | null; customer_id: string | null; customer_name: string | null;
  type: string; status: string; signing_date: string | null; start_date: string | null; end_date: string | null;
  amount_minor: number | null; currency: string | null; notes: string | null; created_at: string; updated_at: string;
}

const selectContract = `
  SELECT k.*, c.name AS customer_name FROM contracts k LEFT JOIN customers c ON c.id = k.customer_id`;

/** Inserts a contract row and its tags (call inside the caller's transaction). */
export function insertContract(db: VaultDatabase, contract: ContractRecord): void {
  prepareCached(db, `INSERT INTO contracts (id, title, number, customer_id, type, status, signing_date, start_date, end_date,
      amount_minor, currency, notes, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(
    contract.id, contract.title, contract.number, contract.customerId, contract.type, contract.status,
    contract.signingDate, contract.startDate, contract.endDate, contract.amount?.minor ?? null, contract.amount?.currency ?? null,
    contract.notes, contract.createdAt, contract.updatedAt,
  );
  replaceContractTags(db, contract.id, contract.tags);
}

/** Writes every editable field of an existing contract (call inside the caller's transaction). */
export function updateContract(db: VaultDatabase, contract: ContractRecord): void {
  prepareCached(db, `UPDATE contracts SET title = ?, number = ?, customer_id = ?, type = ?, status = ?, signing_date = ?,
      start_date = ?, end_date = ?, amount_minor = ?, currency = ?, notes = ?, updated_at = ? WHERE id = ?`).run(
    contract.title, contract.number, contract.customerId, contract.type, contract.status, contract.signingDate,
    contract.startDate, contract.endDate, contract.amount?.minor ?? null, contract.amount?.currency ?? null,
    contract.notes, contract.updatedAt, contract.id,
  );
  replaceContractTags(db, contract.id, contract.tags);
}

function replaceContractTags(db: VaultDatabase, contractId: string, tags: readonly string[]): void {
  prepareCached(db, 'DELETE FROM contract_tags WHERE contract_id = ?').run(contractId);
  const findTag = prepareCached(db, 'SELECT id FROM tags WHERE name = ? COLLATE NOCASE');
  const insertTag = prepareCached(db, 'INSERT INTO tags (id, name) VALUES (?, ?)');
  const link = prepareCached(db, 'INSERT OR IGNORE INTO contract_tags (contract_id, tag_id) VALUES (?, ?)');
  for (const name of tags) {
    let tagId = (findTag.get(name) as { id: string } | undefined)?.id;
    if (!tagId) {
      tagId = newId();
      insertTag.run(tagId, name);
    }
    link.run(contractId, tagId);
  }
}

/** One contract, or null. */
export function findContractById(db: VaultDatabase, id: string): ContractRecord | null {
  const row = prepareCached(db, `${selectContract} WHERE k.id = ?`).get(id) as ContractRow | undefined;
  return row ? toContract(db, row) : null;
}

/** Contracts, newest first, optionally of one customer. */
export function listContracts(db: VaultDatabase, customerId?: string): ContractRecord[] {
  const rows = (customerId === undefined
    ? prepareCached(db, `${selectContract} ORDER BY k.created_at DESC, k.rowid DESC`).all()
    : prepareCached(db, `${selectContract} WHERE k.customer_id = ? ORDER BY k.created_at DESC, k.rowid DESC`).all(customerId)) as ContractRow[];
  const tagsByContract = loadAllTags(db);
  return rows.map((row) => toContractWithTags(row, tagsByContract.get(row.id) ?? []));
}

function loadAllTags(db: VaultDatabase): Map<string, string[]> {
  const rows = prepareCached(db, 'SELECT ct.contract_id, t.name FROM contract_tags ct JOIN tags t ON t.id = ct.tag_id ORDER BY t.name').all() as { contract_id: string; name: string }[];
  const map = new Map<string, string[]>();
  for (const row of rows) map.set(row.contract_id, [...(map.get(row.contract_id) ?? []), row.name]);
  return map;
}

function toContract(db: VaultDatabase, row: ContractRow): ContractRecord {
  const tags = prepareCached(db, 'SELECT t.name FROM contract_tags ct JOIN tags t ON t.id = ct.tag_id WHERE ct.contract_id = ? ORDER BY t.name')
    .all(row.id) as { name: string }[];
  return toContractWithTags(row, tags.map((t) => t.name));
}

function toContractWithTags(row: ContractRow, tags: string[]): ContractRecord {
  return {
    id: row.id,
    title: row.title,
    number: row.number,
    customerId: row.customer_id,
    customerName: row.customer_name,
    type: row.type as ContractType,
    status: row.status as ContractStatus,
    signingDate: row.signing_date,
    startDate: row.start_date,
    endDate: row.end_date,
    amount: row.amount_minor === null || row.currency === null ? null : { minor: row.amount_minor, currency: row.currency },
    tags,
    notes: row.notes,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Deletes a contract; its files, versions, tags and fields go with it (call inside the caller's transaction). */
export function deleteContract(db: VaultDatabase, id: string): void {
  prepareCached(db, 'DELETE FROM contracts WHERE id = ?').run(id);
}
