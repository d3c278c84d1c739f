import { z } from 'zod';
import type { Permission } from './permissions.ts';
import type { Customer, CustomerSummary } from '../model/customer.ts';
import type { Contract, ContractDetail } from '../model/contract.ts';
import { contractStatuses, contractTypes } from '../model/contract.ts';
import { fileRoles } from '../model/contractFile.ts';
import type { Folder, TagSummary } from '../model/folder.ts';
import type { ErrorCode } from './errorCodes.ts';
import { contractPageSorts, type ContractPage } from '../model/contractPage.ts';
import type { AuditEvent } from '../model/auditEvent.ts';
import type { ImportOutcome } from '../model/importResult.ts';
import type { VerifyReport } from '../model/verifyReport.ts';
import type { VaultSettings } from '../model/vaultSettings.ts';
import type { WatchedFolder } from '../model/watchedFolder.ts';
import { isIsoDate } from '../rules/isoDate.ts';
import type { ClassificationRule } from '../rules/classification/classificationRule.ts';
import type { ContractFieldView } from '../model/contractField.ts';
import { metadataFields, type MetadataField } from '../rules/metadata/contractMetadata.ts';
import { matchRuleSchema } from '../rules/classification/classificationRule.ts';
import type { RecentSearch, SavedSearch, SearchResult } from '../model/search.ts';
import { searchSorts } from '../model/search.ts';
import type { FileContent, FilePreview, FileText } from '../model/fileView.ts';
import { listableFileKinds, type FileListing } from '../model/fileListing.ts';
import type { BackupExportResult, BackupRestoreResult, BackupVerifyReport } from '../model/backup.ts';
import type { FolderListing } from '../model/folderListing.ts';
import { contractFilterShape, contractMatchingSchema, contractSelectionShape, oneSelection } from './contractSelection.ts';
import type { BackupFolderSnapshot, BackupRunResult, BackupSchedule, BackupStatus } from '../model/backupFolder.ts';

/** One entry of the API map: its input schema, the permission it needs, and (as a type only) its result. */
export interface OperationDef<Input extends z.ZodType, Result> {
  input: Input;
  permission: Permission;
  /** Phantom field: carries the result type; never set at run time. */
  readonly result?: Result;
}

/** Curried so the result type is given explicitly while the input schema's type is inferred. */
function op<Result>() {
  return <Input extends z.ZodType>(def: { input: Input; permission: Permission }): OperationDef<Input, Result> => def;
}

const id = z.string().regex(/^[0-9a-f]{32}$/, 'id');
const nonBlank = (max: number) => z.string().trim().min(1).max(max);
const isoDate = z.string().refine(isIsoDate, 'date YYYY-MM-DD');
const currency = z.string().regex(/^[A-Za-z]{3}$/, 'ISO 4217 currency').transform((c) => c.toUpperCase());
const kdfPreset = z.enum(['moderate', 'interactive', 'sensitive']);

const backupSecret = z.object({ backupPassphrase: z.string().max(1024).optional(), recoveryKey: z.string().max(200).optional() });
const oneSecret = (v: { backupPassphrase?: string; recoveryKey?: string }) => (v.backupPassphrase === undefined) !== (v.recoveryKey === undefined);

/** Longest search text accepted: far beyond any phrase a person types, short enough to answer instantly. */
export const MAX_SEARCH_TEXT_CHARS = 1000;

const minor = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const searchQuery = z
  .object({
    text: z.string().max(MAX_SEARCH_TEXT_CHARS).optional(),
    customerIds: z.array(id).max(1000).optional(),
    types: z.array(z.enum(contractTypes)).max(20).optional(),
    statuses: z.array(z.enum(contractStatuses)).max(10).optional(),
    tags: z.array(nonBlank(100)).max(50).optional(),
    signedFrom: isoDate.optional(),
    signedTo: isoDate.optional(),
    endsFrom: isoDate.optional(),
    endsTo: isoDate.optional(),
    minAmountMinor: minor.optional(),
    maxAmountMinor: minor.optional(),
    currency: currency.optional(),
    formats: z.array(z.string().regex(/^[a-z]{2,10}$/, 'format')).max(20).optional(),
    sort: z.enum(searchSorts).optional(),
    ascending: z.boolean().optional(),
    limit: z.number().int().min(1).max(500).optional(),
    offset: z.number().int().min(0).max(1_000_000).optional(),
    record: z.boolean().optional(),
  })
  .strict()
  // An inverted range is a mistake worth saying, not a silent empty result.
  .refine((q) => q.signedFrom === undefined || q.signedTo === undefined || q.signedFrom <= q.signedTo, 'signedFrom after signedTo')
  .refine((q) => q.endsFrom === undefined || q.endsTo === undefined || q.endsFrom <= q.endsTo, 'endsFrom after endsTo')
  .refine((q) => q.minAmountMinor === undefined || q.maxAmountMinor === undefined || q.minAmountMinor <= q.maxAmountMinor, 'minAmount above maxAmount');

/** A folder's name: one path segment. */
const folderName = nonBlank(200).refine((n) => !/[/\\\u0000-\u001f]/u.test(n), 'folder name');

/** The one typed map of every operation the UI, the web bridge and the CLI can ask for (DESIGN.md §2). */
export const operations = {
  'vault.create': op<{ vaultId: string; recoveryKey: string }>()({
    input: z.object({ vaultDir: nonBlank(4096), passphrase: z.string().max(1024), kdf: kdfPreset.optional() }).strict(),
    permission: 'open',
  }),
  'vault.unlock': op<{ vaultId: string }>()({
    input: z
      .object({ vaultDir: nonBlank(4096), passphrase: z.string().max(1024).optional(), recoveryKey: z.string().max(200).optional() })
      .strict()
      .refine((v) => (v.passphrase === undefined) !== (v.recoveryKey === undefined), 'passphrase or recoveryKey'),
    permission: 'open',
  }),
  'vault.lock': op<{ locked: true }>()({ input: z.object({}).strict(), permission: 'open' }),
  'vault.status': op<{ unlocked: boolean; vaultId: string | null }>()({ input: z.object({}).strict(), permission: 'open' }),
  'vault.changePassphrase': op<{ changed: true }>()({
    input: z.object({ newPassphrase: z.string().max(1024), kdf: kdfPreset.optional() }).strict(),
    permission: 'admin',
  }),
  'vault.verify': op<VerifyReport>()({ input: z.object({}).strict(), permission: 'admin' }),

  'customers.add': op<Customer>()({
    input: z
      .object({
        name: nonBlank(300),
        email: z.string().trim().email().max(320).optional(),
        phone: z.string().trim().min(3).max(50).regex(/^[0-9+()\-.\s]+$/, 'phone').optional(),
        notes: z.string().max(20_000).optional(),
      })
      .strict(),
    permission: 'write',
  }),
  'customers.list': op<CustomerSummary[]>()({ input: z.object({}).strict(), permission: 'read' }),
  'customers.get': op<Customer>()({ input: z.object({ customer: nonBlank(300) }).strict(), permission: 'read' }),

  'contracts.import': op<ImportOutcome[]>()({
    input: z
      .object({
        paths: z.array(nonBlank(4096)).min(1).max(10_000),
        customer: nonBlank(300).optional(),
        contractId: id.optional(),
        role: z.enum(fileRoles).optional(),
      })
      .strict(),
    permission: 'write',
  }),
  'contracts.list': op<Contract[]>()({ input: z.object({ customer: nonBlank(300).optional() }).strict(), permission: 'read' }),
  'contracts.get': op<ContractDetail>()({ input: z.object({ id }).strict(), permission: 'read' }),
  'contracts.update': op<Contract>()({
    input: z
      .object({
        id,
        title: nonBlank(500).optional(),
        number: z.string().trim().max(100).nullable().optional(),
        customer: nonBlank(300).nullable().optional(),
        type: z.enum(contractTypes).optional(),
        status: z.enum(contractStatuses).optional(),
        signingDate: isoDate.nullable().optional(),
        startDate: isoDate.nullable().optional(),
        endDate: isoDate.nullable().optional(),
        amount: z.object({ value: z.string().trim().min(1).max(40), currency }).nullable().optional(),
        tags: z.array(nonBlank(100)).max(100).optional(),
        notes: z.string().max(20_000).nullable().optional(),
      })
      .strict(),
    permission: 'write',
  }),
  'contracts.confirmField': op<ContractFieldView>()({
    input: z.object({ id, field: z.enum(metadataFields as [MetadataField, ...MetadataField[]]) }).strict(),
    permission: 'write',
  }),
  'contracts.mergeAsVersion': op<ContractDetail>()({ input: z.object({ contractId: id, intoFileId: id }).strict(), permission: 'write' }),
  'files.export': op<{ path: string; bytes: number; versionId: string }>()({
    input: z.object({ contractId: id, outPath: nonBlank(4096), fileId: id.optional(), versionId: id.optional() }).strict(),
    permission: 'export',
  }),
  'settings.get': op<VaultSettings>()({ input: z.object({}).strict(), permission: 'read' }),
  'settings.update': op<VaultSettings>()({
    input: z.object({
      importMaxFileBytes: z.number().int().min(1).max(2 ** 40).optional(),
      namingTemplate: z.string().trim().min(1).max(300).optional(),
      contractNumberPattern: z.string().trim().min(1).max(100).nullable().optional(),
      ocrEnabled: z.boolean().optional(),
      // Kept in step with maxAutoLockMinutes (core cannot be imported here): a day at most, 0 = never.
      autoLockMinutes: z.number().int().min(0).max(1440).optional(),
      // Kept in step with maxBackupWarnDays (#7 Backups page): a year at most; 0 = warn as soon as time has passed.
      backupWarnDays: z.number().int().min(0).max(366).optional(),
    }).strict(),
    permission: 'admin',
  }),
  'rules.list': op<ClassificationRule[]>()({ input: z.object({}).strict(), permission: 'read' }),
  'rules.add': op<ClassificationRule>()({
    input: z.object({
      target: z.discriminatedUnion('kind', [
        z.object({ kind: z.literal('type'), value: z.enum(contractTypes) }).strict(),
        z.object({ kind: z.literal('tag'), value: nonBlank(100) }).strict(),
        // A customer by name or id; the service resolves it.
        z.object({ kind: z.literal('customer'), value: nonBlank(300) }).strict(),
      ]),
      rule: matchRuleSchema,
      priority: z.number().int().min(-1000).max(1000).optional(),
      enabled: z.boolean().optional(),
    }).strict(),
    permission: 'admin',
  }),
  'rules.remove': op<{ removed: true }>()({ input: z.object({ id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/) }).strict(), permission: 'admin' }),
  'watch.add': op<WatchedFolder>()({ input: z.object({ path: nonBlank(4096), customer: nonBlank(300).optional() }).strict(), permission: 'write' }),
  'watch.list': op<WatchedFolder[]>()({ input: z.object({}).strict(), permission: 'read' }),
  'watch.remove': op<{ removed: true }>()({ input: z.object({ id }).strict(), permission: 'write' }),
  /** Long-running: imports the folder's new and changed files until cancelled; each file is reported as a progress event. */
  'watch.run': op<{ imported: number; failed: number }>()({
    input: z.object({ id, stabilityMs: z.number().int().min(50).max(600_000).optional(), usePolling: z.boolean().optional() }).strict(),
    permission: 'write',
  }),
  /** Full-text search with filters; also records the search among the recent ones. */
  'search.query': op<SearchResult>()({ input: searchQuery, permission: 'read' }),
  /** Long-running: rebuilds the search index from the database and the stored texts, reporting progress. */
  'search.reindex': op<{ contracts: number; seconds: number }>()({ input: z.object({}).strict(), permission: 'admin' }),
  'search.saved.list': op<SavedSearch[]>()({ input: z.object({}).strict(), permission: 'read' }),
  'search.saved.add': op<SavedSearch>()({ input: z.object({ name: nonBlank(200), query: searchQuery }).strict(), permission: 'write' }),
  'search.saved.remove': op<{ removed: true }>()({ input: z.object({ id }).strict(), permission: 'write' }),
  'search.recent': op<RecentSearch[]>()({ input: z.object({ limit: z.number().int().min(1).max(100).optional() }).strict(), permission: 'read' }),
  'audit.list': op<AuditEvent[]>()({
    input: z.object({ recordId: id.optional(), limit: z.number().int().min(1).max(100_000).optional() }).strict(),
    permission: 'read',
  }),
  // --- Contract page: viewers and compare (issue 5) ---
  /** A version's original bytes (base64) for the in-app viewer; an audited read. */
  'files.content': op<FileContent>()({ input: z.object({ contractId: id, versionId: id }).strict(), permission: 'read' }),
  /** A version's extracted text per page, for compare and highlighting; an audited read. */
  'files.text': op<FileText>()({ input: z.object({ contractId: id, versionId: id }).strict(), permission: 'read' }),
  /** DOCX as HTML (to be sanitised by the renderer) or XLSX as capped cell tables; an audited read. */
  'files.preview': op<FilePreview>()({ input: z.object({ contractId: id, versionId: id }).strict(), permission: 'read' }),

  // ---- #5 library views (ui-library branch) ----
  /**
   * Imports files handed over as bytes (a browser drop has no paths): same pipeline, limits and outcomes
   * as `contracts.import`; the bytes stay in memory until stored encrypted.
   */
  'contracts.importBytes': op<ImportOutcome[]>()({
    input: z
      .object({
        files: z.array(z.object({
          // A file's own name, never a path: it becomes the contract's title and the version's file name.
          name: nonBlank(255).refine((n) => !/[/\\\u0000-\u001f]/u.test(n), 'file name'),
          base64: z.string().base64(),
        }).strict()).min(1).max(100),
        customer: nonBlank(300).optional(),
        contractId: id.optional(),
        role: z.enum(fileRoles).optional(),
      })
      .strict(),
    permission: 'write',
  }),
  /** Edits a customer: name, notes, and (replacing the list) contacts. */
  'customers.update': op<Customer>()({
    input: z
      .object({
        customer: nonBlank(300),
        name: nonBlank(300).optional(),
        notes: z.string().max(20_000).nullable().optional(),
        contacts: z.array(z.object({
          name: z.string().trim().max(300).nullable().optional(),
          email: z.string().trim().email().max(320).nullable().optional(),
          phone: z.string().trim().min(3).max(50).regex(/^[0-9+()\-.\s]+$/, 'phone').nullable().optional(),
          role: z.string().trim().max(100).nullable().optional(),
        }).strict()).max(100).optional(),
      })
      .strict(),
    permission: 'write',
  }),
  'folders.list': op<Folder[]>()({ input: z.object({}).strict(), permission: 'read' }),
  'folders.add': op<Folder>()({ input: z.object({ name: folderName, parentId: id.nullable().optional() }).strict(), permission: 'write' }),
  'folders.rename': op<{ renamed: true }>()({ input: z.object({ id, name: folderName }).strict(), permission: 'write' }),
  'folders.move': op<{ moved: true }>()({ input: z.object({ id, parentId: id.nullable() }).strict(), permission: 'write' }),
  /** Removes a folder; its contracts and subfolders move up to its parent. */
  'folders.remove': op<{ removed: true; movedContracts: number; movedFolders: number }>()({ input: z.object({ id }).strict(), permission: 'write' }),
  /** Moves contracts (listed, or every one `matching` the table's filter) into a folder (null: out of every folder). */
  'contracts.move': op<{ moved: number }>()({ input: z.object({ ...contractSelectionShape, folderId: id.nullable() }).strict().refine(oneSelection, 'ids or matching'), permission: 'write' }),
  /** Adds and removes tags on many contracts in one transaction. */
  'contracts.bulkTag': op<{ changed: number }>()({
    input: z.object({ ...contractSelectionShape, add: z.array(nonBlank(100)).max(50).optional(), remove: z.array(nonBlank(100)).max(50).optional() })
      .strict().refine((v) => (v.add?.length ?? 0) + (v.remove?.length ?? 0) > 0, 'add or remove').refine(oneSelection, 'ids or matching'),
    permission: 'write',
  }),
  'tags.list': op<TagSummary[]>()({ input: z.object({}).strict(), permission: 'read' }),
  /** Exports the main document of each contract into one existing folder (named by the naming template, never overwriting). */
  'contracts.exportMany': op<{ exported: { contractId: string; path: string; bytes: number }[]; failed: { contractId: string; error: { code: ErrorCode; message: string; params: Record<string, string | number> } }[] }>()({
    input: z.object({ ids: z.array(id).min(1).max(10_000).optional(), matching: contractMatchingSchema.optional(), outDir: nonBlank(4096) }).strict().refine(oneSelection, 'ids or matching'),
    permission: 'export',
  }),
  /** One window of the contracts table: filtered (the sidebar's filters), sorted, from `offset`; `total` counts every match. */
  'contracts.page': op<ContractPage>()({
    input: z
      .object({
        offset: z.number().int().min(0).max(10_000_000),
        limit: z.number().int().min(1).max(1000),
        sort: z.enum(contractPageSorts).optional(),
        ascending: z.boolean().optional(),
        ...contractFilterShape,
      })
      .strict(),
    permission: 'read',
  }),

  // Backups (#7). A backup is encrypted with a backup passphrase (Argon2id, SENSITIVE by default) or
  // with the vault's recovery key: exactly one of the two is given.
  /** Long-running: writes a `.cvbackup` of the open vault (consistent snapshot), reporting progress in bytes. */
  'backup.export': op<BackupExportResult>()({
    input: backupSecret.extend({ outPath: nonBlank(4096), kdf: kdfPreset.optional() }).strict().refine(oneSecret, 'backupPassphrase or recoveryKey'),
    permission: 'export',
  }),
  /** Long-running: decrypts and checks every byte of a backup file without restoring; needs no open vault. */
  'backup.verify': op<BackupVerifyReport>()({
    input: backupSecret.extend({ file: nonBlank(4096), snapshot: z.string().regex(/^[0-9a-f-]{4,36}$/).optional() }).strict().refine(oneSecret, 'backupPassphrase or recoveryKey'),
    permission: 'open',
  }),
  /** Long-running: verifies a backup, then restores it into a new (absent or empty) folder; needs no open vault. */
  'backup.restore': op<BackupRestoreResult>()({
    input: backupSecret.extend({ file: nonBlank(4096), targetDir: nonBlank(4096), snapshot: z.string().regex(/^[0-9a-f-]{4,36}$/).optional() }).strict().refine(oneSecret, 'backupPassphrase or recoveryKey'),
    permission: 'open',
  }),
  /** Sets the backup folder (created as one, or opened with its secret) and the schedule; the folder's key is kept in the vault. */
  'backup.schedule.set': op<BackupSchedule>()({
    input: backupSecret.extend({
      folder: nonBlank(4096),
      intervalHours: z.number().int().min(1).max(24 * 31).optional(),
      keepLast: z.number().int().min(1).max(1000).optional(),
      keepDaily: z.number().int().min(0).max(366).optional(),
      keepWeekly: z.number().int().min(0).max(520).optional(),
      keepMonthly: z.number().int().min(0).max(1200).optional(),
      warnAfterDays: z.number().int().min(1).max(366).optional(),
      kdf: kdfPreset.optional(),
    }).strict().refine((v) => v.backupPassphrase === undefined || v.recoveryKey === undefined, 'backupPassphrase or recoveryKey, not both'),
    permission: 'admin',
  }),
  'backup.schedule.get': op<BackupSchedule | null>()({ input: z.object({}).strict(), permission: 'read' }),
  /** Turns scheduled backups off: the schedule and the folder's key leave the vault; the folder and its backups stay. */
  'backup.schedule.clear': op<{ cleared: boolean }>()({ input: z.object({}).strict(), permission: 'admin' }),
  /** Long-running: one incremental backup to the scheduled folder, then its retention; progress in bytes. */
  'backup.run': op<BackupRunResult>()({ input: z.object({}).strict(), permission: 'export' }),
  'backup.list': op<BackupFolderSnapshot[]>()({ input: z.object({}).strict(), permission: 'read' }),
  'backup.prune': op<{ kept: number; removed: number; objects: number }>()({
    input: z.object({ keepLast: z.number().int().min(1).max(1000).optional(), keepDaily: z.number().int().min(0).max(366).optional(), keepWeekly: z.number().int().min(0).max(520).optional(), keepMonthly: z.number().int().min(0).max(1200).optional() }).strict(),
    permission: 'admin',
  }),
  /** The last good backup, whether a run is due, and whether the UI should warn. */
  'backup.status': op<BackupStatus>()({ input: z.object({}).strict(), permission: 'read' }),

  // ---- #5 folder picker (ui-backup branch): used before unlock, so `open`; folders only, never file names ----
  /** The subfolders of an absolute folder (none hidden), plus home and the roots; no path: the start places only. */
  'fs.listFolders': op<FolderListing>()({ input: z.object({ path: nonBlank(4096).optional() }).strict(), permission: 'open' }),
  /** Creates one folder (a single name) inside an existing absolute folder, for "New folder" in the picker. */
  'fs.createFolder': op<{ path: string }>()({ input: z.object({ parent: nonBlank(4096), name: folderName.refine((n) => n !== '.' && n !== '..', 'folder name') }).strict(), permission: 'open' }),
  // #5 library leftovers: tag rename (the bulk operations' `matching` selection is in src-shared/api/contractSelection.ts).
  /** Renames a tag on every contract carrying it; onto an existing tag, the two merge. */
  'tags.rename': op<{ renamed: number }>()({ input: z.object({ from: nonBlank(100), to: nonBlank(100) }).strict(), permission: 'write' }),
  // ---- #5 s12-ui: the backup file picker in browser mode (folders plus `.cvbackup` files only; used before unlock, so `open`) ----
  /** The subfolders and the files of one allowed kind (`cvbackup`) of an absolute folder; no other file name is ever listed. */
  'fs.listFiles': op<FileListing>()({ input: z.object({ path: nonBlank(4096).optional(), kind: z.enum(listableFileKinds) }).strict(), permission: 'open' }),
} as const;

export type Operations = typeof operations;
export type OperationName = keyof Operations;
export type OperationInput<N extends OperationName> = z.output<Operations[N]['input']>;
/** What the caller sends (before the schema's defaults and transforms). */
export type OperationRequest<N extends OperationName> = z.input<Operations[N]['input']>;
export type OperationResult<N extends OperationName> = Operations[N] extends OperationDef<z.ZodType, infer R> ? R : never;

export function isOperationName(name: string): name is OperationName {
  return Object.hasOwn(operations, name);
}
