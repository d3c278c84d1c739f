import { isAppError } from '../../../src-shared/api/appError.ts';
import type { VerifyProblem, VerifyReport } from '../../../src-shared/model/verifyReport.ts';
import { listAllVersions, listReferencedBlobIds } from '../db/repositories/fileVersionRepository.ts';
import { createContentMac } from '../crypto/contentMac.ts';
import { appendAudit, verifyAuditChain } from './auditLog.ts';
import type { ServiceContext } from './serviceContext.ts';
import { readVersionOriginal, readVersionText } from './versionContent.ts';

/**
 * Re-checks the whole vault: the database's integrity, every blob decrypts and authenticates, every
 * original still has the hash recorded at import, the audit chain is unbroken, and no stray blobs exist.
 * It reports every problem it finds instead of stopping at the first, naming the contract of each.
 */
export async function verifyVault(ctx: ServiceContext): Promise<VerifyReport> {
  const { session } = ctx;
  const problems: VerifyProblem[] = [];
  const integrity = session.db.pragma('integrity_check', { simple: false }) as { integrity_check: string }[];
  for (const row of integrity) {
    if (row.integrity_check !== 'ok') problems.push({ kind: 'database', contractId: null, fileId: null, versionId: null, detail: 'reason.verify.database', values: { message: row.integrity_check } });
  }
  let checkedBytes = 0;
  const versions = listAllVersions(session.db);
  for (const version of versions) {
    const where = { contractId: version.contractId, fileId: version.fileId, versionId: version.id };
    try {
      const mac = await createContentMac(session.keys.contentMac);
      for await (const chunk of readVersionOriginal(session, version)) {
        mac.update(chunk);
        checkedBytes += chunk.length;
      }
      if (mac.digestHex() !== version.contentMac) problems.push({ kind: 'hash-mismatch', ...where, detail: 'reason.verify.hashMismatch' });
      await readVersionText(session, version);
    } catch (error) {
      const kind = isAppError(error) && error.code === 'BLOB_MISSING' ? 'blob-missing' : 'blob-corrupt';
      problems.push(isAppError(error)
        ? { kind, ...where, detail: kind === 'blob-missing' ? 'reason.verify.blobMissing' : 'reason.verify.blobCorrupt', values: { blob: String(error.params['blob'] ?? ''), code: error.code } }
        : { kind, ...where, detail: String(error) });
    }
  }
  const referenced = listReferencedBlobIds(session.db);
  for (const blobId of await session.blobs.listBlobIds()) {
    if (!referenced.has(blobId)) problems.push({ kind: 'orphan-blob', contractId: null, fileId: null, versionId: null, detail: 'reason.verify.orphanBlob', values: { blob: blobId } });
  }
  const chain = verifyAuditChain(session);
  problems.push(...chain.problems);
  const report: VerifyReport = { ok: problems.length === 0, checkedVersions: versions.length, checkedBytes, auditEvents: chain.events, problems };
  // Recorded after the walk (and only when the log itself is writable) so verify's own event is not part of what it checked.
  session.db.transaction(() => {
    appendAudit(session, { actor: ctx.actor, action: 'vault.verify', recordType: 'vault', recordId: null, details: { ok: report.ok, problems: problems.length } });
  }).immediate();
  return report;
}
