import { AppError } from '../../../src-shared/api/appError.ts';
import type { Folder, TagSummary } from '../../../src-shared/model/folder.ts';
import { findContractById, updateContract as writeContract } from '../db/repositories/contractRepository.ts';
import {
  ancestorsOf, contractFolder, deleteFolderRow, findFolder, folderContents, insertFolder, listFolderRows, listTagSummaries,
  renameFolderRow, setContractFolder, setFolderParent, siblingNameTaken,
} from '../db/repositories/folderRepository.ts';
import { newId } from '../ids.ts';
import { appendAudit } from './auditLog.ts';
import type { ServiceContext } from './serviceContext.ts';

function requireFolder(ctx: ServiceContext, id: string): { id: string; name: string; parentId: string | null } {
  const folder = findFolder(ctx.session.db, id);
  if (!folder) throw new AppError('FOLDER_NOT_FOUND', { id });
  return folder;
}

function refuseTakenName(ctx: ServiceContext, parentId: string | null, name: string, exceptId: string | null): void {
  if (siblingNameTaken(ctx.session.db, parentId, name, exceptId)) throw new AppError('FOLDER_NAME_TAKEN', { name });
}

/** Every folder with its direct contract count. */
export function listFolders(ctx: ServiceContext): Folder[] {
  return listFolderRows(ctx.session.db);
}

/** Creates a folder at the top level or under a parent; the name must be free among its siblings. */
export function addFolder(ctx: ServiceContext, input: { name: string; parentId?: string | null | undefined }): Folder {
  const parentId = input.parentId ?? null;
  if (parentId !== null) requireFolder(ctx, parentId);
  const name = input.name.trim();
  refuseTakenName(ctx, parentId, name, null);
  const folder = { id: newId(), name, parentId, createdAt: new Date().toISOString() };
  ctx.session.db.transaction(() => {
    insertFolder(ctx.session.db, folder);
    appendAudit(ctx.session, { actor: ctx.actor, action: 'folder.create', recordType: 'folder', recordId: folder.id, details: { parentId } });
  }).immediate();
  return { id: folder.id, name, parentId, contractCount: 0 };
}

/** Renames a folder. */
export function renameFolder(ctx: ServiceContext, id: string, name: string): { renamed: true } {
  const folder = requireFolder(ctx, id);
  refuseTakenName(ctx, folder.parentId, name.trim(), id);
  ctx.session.db.transaction(() => {
    renameFolderRow(ctx.session.db, id, name.trim());
    appendAudit(ctx.session, { actor: ctx.actor, action: 'folder.rename', recordType: 'folder', recordId: id });
  }).immediate();
  return { renamed: true };
}

/** Moves a folder under another (null: top level); never into itself or its own subtree. */
export function moveFolder(ctx: ServiceContext, id: string, parentId: string | null): { moved: true } {
  const folder = requireFolder(ctx, id);
  if (parentId !== null) {
    requireFolder(ctx, parentId);
    if (parentId === id || ancestorsOf(ctx.session.db, parentId).includes(id)) throw new AppError('FOLDER_CYCLE', { name: folder.name });
  }
  refuseTakenName(ctx, parentId, folder.name, id);
  ctx.session.db.transaction(() => {
    setFolderParent(ctx.session.db, id, parentId);
    appendAudit(ctx.session, { actor: ctx.actor, action: 'folder.move', recordType: 'folder', recordId: id, details: { from: folder.parentId, to: parentId } });
  }).immediate();
  return { moved: true };
}

/**
 * Removes a folder. Nothing in it is lost: its contracts and subfolders move up to its parent, in the
 * same transaction (a subfolder whose name is taken there refuses the whole removal).
 */
export function removeFolder(ctx: ServiceContext, id: string): { removed: true; movedContracts: number; movedFolders: number } {
  const folder = requireFolder(ctx, id);
  const contents = folderContents(ctx.session.db, id);
  for (const child of contents.folders) refuseTakenName(ctx, folder.parentId, requireFolder(ctx, child).name, child);
  const now = new Date().toISOString();
  ctx.session.db.transaction(() => {
    for (const child of contents.folders) setFolderParent(ctx.session.db, child, folder.parentId);
    for (const contractId of contents.contracts) {
      setContractFolder(ctx.session.db, contractId, folder.parentId, now);
      appendAudit(ctx.session, { actor: ctx.actor, action: 'contract.move', recordType: 'contract', recordId: contractId, details: { from: id, to: folder.parentId } });
    }
    deleteFolderRow(ctx.session.db, id);
    appendAudit(ctx.session, { actor: ctx.actor, action: 'folder.remove', recordType: 'folder', recordId: id, details: { parentId: folder.parentId } });
  }).immediate();
  return { removed: true, movedContracts: contents.contracts.length, movedFolders: contents.folders.length };
}

/** Moves contracts into a folder (null: the root), one audit event per contract that actually moved; all or none. */
export function moveContracts(ctx: ServiceContext, ids: readonly string[], folderId: string | null): { moved: number } {
  if (folderId !== null) requireFolder(ctx, folderId);
  const now = new Date().toISOString();
  let moved = 0;
  ctx.session.db.transaction(() => {
    for (const id of new Set(ids)) {
      const from = contractFolder(ctx.session.db, id);
      if (from === undefined) throw new AppError('CONTRACT_NOT_FOUND', { id });
      if (from === folderId) continue;
      setContractFolder(ctx.session.db, id, folderId, now);
      appendAudit(ctx.session, { actor: ctx.actor, action: 'contract.move', recordType: 'contract', recordId: id, details: { from, to: folderId } });
      moved += 1;
    }
  }).immediate();
  return { moved };
}

/** Adds and removes tags on many contracts at once (case-insensitive), one audit event per changed contract; all or none. */
export function bulkTag(ctx: ServiceContext, ids: readonly string[], add: readonly string[], remove: readonly string[]): { changed: number } {
  const removing = new Set(remove.map((t) => t.trim().toLocaleLowerCase()));
  const adding = add.map((t) => t.trim()).filter((t) => !removing.has(t.toLocaleLowerCase()));
  const now = new Date().toISOString();
  let changed = 0;
  ctx.session.db.transaction(() => {
    for (const id of new Set(ids)) {
      const contract = findContractById(ctx.session.db, id);
      if (!contract) throw new AppError('CONTRACT_NOT_FOUND', { id });
      const kept = contract.tags.filter((t) => !removing.has(t.toLocaleLowerCase()));
      const have = new Set(kept.map((t) => t.toLocaleLowerCase()));
      const tags = [...kept, ...adding.filter((t) => !have.has(t.toLocaleLowerCase()) && (have.add(t.toLocaleLowerCase()), true))];
      const same = tags.length === contract.tags.length && tags.every((t, i) => t === contract.tags[i]);
      if (same) continue;
      writeContract(ctx.session.db, { ...contract, tags, updatedAt: now });
      appendAudit(ctx.session, { actor: ctx.actor, action: 'contract.tag', recordType: 'contract', recordId: id, details: { added: adding.length, removed: removing.size } });
      changed += 1;
    }
  }).immediate();
  return { changed };
}

/** Tags in use, with how many contracts carry each. */
export function listTags(ctx: ServiceContext): TagSummary[] {
  return listTagSummaries(ctx.session.db);
}
