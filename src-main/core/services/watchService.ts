import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import pLimit from 'p-limit';
import { AppError, isAppError } from '../../../src-shared/api/appError.ts';
import type { ImportOutcome } from '../../../src-shared/model/importResult.ts';
import type { WatchedFolder } from '../../../src-shared/model/watchedFolder.ts';
import {
  deleteWatchedFileState, deleteWatchedFolder, insertWatchedFolder, listWatchedFolders, loadWatchedFileStates, upsertWatchedFileState,
} from '../db/repositories/watchedFolderRepository.ts';
import { FolderWatcher, type FileReadyEvent } from '../ingest/watch/folderWatcher.ts';
import { contentMacOfVersion } from '../db/repositories/fileVersionRepository.ts';
import { newId } from '../ids.ts';
import { appendAudit } from './auditLog.ts';
import { resolveCustomer } from './customerService.ts';
import { importFiles, type ImportControl } from './import/importService.ts';
import type { ServiceContext } from './serviceContext.ts';

/** Adds a folder to watch (it must exist); its files will be filed under the given customer. Adding it again returns the existing entry. */
export async function addWatchedFolder(ctx: ServiceContext, input: { path: string; customer?: string | undefined }): Promise<WatchedFolder> {
  const path = resolve(input.path);
  const info = await stat(path).catch(() => null);
  if (!info?.isDirectory()) throw new AppError('WATCH_FOLDER_NOT_FOUND', { dir: path });
  const existing = listWatchedFolders(ctx.session.db).find((f) => f.path === path);
  if (existing) return existing;
  const customerId = input.customer === undefined ? null : resolveCustomer(ctx, input.customer).id;
  const id = newId();
  ctx.session.db.transaction(() => {
    insertWatchedFolder(ctx.session.db, { id, path, customerId, createdAt: new Date().toISOString() });
    appendAudit(ctx.session, { actor: ctx.actor, action: 'watch.add', recordType: 'watchedFolder', recordId: id });
  }).immediate();
  return requireFolder(ctx, id);
}

/** Every watched folder. */
export function listFolders(ctx: ServiceContext): WatchedFolder[] {
  return listWatchedFolders(ctx.session.db);
}

/** Stops watching a folder; contracts imported from it stay in the vault. */
export function removeWatchedFolder(ctx: ServiceContext, id: string): { removed: true } {
  ctx.session.db.transaction(() => {
    if (!deleteWatchedFolder(ctx.session.db, id)) throw new AppError('WATCH_FOLDER_NOT_FOUND', { dir: id });
    appendAudit(ctx.session, { actor: ctx.actor, action: 'watch.remove', recordType: 'watchedFolder', recordId: id });
  }).immediate();
  return { removed: true };
}

function requireFolder(ctx: ServiceContext, id: string): WatchedFolder {
  const folder = listWatchedFolders(ctx.session.db).find((f) => f.id === id);
  if (!folder) throw new AppError('WATCH_FOLDER_NOT_FOUND', { dir: id });
  return folder;
}

/** Errors that mean "try again later" rather than "this file cannot be imported". */
const transientCodes = new Set(['FILE_NOT_FOUND', 'FILE_UNREADABLE', 'IMPORT_CANCELLED', 'VAULT_BUSY']);

/** Tuning of a watch run; defaults suit a desktop folder, tests shorten them. */
export interface WatchRunOptions {
  stabilityMs?: number | undefined;
  debounceMs?: number | undefined;
  usePolling?: boolean | undefined;
}

/**
 * Watches a folder until the signal aborts: every file that becomes stable (never half-written) is imported
 * (a changed file as a new version of the one already filed), and its size, time and keyed hash are recorded,
 * so after a restart only what changed meanwhile is imported. Files that cannot be imported are recorded too
 * and retried only when they change; transient failures are retried.
 */
export async function runWatchedFolder(ctx: ServiceContext, id: string, control: ImportControl & { onOutcomes?: (outcomes: ImportOutcome[], path: string) => void; onWarning?: (error: AppError) => void }, options: WatchRunOptions = {}): Promise<{ imported: number; failed: number }> {
  const folder = requireFolder(ctx, id);
  const watcher = new FolderWatcher();
  const queue = pLimit(1);
  const totals = { imported: 0, failed: 0 };
  const db = ctx.session.db;

  const handle = async (event: FileReadyEvent): Promise<void> => {
    const outcomes = await importFiles(ctx, { paths: [event.path], customer: folder.customerId ?? undefined, sourceKind: 'watch' }, { ...control, progress: undefined });
    const first = outcomes[0];
    if (!first) return;
    if (first.status === 'failed' && transientCodes.has(first.error.code)) {
      if (!control.signal?.aborted) watcher.retry(event);
    } else {
      const versionId = first.status === 'failed' || first.status === 'skipped' ? null : first.versionId;
      const mac = versionId === null ? null : contentMacOfVersion(db, versionId);
      upsertWatchedFileState(db, folder.id, { path: event.relativePath, size: event.size, mtimeMs: event.mtimeMs, ...(mac ? { contentMac: mac } : {}) });
    }
    for (const outcome of outcomes) {
      if (outcome.status === 'failed') totals.failed += 1;
      else if (outcome.status === 'imported' || outcome.status === 'new-version') totals.imported += 1;
    }
    control.onOutcomes?.(outcomes, event.path);
  };

  watcher.on('file-ready', (event) => { void queue(() => handle(event)); });
  watcher.on('file-removed', (event) => { void queue(async () => deleteWatchedFileState(db, folder.id, event.relativePath)); });
  watcher.on('error', (error) => control.onWarning?.(isAppError(error) ? error : new AppError('WATCH_FOLDER_NOT_FOUND', { dir: folder.path })));
  await watcher.start(folder.path, {
    knownState: loadWatchedFileStates(db, folder.id),
    ...(options.stabilityMs === undefined ? {} : { stabilityMs: options.stabilityMs }),
    ...(options.debounceMs === undefined ? {} : { debounceMs: options.debounceMs }),
    ...(options.usePolling === undefined ? {} : { usePolling: options.usePolling }),
  });
  try {
    await new Promise<void>((resolveWait) => {
      if (control.signal?.aborted) resolveWait();
      control.signal?.addEventListener('abort', () => resolveWait(), { once: true });
    });
  } finally {
    await watcher.stop();
    // Let an import that was already running finish and record its state; none starts after the stop.
    await queue(async () => undefined);
  }
  return totals;
}
