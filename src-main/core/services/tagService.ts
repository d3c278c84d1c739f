import { AppError } from '../../../src-shared/api/appError.ts';
import { contractsWithTag, findTagByName, mergeTagInto, renameTagRow } from '../db/repositories/contractSelectionRepository.ts';
import { appendAudit } from './auditLog.ts';
import type { ServiceContext } from './serviceContext.ts';

/**
 * Renames a tag on every contract carrying it. Renaming onto a tag that already exists (other than by
 * letter case) merges the two. One audit event for the tag, with the number of contracts it covers; the
 * search index follows through the search triggers (tag renamed, or links added and removed).
 */
export function renameTag(ctx: ServiceContext, from: string, to: string): { renamed: number } {
  const db = ctx.session.db;
  const source = findTagByName(db, from.trim());
  if (source === undefined) throw new AppError('TAG_NOT_FOUND', { name: from.trim() });
  const name = to.trim();
  const contracts = contractsWithTag(db, source.id);
  if (source.name === name) return { renamed: 0 };
  const target = findTagByName(db, name);
  db.transaction(() => {
    if (target === undefined || target.id === source.id) renameTagRow(db, source.id, name);
    else mergeTagInto(db, source.id, target.id);
    appendAudit(ctx.session, {
      actor: ctx.actor, action: 'tag.rename', recordType: 'tag', recordId: target?.id ?? source.id,
      details: { contracts: contracts.length, merged: target !== undefined && target.id !== source.id },
    });
  }).immediate();
  return { renamed: contracts.length };
}
