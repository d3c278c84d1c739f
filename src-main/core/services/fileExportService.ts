import { open, stat, unlink } from 'node:fs/promises';
import { basename, extname, join, resolve } from 'node:path';
import { toSafeFileName } from '../../../src-shared/rules/classification/safeFileName.ts';
import { displayNamer } from './contractNaming.ts';
import { AppError } from '../../../src-shared/api/appError.ts';
import { listFilesOfContract } from '../db/repositories/contractFileRepository.ts';
import { listVersionsOfFile, type LocatedFileVersion } from '../db/repositories/fileVersionRepository.ts';
import { createContentMac } from '../crypto/contentMac.ts';
import { appendAudit } from './auditLog.ts';
import { requireContract } from './contractService.ts';
import type { ServiceContext } from './serviceContext.ts';
import { readVersionOriginal } from './versionContent.ts';
import { errnoReason } from '../../../src-shared/api/errorReasons.ts';

/** Picks the version to export: the given one, else the latest of the given file, else of the main document. */
export function chooseVersion(ctx: ServiceContext, contractId: string, fileId?: string, versionId?: string): LocatedFileVersion {
  requireContract(ctx, contractId);
  const files = listFilesOfContract(ctx.session.db, contractId).filter((f) => fileId === undefined || f.id === fileId);
  for (const file of files) {
    const versions = listVersionsOfFile(ctx.session.db, file.id);
    const version = versionId === undefined ? versions[0] : versions.find((v) => v.id === versionId);
    if (version) return { ...version, contractId };
  }
  throw new AppError('FILE_RECORD_NOT_FOUND', { contract: contractId, id: versionId ?? fileId ?? '-' });
}

/**
 * Where an export goes: the path given, or, when it is a folder, a file in it named by the vault's naming
 * template (e.g. 北京纷享科技有限公司-服务合同-2025-03-01-HT-2025-0007.pdf) with the original's extension.
 * Every file of a contract but the main document keeps its own name after the contract's, so a signed copy
 * and an annex never collide with the main document.
 */
async function exportPath(ctx: ServiceContext, given: string, contractId: string, fileId: string): Promise<string> {
  const path = resolve(given);
  const info = await stat(path).catch(() => null);
  if (!info?.isDirectory()) return path;
  const contract = displayNamer(ctx.session.db, ctx.locale)(requireContract(ctx, contractId));
  const file = listFilesOfContract(ctx.session.db, contractId).find((f) => f.id === fileId);
  const extension = extname(file?.name ?? '');
  const suffix = file && file.role !== 'main' ? `-${basename(file.name, extension)}` : '';
  return join(path, toSafeFileName(`${contract.displayName}${suffix}`, contract.title) + extension);
}

/**
 * Writes the original bytes of a contract file, unchanged, to a path the user chose. Never overwrites;
 * the keyed hash is re-checked while writing and a mismatch removes the partial output.
 */
export async function exportFile(ctx: ServiceContext, input: { contractId: string; outPath: string; fileId?: string | undefined; versionId?: string | undefined }): Promise<{ path: string; bytes: number; versionId: string }> {
  const version = chooseVersion(ctx, input.contractId, input.fileId, input.versionId);
  const outPath = await exportPath(ctx, input.outPath, input.contractId, version.fileId);
  let handle;
  try {
    handle = await open(outPath, 'wx', 0o600);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw new AppError('OUTPUT_EXISTS', { file: outPath });
    throw new AppError('OUTPUT_UNWRITABLE', { file: outPath, detail: errnoReason(code) }, { cause: error });
  }
  let bytes = 0;
  try {
    const mac = await createContentMac(ctx.session.keys.contentMac);
    for await (const chunk of readVersionOriginal(ctx.session, version)) {
      mac.update(chunk);
      await handle.write(chunk);
      bytes += chunk.length;
    }
    if (mac.digestHex() !== version.contentMac) throw new AppError('BLOB_CORRUPT', { contract: input.contractId, blob: version.blobId });
    await handle.sync();
    await handle.close();
  } catch (error) {
    await handle.close().catch(() => undefined);
    await unlink(outPath).catch(() => undefined);
    throw error;
  }
  ctx.session.db.transaction(() => {
    appendAudit(ctx.session, { actor: ctx.actor, action: 'file.export', recordType: 'contract', recordId: input.contractId, details: { versionId: version.id, bytes } });
  }).immediate();
  return { path: outPath, bytes, versionId: version.id };
}
