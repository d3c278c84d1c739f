import { AppError } from '../../src-shared/api/appError.ts';
import type { OperationInput, OperationName, OperationResult } from '../../src-shared/api/operations.ts';
import type { HandlerContext } from './handlerContext.ts';
import { kdfPresets } from './vault/kdfParams.ts';
import { changePassphrase, createVault, unlockWithPassphrase, unlockWithRecoveryKey } from './vault/vaultKeys.ts';
import { VaultSession } from './session/vaultSession.ts';
import { appendAudit, listAudit } from './services/auditLog.ts';
import { addCustomer, listCustomers, resolveCustomer } from './services/customerService.ts';
import { updateCustomer } from './services/customerEditing.ts';
import { contractPage } from './services/contractPageService.ts';
import { exportContracts } from './services/bulkExportService.ts';
import { addFolder, bulkTag, listFolders as listLibraryFolders, listTags, moveContracts, moveFolder, removeFolder, renameFolder } from './services/folderService.ts';
import { confirmField, getContractDetail, listContracts, updateContract } from './services/contractService.ts';
import { importFiles } from './services/import/importService.ts';
import { exportFile } from './services/fileExportService.ts';
import { verifyVault } from './services/verifyService.ts';
import { getSettings, updateSettings } from './services/settingsService.ts';
import { addRule, listRules, removeRule } from './services/rulesService.ts';
import { mergeAsVersion } from './services/versionMerge.ts';
import { addWatchedFolder, listFolders, removeWatchedFolder, runWatchedFolder } from './services/watchService.ts';
import type { ServiceContext } from './services/serviceContext.ts';
import { previewFile, readFileContent, readFileText } from './services/viewing/fileViewService.ts';
import {
  backupStatus, clearBackupSchedule, exportVaultBackup, getBackupSchedule, listScheduledBackups, pruneScheduledBackups, restoreVaultBackup, runScheduledBackup, setBackupSchedule, verifyBackup,
} from './services/backupService.ts';
import { createFolder, listFolders as listFileSystemFolders } from './services/folderListing.ts';
import { listFiles } from './services/fileListing.ts';
import { recordPendingRestore } from './backup/restoreMarker.ts';
import { selectedContractIds } from './services/contractSelectionService.ts';
import { renameTag } from './services/tagService.ts';
import { recentSearches, reindex, removeSavedSearch, savedSearches, saveSearch, searchContracts } from './services/search/searchService.ts';

/** One function per operation of the API map; the dispatcher has already validated and authorised. */
export type Handlers = {
  [N in OperationName]: (input: OperationInput<N>, ctx: HandlerContext) => Promise<OperationResult<N>>;
};

/** The unlocked vault, or VAULT_LOCKED. */
function serviceContext(ctx: HandlerContext): ServiceContext {
  const session = ctx.slot.current;
  if (!session) throw new AppError('VAULT_LOCKED');
  return { session, actor: ctx.actor, locale: ctx.locale };
}

/** Replaces whatever vault is open with a new session opened from an unwrapped vault key. */
async function openSession(ctx: HandlerContext, dir: string, vaultId: string, vaultKey: Uint8Array): Promise<VaultSession> {
  await ctx.slot.current?.close();
  ctx.slot.current = null;
  const session = await VaultSession.open(dir, vaultId, vaultKey);
  ctx.slot.current = session;
  // A vault restored from a backup continues its audit chain with the restore at its first unlock (#7).
  await recordPendingRestore(session, ctx.actor);
  return session;
}

function record(ctx: HandlerContext, action: string): void {
  const { session, actor } = serviceContext(ctx);
  session.db.transaction(() => appendAudit(session, { actor, action, recordType: 'vault', recordId: null })).immediate();
}

/** The implementation of src-shared/api: validate -> authorise -> call service -> audit (DESIGN.md §2). */
export const handlers: Handlers = {
  'vault.create': async (input, ctx) => {
    const created = await createVault(input.vaultDir, input.passphrase, { kdf: kdfPresets[input.kdf ?? 'moderate'] });
    try {
      await openSession(ctx, input.vaultDir, created.header.vaultId, created.vaultKey);
    } finally {
      created.vaultKey.fill(0);
    }
    record(ctx, 'vault.create');
    return { vaultId: created.header.vaultId, recoveryKey: created.recoveryKey };
  },
  'vault.unlock': async (input, ctx) => {
    const unlocked = input.recoveryKey !== undefined
      ? await unlockWithRecoveryKey(input.vaultDir, input.recoveryKey)
      : await unlockWithPassphrase(input.vaultDir, input.passphrase ?? '');
    try {
      await openSession(ctx, input.vaultDir, unlocked.header.vaultId, unlocked.vaultKey);
    } finally {
      unlocked.vaultKey.fill(0);
    }
    return { vaultId: unlocked.header.vaultId };
  },
  'vault.lock': async (_input, ctx) => {
    await ctx.slot.current?.close();
    ctx.slot.current = null;
    return { locked: true };
  },
  'vault.status': async (_input, ctx) => ({ unlocked: ctx.slot.current !== null, vaultId: ctx.slot.current?.vaultId ?? null }),
  'vault.changePassphrase': async (input, ctx) => {
    const { session } = serviceContext(ctx);
    await changePassphrase(session.dir, session.vaultKey, input.newPassphrase, { kdf: kdfPresets[input.kdf ?? 'moderate'] });
    record(ctx, 'vault.changePassphrase');
    return { changed: true };
  },
  'vault.verify': async (_input, ctx) => verifyVault(serviceContext(ctx)),

  'customers.add': async (input, ctx) => addCustomer(serviceContext(ctx), input),
  'customers.list': async (_input, ctx) => listCustomers(serviceContext(ctx)),
  'customers.get': async (input, ctx) => resolveCustomer(serviceContext(ctx), input.customer),

  'contracts.import': async (input, ctx) => importFiles(serviceContext(ctx), input, { describe: ctx.describe, progress: ctx.progress, signal: ctx.signal }),
  'contracts.list': async (input, ctx) => listContracts(serviceContext(ctx), input.customer),
  'contracts.get': async (input, ctx) => getContractDetail(serviceContext(ctx), input.id),
  'contracts.update': async (input, ctx) => updateContract(serviceContext(ctx), input),
  'contracts.confirmField': async (input, ctx) => confirmField(serviceContext(ctx), input.id, input.field),
  'contracts.mergeAsVersion': async (input, ctx) => mergeAsVersion(serviceContext(ctx), input),
  'files.export': async (input, ctx) => exportFile(serviceContext(ctx), input),
  'settings.get': async (_input, ctx) => getSettings(serviceContext(ctx)),
  'settings.update': async (input, ctx) => updateSettings(serviceContext(ctx), input),
  'rules.list': async (_input, ctx) => listRules(serviceContext(ctx)),
  'rules.add': async (input, ctx) => addRule(serviceContext(ctx), input),
  'rules.remove': async (input, ctx) => removeRule(serviceContext(ctx), input.id),
  'watch.add': async (input, ctx) => addWatchedFolder(serviceContext(ctx), input),
  'watch.list': async (_input, ctx) => listFolders(serviceContext(ctx)),
  'watch.remove': async (input, ctx) => removeWatchedFolder(serviceContext(ctx), input.id),
  'watch.run': async (input, ctx) => {
    let done = 0;
    return runWatchedFolder(serviceContext(ctx), input.id, {
      describe: ctx.describe,
      signal: ctx.signal,
      onOutcomes: (outcomes, path) => ctx.progress({ done: ++done, total: done, item: path, outcomes }),
      onWarning: (error) => ctx.progress({ done, total: done, item: null, warning: ctx.describe(error) }),
    }, { stabilityMs: input.stabilityMs, usePolling: input.usePolling });
  },
  'search.query': async (input, ctx) => searchContracts(serviceContext(ctx), input),
  'search.reindex': async (_input, ctx) => reindex(serviceContext(ctx), (done, total) => ctx.progress({ done, total, item: null })),
  'search.saved.list': async (_input, ctx) => savedSearches(serviceContext(ctx)),
  'search.saved.add': async (input, ctx) => saveSearch(serviceContext(ctx), input.name, input.query),
  'search.saved.remove': async (input, ctx) => {
    removeSavedSearch(serviceContext(ctx), input.id);
    return { removed: true as const };
  },
  'search.recent': async (input, ctx) => recentSearches(serviceContext(ctx), input.limit ?? 20),
  'audit.list': async (input, ctx) => listAudit(serviceContext(ctx).session, input.limit ?? 1000, input.recordId),
  // Contract page: viewers and compare (issue 5).
  'files.content': async (input, ctx) => readFileContent(serviceContext(ctx), input),
  'files.text': async (input, ctx) => readFileText(serviceContext(ctx), input),
  'files.preview': async (input, ctx) => previewFile(serviceContext(ctx), input),
  // ---- #5 library views ----
  'contracts.importBytes': async (input, ctx) => importFiles(serviceContext(ctx), {
    paths: [],
    files: input.files.map((f) => ({ name: f.name, bytes: new Uint8Array(Buffer.from(f.base64, 'base64')) })),
    customer: input.customer, contractId: input.contractId, role: input.role,
  }, { describe: ctx.describe, progress: ctx.progress, signal: ctx.signal }),
  'customers.update': async (input, ctx) => updateCustomer(serviceContext(ctx), input),
  'folders.list': async (_input, ctx) => listLibraryFolders(serviceContext(ctx)),
  'folders.add': async (input, ctx) => addFolder(serviceContext(ctx), input),
  'folders.rename': async (input, ctx) => renameFolder(serviceContext(ctx), input.id, input.name),
  'folders.move': async (input, ctx) => moveFolder(serviceContext(ctx), input.id, input.parentId),
  'folders.remove': async (input, ctx) => removeFolder(serviceContext(ctx), input.id),
  'contracts.move': async (input, ctx) => moveContracts(serviceContext(ctx), selectedContractIds(serviceContext(ctx), input, 100_000), input.folderId),
  'contracts.bulkTag': async (input, ctx) => bulkTag(serviceContext(ctx), selectedContractIds(serviceContext(ctx), input, 100_000), input.add ?? [], input.remove ?? []),
  'tags.list': async (_input, ctx) => listTags(serviceContext(ctx)),
  'contracts.page': async (input, ctx) => contractPage(serviceContext(ctx), input),
  'contracts.exportMany': async (input, ctx) => exportContracts(serviceContext(ctx), selectedContractIds(serviceContext(ctx), input, 10_000), input.outDir, ctx.describe),

  // Backups (#7): progress is reported in bytes.
  'backup.export': async (input, ctx) => exportVaultBackup(serviceContext(ctx), input, (done, total) => ctx.progress({ done, total, item: null })),
  'backup.verify': async (input, ctx) => verifyBackup(ctx.slot.current, ctx.actor, input, (done, total) => ctx.progress({ done, total, item: null })),
  'backup.restore': async (input, ctx) => restoreVaultBackup(input, (done, total) => ctx.progress({ done, total, item: null })),
  'backup.schedule.set': async (input, ctx) => setBackupSchedule(serviceContext(ctx), input),
  'backup.schedule.get': async (_input, ctx) => getBackupSchedule(serviceContext(ctx)),
  'backup.schedule.clear': async (_input, ctx) => clearBackupSchedule(serviceContext(ctx)),
  'backup.run': async (_input, ctx) => runScheduledBackup(serviceContext(ctx), (done, total) => ctx.progress({ done, total, item: null })),
  'backup.list': async (_input, ctx) => listScheduledBackups(serviceContext(ctx)),
  'backup.prune': async (input, ctx) => pruneScheduledBackups(serviceContext(ctx), input),
  'backup.status': async (_input, ctx) => backupStatus(serviceContext(ctx)),
  // Folder picker (#5): not audited; it runs before any vault is open (there is no log to write to) and reads only folder names.
  'fs.listFolders': async (input) => listFileSystemFolders(input.path),
  'fs.createFolder': async (input) => createFolder(input.parent, input.name),
  // #5 library leftovers
  'tags.rename': async (input, ctx) => renameTag(serviceContext(ctx), input.from, input.to),
  // #5 s12-ui: the backup file picker; not audited, like fs.listFolders (no vault needs to be open).
  'fs.listFiles': async (input) => listFiles(input.path, input.kind),
};
