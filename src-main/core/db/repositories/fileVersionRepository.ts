import { prepareCached } from '../statementCache.ts';
import type { FileVersion } from '../../../../src-shared/model/contractFile.ts';
import type { VaultDatabase } from '../connection.ts';

/** A version as stored: the public fields plus where its encrypted bytes are and how to open them. */
export interface StoredFileVersion extends FileVersion {
  /** How the bytes arrived ('file' | 'watch' | 'email') and, for an attachment, the mail version it came in. */
  sourceKind: string;
  parentVersionId: string | null;
  /** MinHash of the text, for recognising near-identical files; null without text. */
  textSignature: Uint32Array | null;
  blobId: string;
  textBlobId: string;
  wrappedKey: Uint8Array;
  contentMac: string;
  /** SHA-256 (hex) of the blob files' bytes as written; null for versions stored before schema 5. */
  blobSha256?: string | null;
  textBlobSha256?: string | null;
}

/** A stored version together with the contract it belongs to, for verify and duplicate checks. */
export interface LocatedFileVersion extends StoredFileVersion {
  contractId: string;
}

interface VersionRow {
  id: string; file_id: string; version_no: number; blob_id: string; text_blob_id: string; wrapped_key: Buffer;
  content_mac: string; size: number; format: string; mime: string; page_count: number; text_chars: number;
  source_path: string | null; created_at: string; contract_id?: string; source_kind: string; parent_version_id: string | null; text_signature: Buffer | null;
  blob_sha256: string | null; text_blob_sha256: string | null;
}

/** Inserts a version row (call inside the caller's transaction, after its blobs are durable). */
export function insertFileVersion(db: VaultDatabase, v: StoredFileVersion): void {
  prepareCached(db, `INSERT INTO file_versions (id, file_id, version_no, blob_id, text_blob_id, wrapped_key, content_mac, size,
      format, mime, page_count, text_chars, source_path, source_kind, parent_version_id, text_signature, created_at, blob_sha256, text_blob_sha256)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(
    v.id, v.fileId, v.versionNo, v.blobId, v.textBlobId, Buffer.from(v.wrappedKey), v.contentMac, v.size,
    v.format, v.mime, v.pageCount, v.textChars, v.sourcePath, v.sourceKind, v.parentVersionId,
    v.textSignature ? Buffer.from(v.textSignature.buffer, v.textSignature.byteOffset, v.textSignature.byteLength) : null, v.createdAt,
    v.blobSha256 ?? null, v.textBlobSha256 ?? null,
  );
}

/** Versions of one file, newest first. */
export function listVersionsOfFile(db: VaultDatabase, fileId: string): StoredFileVersion[] {
  return (prepareCached(db, 'SELECT * FROM file_versions WHERE file_id = ? ORDER BY version_no DESC').all(fileId) as VersionRow[]).map(toVersion);
}

/** The next version number of a file. */
export function nextVersionNo(db: VaultDatabase, fileId: string): number {
  const row = prepareCached(db, 'SELECT coalesce(max(version_no), 0) + 1 AS next FROM file_versions WHERE file_id = ?').get(fileId) as { next: number };
  return row.next;
}

/** A version with exactly these bytes (same keyed content hash), if the vault already holds it. */
export function findVersionByContentMac(db: VaultDatabase, contentMac: string): LocatedFileVersion | null {
  const row = prepareCached(db, `SELECT v.*, f.contract_id FROM file_versions v JOIN contract_files f ON f.id = v.file_id
      WHERE v.content_mac = ? LIMIT 1`).get(contentMac) as VersionRow | undefined;
  return row ? toLocated(row) : null;
}

/** Every version in the vault with its contract, for verify. */
export function listAllVersions(db: VaultDatabase): LocatedFileVersion[] {
  return (prepareCached(db, `SELECT v.*, f.contract_id FROM file_versions v JOIN contract_files f ON f.id = v.file_id
      ORDER BY v.rowid`).all() as VersionRow[]).map(toLocated);
}

/**
 * The SHA-256 (hex) of each blob file recorded when it was written, by blob id; blobs stored before schema 5
 * are absent. Backup export puts these in its manifest instead of hashing every blob again (decision 0028).
 */
export function listBlobDigests(db: VaultDatabase): Map<string, string> {
  const rows = prepareCached(db, 'SELECT blob_id, blob_sha256, text_blob_id, text_blob_sha256 FROM file_versions').all() as
    { blob_id: string; blob_sha256: string | null; text_blob_id: string; text_blob_sha256: string | null }[];
  const digests = new Map<string, string>();
  for (const row of rows) {
    if (row.blob_sha256 !== null) digests.set(row.blob_id, row.blob_sha256);
    if (row.text_blob_sha256 !== null) digests.set(row.text_blob_id, row.text_blob_sha256);
  }
  return digests;
}

/** The set of blob ids the database points at; everything else in blobs/ is an orphan. */
export function listReferencedBlobIds(db: VaultDatabase): Set<string> {
  const rows = prepareCached(db, 'SELECT blob_id, text_blob_id FROM file_versions').all() as { blob_id: string; text_blob_id: string }[];
  return new Set(rows.flatMap((r) => [r.blob_id, r.text_blob_id]));
}

function toLocated(row: VersionRow): LocatedFileVersion {
  return { ...toVersion(row), contractId: row.contract_id ?? '' };
}

function toVersion(row: VersionRow): StoredFileVersion {
  return {
    id: row.id, fileId: row.file_id, versionNo: row.version_no, blobId: row.blob_id, textBlobId: row.text_blob_id,
    wrappedKey: new Uint8Array(row.wrapped_key), contentMac: row.content_mac, size: row.size, format: row.format,
    mime: row.mime, pageCount: row.page_count, textChars: row.text_chars, sourcePath: row.source_path, createdAt: row.created_at,
    sourceKind: row.source_kind, parentVersionId: row.parent_version_id, textSignature: signatureFromBlob(row.text_signature),
  };
}

/** Strips the storage-only fields before a version leaves the backend. */
export function toPublicVersion(v: StoredFileVersion): FileVersion {
  return {
    id: v.id, fileId: v.fileId, versionNo: v.versionNo, size: v.size, format: v.format, mime: v.mime,
    pageCount: v.pageCount, textChars: v.textChars, sourcePath: v.sourcePath, createdAt: v.createdAt,
  };
}

function signatureFromBlob(blob: Buffer | null): Uint32Array | null {
  if (!blob || blob.length % 4 !== 0) return null;
  // Copied into an aligned buffer: a Buffer from SQLite may start at any byte offset.
  return new Uint32Array(new Uint8Array(blob).buffer);
}

/** The latest version of every main document, with its text signature, for near-duplicate detection. */
export function listMainDocumentSignatures(db: VaultDatabase): { contractId: string; fileId: string; versionId: string; signature: Uint32Array }[] {
  const rows = prepareCached(db, `SELECT f.contract_id, v.file_id, v.id, v.text_signature FROM file_versions v
      JOIN contract_files f ON f.id = v.file_id
      WHERE f.role = 'main' AND v.text_signature IS NOT NULL
        AND v.version_no = (SELECT max(version_no) FROM file_versions w WHERE w.file_id = v.file_id)`).all() as { contract_id: string; file_id: string; id: string; text_signature: Buffer }[];
  return rows.flatMap((r) => {
    const signature = signatureFromBlob(r.text_signature);
    return signature ? [{ contractId: r.contract_id, fileId: r.file_id, versionId: r.id, signature }] : [];
  });
}

/** The keyed content hash recorded for a version, or null if there is no such version. */
export function contentMacOfVersion(db: VaultDatabase, versionId: string): string | null {
  return (prepareCached(db, 'SELECT content_mac FROM file_versions WHERE id = ?').get(versionId) as { content_mac: string } | undefined)?.content_mac ?? null;
}

/** Moves a version under another file with a new number (call inside the caller's transaction). */
export function moveVersionToFile(db: VaultDatabase, versionId: string, fileId: string, versionNo: number): void {
  prepareCached(db, 'UPDATE file_versions SET file_id = ?, version_no = ? WHERE id = ?').run(fileId, versionNo, versionId);
}
