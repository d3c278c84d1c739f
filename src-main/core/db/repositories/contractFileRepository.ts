import { prepareCached } from '../statementCache.ts';
import type { ContractFile, FileRole } from '../../../../src-shared/model/contractFile.ts';
import type { VaultDatabase } from '../connection.ts';

interface FileRow { id: string; contract_id: string; role: string; name: string; created_at: string }

/** Inserts a file record (call inside the caller's transaction). */
export function insertContractFile(db: VaultDatabase, file: ContractFile): void {
  prepareCached(db, 'INSERT INTO contract_files (id, contract_id, role, name, created_at) VALUES (?, ?, ?, ?, ?)').run(
    file.id, file.contractId, file.role, file.name, file.createdAt,
  );
}

/** The files of a contract: main document, signed copy, annexes, then the mail they came in. */
export function listFilesOfContract(db: VaultDatabase, contractId: string): ContractFile[] {
  const rows = prepareCached(db, `SELECT * FROM contract_files WHERE contract_id = ?
      ORDER BY CASE role WHEN 'main' THEN 0 WHEN 'signed' THEN 1 WHEN 'annex' THEN 2 ELSE 3 END, created_at, rowid`).all(contractId) as FileRow[];
  return rows.map(toFile);
}

/**
 * The file a re-imported document most likely updates: same file name, same customer (or both without
 * a customer), optionally limited to one contract. Newest first when several match.
 */
export function findFileByNameForCustomer(db: VaultDatabase, name: string, customerId: string | null, contractId?: string): ContractFile | null {
  const row = prepareCached(db, `SELECT f.* FROM contract_files f JOIN contracts k ON k.id = f.contract_id
      WHERE f.name = ? COLLATE NOCASE AND k.customer_id IS ? AND (? IS NULL OR k.id = ?)
      ORDER BY f.created_at DESC, f.rowid DESC LIMIT 1`).get(name, customerId, contractId ?? null, contractId ?? null) as FileRow | undefined;
  return row ? toFile(row) : null;
}

function toFile(row: FileRow): ContractFile {
  return { id: row.id, contractId: row.contract_id, role: row.role as FileRole, name: row.name, createdAt: row.created_at };
}

/** One file record by id, or null. */
export function findContractFileById(db: VaultDatabase, id: string): ContractFile | null {
  const row = prepareCached(db, 'SELECT * FROM contract_files WHERE id = ?').get(id) as FileRow | undefined;
  return row ? toFile(row) : null;
}
