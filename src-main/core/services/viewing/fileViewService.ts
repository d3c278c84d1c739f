import { AppError } from '../../../../src-shared/api/appError.ts';
import type { FileContent, FilePreview, FileText } from '../../../../src-shared/model/fileView.ts';
import { findContractFileById } from '../../db/repositories/contractFileRepository.ts';
import type { LocatedFileVersion } from '../../db/repositories/fileVersionRepository.ts';
import { createContentMac } from '../../crypto/contentMac.ts';
import { appendViewAudit } from '../viewAudit.ts';
import { chooseVersion } from '../fileExportService.ts';
import type { ServiceContext } from '../serviceContext.ts';
import { readVersionOriginal, readVersionText } from '../versionContent.ts';
import { PREVIEW_MAX_COLUMNS, PREVIEW_MAX_ROWS } from './officePreview.ts';

/** Longest a preview may take in its worker; someone is waiting at the viewer (an import's limit is 10 minutes). */
export const PREVIEW_TIMEOUT_MS = 60_000;

/**
 * Largest original the viewer is sent, in bytes. The bytes travel base64 inside one JSON answer (a third
 * larger) and the renderer holds them while it shows them; a bigger file is exported and opened elsewhere.
 */
export const MAX_VIEW_BYTES = 64 * 1024 * 1024;

interface VersionRef {
  contractId: string;
  versionId: string;
}

function fileName(ctx: ServiceContext, version: LocatedFileVersion): string {
  return findContractFileById(ctx.session.db, version.fileId)?.name ?? '';
}

/**
 * Viewing content is an audited read, like an export: who looked at which version, and how. The same
 * view of the same version by the same person within 10 minutes is written once (decision 0020).
 */
function auditView(ctx: ServiceContext, action: string, version: LocatedFileVersion): void {
  appendViewAudit(ctx.session, { actor: ctx.actor, action, recordType: 'contract', recordId: version.contractId, details: { fileId: version.fileId, versionId: version.id } });
}

/**
 * The decrypted original, re-checked against its keyed hash: a viewer must never show altered bytes.
 * `limit` caps what is sent as JSON; the desktop viewer's protocol sends raw bytes and passes none.
 */
async function readVerifiedOriginal(ctx: ServiceContext, version: LocatedFileVersion, limit: number | null = MAX_VIEW_BYTES): Promise<Buffer> {
  if (limit !== null && version.size > limit) throw new AppError('FILE_TOO_LARGE_TO_VIEW', { size: version.size, limit });
  const mac = await createContentMac(ctx.session.keys.contentMac);
  const chunks: Uint8Array[] = [];
  for await (const chunk of readVersionOriginal(ctx.session, version)) {
    mac.update(chunk);
    chunks.push(chunk);
  }
  if (mac.digestHex() !== version.contentMac) throw new AppError('BLOB_CORRUPT', { contract: version.contractId, blob: version.blobId });
  return Buffer.concat(chunks);
}

/** `files.content`: a version's original bytes for the in-app viewer. */
export async function readFileContent(ctx: ServiceContext, input: VersionRef): Promise<FileContent> {
  const version = chooseVersion(ctx, input.contractId, undefined, input.versionId);
  const bytes = await readVerifiedOriginal(ctx, version);
  auditView(ctx, 'file.view', version);
  return { versionId: version.id, name: fileName(ctx, version), mime: version.mime, format: version.format, size: bytes.length, base64: bytes.toString('base64') };
}

/** `files.text`: a version's extracted text per page, for compare and highlighting. */
export async function readFileText(ctx: ServiceContext, input: VersionRef): Promise<FileText> {
  const version = chooseVersion(ctx, input.contractId, undefined, input.versionId);
  const pages = await readVersionText(ctx.session, version);
  auditView(ctx, 'file.viewText', version);
  return { versionId: version.id, name: fileName(ctx, version), versionNo: version.versionNo, pages };
}

/** `files.preview`: DOCX as HTML and XLSX as cell tables, converted in memory (nothing touches the disk). */
export async function previewFile(ctx: ServiceContext, input: VersionRef): Promise<FilePreview> {
  const version = chooseVersion(ctx, input.contractId, undefined, input.versionId);
  if (version.format !== 'docx' && version.format !== 'xlsx') throw new AppError('PREVIEW_UNAVAILABLE', { format: version.format });
  const name = fileName(ctx, version);
  const bytes = await readVerifiedOriginal(ctx, version);
  // Rendered in the extraction pool's workers: a hostile package meets their heap cap and a time limit,
  // away from the thread holding the vault keys and database (the pool sends a copy; ours is wiped).
  let body: Awaited<ReturnType<ReturnType<typeof ctx.session.extractionPool>['preview']>>;
  try {
    body = await ctx.session.extractionPool().preview(bytes, name, version.format, PREVIEW_TIMEOUT_MS);
  } finally {
    bytes.fill(0);
  }
  const preview: FilePreview = body.kind === 'html'
    ? { versionId: version.id, kind: 'html', html: body.html }
    : { versionId: version.id, kind: 'sheets', sheets: body.sheets, maxRows: PREVIEW_MAX_ROWS, maxColumns: PREVIEW_MAX_COLUMNS };
  auditView(ctx, 'file.preview', version);
  return preview;
}

/** A decrypted contract file held in memory for the desktop viewer (it never touches the disk). */
export interface FileForViewer {
  bytes: Uint8Array;
  mime: string;
  versionId: string;
}

/**
 * The original bytes of one version for the desktop viewer's protocol handler (issue 6): the same checks
 * and audit event as `files.content`, without the JSON size cap (the protocol streams raw bytes).
 */
export async function readFileForViewer(ctx: ServiceContext, input: VersionRef): Promise<FileForViewer> {
  const version = chooseVersion(ctx, input.contractId, undefined, input.versionId);
  const bytes = await readVerifiedOriginal(ctx, version, null);
  auditView(ctx, 'file.view', version);
  return { bytes, mime: version.mime, versionId: version.id };
}
