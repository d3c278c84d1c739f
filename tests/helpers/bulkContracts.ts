import { contractStatuses, contractTypes, type ContractRecord } from '../../src-shared/model/contract.ts';
import type { VaultDatabase } from '../../src-main/core/db/connection.ts';
import { insertContract } from '../../src-main/core/db/repositories/contractRepository.ts';
import { insertCustomer } from '../../src-main/core/db/repositories/customerRepository.ts';
import { insertFolder, setContractFolder } from '../../src-main/core/db/repositories/folderRepository.ts';

/** A small deterministic PRNG (mulberry32), so generated vaults are the same on every run. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const hex32 = (n: number, prefix: string) => `${prefix}${n.toString(16).padStart(32 - prefix.length, '0')}`;
const pick = <T>(random: () => number, list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
const date = (random: () => number, fromYear: number, years: number) => {
  const day = new Date(Date.UTC(fromYear, 0, 1) + Math.floor(random() * years * 365) * 86_400_000);
  return day.toISOString().slice(0, 10);
};

/** What was generated, for tests to compute expectations from. */
export interface GeneratedLibrary {
  contracts: (ContractRecord & { folderId: string | null })[];
  folders: { id: string; name: string; parentId: string | null }[];
  customers: { id: string; name: string }[];
}

/**
 * Writes `count` contracts straight through the repositories (no files, no parsing: for table and paging
 * tests and the 100,000-row benchmark), spread over customers, types, statuses, dates, amounts in two
 * currencies, tags and a two-level folder tree. Runs in one transaction.
 */
export function generateContracts(db: VaultDatabase, count: number, seed = 7): GeneratedLibrary {
  const random = seededRandom(seed);
  const now = '2026-01-01T00:00:00.000Z';
  const customers = Array.from({ length: Math.max(3, Math.ceil(count / 50)) }, (_, i) => ({ id: hex32(i + 1, 'c'), name: i % 3 === 0 ? `客户${i}有限公司` : `Customer ${i} Ltd` }));
  const folders = [
    { id: hex32(1, 'f'), name: 'Clients', parentId: null },
    { id: hex32(2, 'f'), name: '2024', parentId: hex32(1, 'f') },
    { id: hex32(3, 'f'), name: '2025', parentId: hex32(1, 'f') },
    { id: hex32(4, 'f'), name: '人事', parentId: null },
  ];
  const tagPool = ['urgent', '续签', 'framework', 'audit'];
  const contracts: GeneratedLibrary['contracts'] = [];
  db.transaction(() => {
    for (const c of customers) insertCustomer(db, { id: c.id, name: c.name, notes: null, contacts: [], createdAt: now, updatedAt: now });
    for (const f of folders) insertFolder(db, { ...f, createdAt: now });
    for (let i = 0; i < count; i += 1) {
      const customer = random() < 0.9 ? pick(random, customers) : null;
      const signingDate = random() < 0.85 ? date(random, 2018, 8) : null;
      const endDate = random() < 0.7 ? date(random, 2022, 8) : null;
      const amount = random() < 0.8 ? { minor: Math.floor(random() * 100_000_000), currency: random() < 0.7 ? 'CNY' : 'USD' } : null;
      const tags = tagPool.filter(() => random() < 0.2);
      const folderId = random() < 0.6 ? pick(random, folders).id : null;
      const created = new Date(Date.UTC(2024, 0, 1) + i * 60_000).toISOString();
      const record: ContractRecord = {
        id: hex32(i + 1, 'a'), title: `${random() < 0.3 ? '采购合同' : 'Agreement'} ${i.toString().padStart(6, '0')}`, number: `HT-${i}`,
        customerId: customer?.id ?? null, customerName: customer?.name ?? null, type: pick(random, contractTypes), status: pick(random, contractStatuses),
        signingDate, startDate: null, endDate, amount, tags, notes: null, createdAt: created, updatedAt: created,
      };
      insertContract(db, record);
      if (folderId !== null) setContractFolder(db, record.id, folderId, created);
      contracts.push({ ...record, folderId });
    }
  }).immediate();
  return { contracts, folders, customers };
}
