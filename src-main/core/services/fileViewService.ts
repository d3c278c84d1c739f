import { AppError } from '../../../src-shared/api/appError.ts';
import { createContentMac } from '../crypto/contentMac.ts';
import { appendAudit } from './auditLog.ts';
import { chooseVersion } from './fileExportService.ts';
import type { ServiceContext } from './serviceContext.ts';
import { readVersionOriginal } from './versionContent.ts';

/** A decrypted contract file held in memory for the desktop viewer (it never touches the disk). */
export interface FileForViewer {
  bytes: Uint8Array;
  mime: string;
  versionId: string;
}

/**
 * The original bytes of one version of a contract, for display in the app's own viewer. The version must
 * belong to the contract (an id of another contract is refused as not found); the keyed hash is checked
 * before anything is returned, and every view is an audit event, as an export is.
 */
export async function readFileForViewer(ctx: ServiceContext, input: { contractId: string; versionId: string }): Promise<FileForViewer> {
  const version = chooseVersion(ctx, input.contractId, undefined, input.versionId);
  const mac = await createContentMac(ctx.session.keys.contentMac);
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of readVersionOriginal(ctx.session, version)) {
    mac.update(chunk);
    chunks.push(chunk);
    size += chunk.length;
  }
  if (mac.digestHex() !== version.contentMac) throw new AppError('BLOB_CORRUPT', { contract: input.contractId, blob: version.blobId });
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.length;
  }
  ctx.session.db.transaction(() => {
    appendAudit(ctx.session, { actor: ctx.actor, action: 'file.view', recordType: 'contract', recordId: input.contractId, details: { versionId: version.id, bytes: size } });
  }).immediate();
  return { bytes, mime: version.mime, versionId: version.id };
}
