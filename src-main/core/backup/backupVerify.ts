import { open, type FileHandle } from 'node:fs/promises';
import { AppError } from '../../../src-shared/api/appError.ts';
import type { BackupProblem, BackupVerifyReport } from '../../../src-shared/model/backup.ts';
import { getSodium } from '../crypto/sodium.ts';
import { BACKUP_FORMAT_VERSION, BACKUP_PREFIX_BYTES, decodeBackupHeader, readBackupPrefix, type EncodedBackupHeader } from './backupHeader.ts';
import { readExactAt, readItem, readTrailer, MANIFEST_INDEX, TRAILER_BYTES, type BackupItemKind, type ItemContext } from './backupItems.ts';
import { itemCipherFor } from './itemCipher.ts';
import { openBackupKey, type BackupSecret } from './backupKey.ts';
import { parseManifest, type BackupManifest } from './backupManifest.ts';
import type { ReasonKey } from '../../../src-shared/api/errorReasons.ts';
import { errnoReason } from '../../../src-shared/api/errorReasons.ts';
import type { ItemDamage } from './backupItems.ts';

/** An opened backup file: its checked header and the derived key; close it when done. */
export interface OpenedBackup {
  handle: FileHandle;
  encoded: EncodedBackupHeader;
  key: Uint8Array;
  /** How this file's items are encrypted (its version's cipher, key, header checksum, chunk size). */
  items: ItemContext;
  firstItemOffset: number;
  fileSize: number;
}

/** Progress of a verify or restore pass, in plaintext bytes. */
export type BackupProgress = (done: number, total: number) => void;

/**
 * Opens a backup: checks magic, version and header checksum, derives the key and checks it.
 * Throws BACKUP_NOT_A_BACKUP, BACKUP_FORMAT_TOO_NEW, BACKUP_DAMAGED (the header itself is damaged,
 * with `problem` naming it), BACKUP_WRONG_PASSPHRASE / WRONG_RECOVERY_KEY, or BACKUP_SECRET_KIND.
 */
export async function openBackupFile(path: string, secret: BackupSecret): Promise<OpenedBackup> {
  let handle: FileHandle;
  try {
    handle = await open(path, 'r');
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    throw new AppError(code === 'ENOENT' ? 'FILE_NOT_FOUND' : 'FILE_UNREADABLE', { file: path, detail: errnoReason(code) }, { cause });
  }
  try {
    const fileSize = (await handle.stat()).size;
    const prefix = await readExactAt(handle, BACKUP_PREFIX_BYTES, 0);
    let jsonLength: number;
    try {
      ({ jsonLength } = readBackupPrefix(prefix, path));
    } catch (error) {
      if (await isDamagedKnownHeader(handle)) throw new AppError('BACKUP_DAMAGED', { file: path, problems: 1, part: 'header', detail: 'reason.backup.magicDamaged' satisfies ReasonKey });
      throw error;
    }
    const headerBytes = await readExactAt(handle, Math.min(BACKUP_PREFIX_BYTES + jsonLength + 32, BACKUP_PREFIX_BYTES + 64 * 1024 + 32), 0);
    const decoded = await decodeBackupHeader(headerBytes);
    if ('problem' in decoded) throw new AppError('BACKUP_DAMAGED', { file: path, problems: 1, part: 'header', detail: decoded.problem });
    const cipher = await itemCipherFor(decoded.encoded.header.formatVersion);
    if (cipher === undefined) throw new AppError('BACKUP_DAMAGED', { file: path, problems: 1, part: 'header', detail: 'reason.backup.unknownVersion' satisfies ReasonKey });
    const key = await openBackupKey(decoded.encoded.header.key, secret);
    const items: ItemContext = { cipher, key, headerChecksum: decoded.encoded.checksum, chunkSize: decoded.encoded.header.chunkSize };
    return { handle, encoded: decoded.encoded, key, items, firstItemOffset: decoded.encoded.bytes.length, fileSize };
  } catch (error) {
    await handle.close();
    throw error;
  }
}

/**
 * A file whose magic or version byte is wrong but whose header checks out once they are put back to
 * "CVBK" and a version this build knows is a damaged backup, not another kind of file or a newer
 * format: the checksum covers those bytes, so this cannot mistake a real newer backup for a damaged one.
 */
async function isDamagedKnownHeader(handle: FileHandle): Promise<boolean> {
  const bytes = await readExactAt(handle, BACKUP_PREFIX_BYTES + 64 * 1024 + 32, 0);
  if (bytes.length < BACKUP_PREFIX_BYTES) return false;
  bytes.set(new TextEncoder().encode('CVBK'), 0);
  for (let version = 1; version <= BACKUP_FORMAT_VERSION; version++) {
    bytes[4] = version;
    if ('encoded' in (await decodeBackupHeader(bytes))) return true;
  }
  return false;
}

/** Closes an opened backup and wipes its key. */
export async function closeBackupFile(backup: OpenedBackup): Promise<void> {
  (await getSodium()).memzero(backup.key);
  await backup.handle.close();
}

function damage(detail: ReasonKey): ItemDamage {
  return { ok: false, detail };
}

function isDamage(value: BackupManifest | ItemDamage): value is ItemDamage {
  return 'ok' in value && value.ok === false;
}

/** Reads and decodes the manifest item at `offset`; why, when it is damaged. */
export async function readManifestAt(backup: OpenedBackup, offset: number): Promise<BackupManifest | ItemDamage> {
  const chunks: Uint8Array[] = [];
  const result = await readItem(backup.handle, backup.items, MANIFEST_INDEX,
    offset, backup.fileSize - TRAILER_BYTES, (chunk) => { chunks.push(chunk); });
  if (!result.ok) return { ok: false, detail: result.detail, ...(result.values === undefined ? {} : { values: result.values }) };
  if (result.descriptor.kind !== 'manifest') return damage('reason.backup.trailerNotManifest');
  const manifest = parseManifest(Buffer.concat(chunks));
  if (manifest === undefined) return damage('reason.backup.manifestUnreadable');
  if (manifest.backupId !== backup.encoded.header.backupId || manifest.vaultId !== backup.encoded.header.vaultId) return damage('reason.backup.manifestForeign');
  return manifest;
}

/**
 * Checks every byte of an opened backup without writing anything: each item decrypts and
 * authenticates, matches the size and hash the manifest recorded, and the items tile the file exactly.
 * When the manifest or the trailer is damaged it still walks the items one by one and names what it can.
 */
export async function verifyOpenedBackup(backup: OpenedBackup, onProgress?: BackupProgress): Promise<{ report: BackupVerifyReport; manifest: BackupManifest | null }> {
  const { header } = backup.encoded;
  const problems: BackupProblem[] = [];
  const report: BackupVerifyReport = {
    ok: false, backupId: header.backupId, vaultId: header.vaultId, createdAt: header.createdAt, formatVersion: header.formatVersion,
    items: 0, verifiedItems: 0, checkedBytes: 0, problems,
  };
  const trailerOffset = await readTrailer(backup.handle, backup.fileSize, backup.firstItemOffset);
  let manifestOffset = trailerOffset;
  let found: BackupManifest | ItemDamage = trailerOffset === null ? damage('reason.backup.trailerMissing') : await readManifestAt(backup, trailerOffset);
  if (isDamage(found)) {
    // Either the trailer or the manifest is damaged: find the manifest by walking the items to tell which.
    const located = await locateManifest(backup);
    if (located !== null && located !== trailerOffset) {
      const atLocated = await readManifestAt(backup, located);
      if (!isDamage(atLocated)) {
        problems.push({ part: 'trailer', index: null, name: null, detail: trailerOffset === null ? 'reason.backup.trailerMissing' : 'reason.backup.trailerWrongPlace' });
        found = atLocated;
        manifestOffset = located;
      }
    }
    if (isDamage(found)) {
      if (trailerOffset === null && located === null) problems.push({ part: 'file', index: null, name: null, detail: 'reason.backup.manifestAndTrailerMissing' });
      else problems.push({ part: 'manifest', index: null, name: null, detail: found.detail, ...(found.values === undefined ? {} : { values: found.values }) });
      manifestOffset = located ?? trailerOffset;
    }
  }
  const manifest = isDamage(found) ? null : found;

  if (manifest !== null && manifestOffset !== null) {
    report.items = manifest.items.length;
    const total = manifest.items.reduce((sum, item) => sum + item.size, 0);
    let expectedOffset = backup.firstItemOffset;
    for (const item of manifest.items) {
      const where = { part: item.kind, index: item.index, name: item.name } as const;
      if (item.offset !== expectedOffset) problems.push({ ...where, detail: 'reason.backup.offsetMismatch', values: { expected: expectedOffset, listed: item.offset } });
      expectedOffset = item.offset + 8 + item.length;
      const result = await readItem(backup.handle, backup.items, item.index, item.offset, manifestOffset,
        (chunk) => {
          report.checkedBytes += chunk.length;
          onProgress?.(report.checkedBytes, total);
        });
      if (!result.ok) problems.push({ ...where, detail: result.detail, ...(result.values === undefined ? {} : { values: result.values }) });
      else if (result.length !== item.length) problems.push({ ...where, detail: 'reason.backup.lengthMismatch' });
      else if (result.descriptor.kind !== item.kind || result.descriptor.name !== item.name) problems.push({ ...where, detail: 'reason.backup.holdsOther', values: { itemKind: result.descriptor.kind, itemName: result.descriptor.name } });
      else if (result.size === item.size && result.sha256 !== item.sha256 && item.kind === 'blob') {
        // Every frame authenticated under the backup key, so these are the bytes export read: the hash it
        // recorded is the vault's own from when the blob was stored (decision 0028), and the vault's copy had changed.
        problems.push({ ...where, detail: 'reason.backup.changedInVault', changedInVault: true });
      } else if (result.size !== item.size || result.sha256 !== item.sha256) problems.push({ ...where, detail: 'reason.backup.hashMismatch' });
      else report.verifiedItems++;
    }
    if (expectedOffset !== manifestOffset) problems.push({ part: 'file', index: null, name: null, detail: 'reason.backup.unaccountedBytes' });
    const kinds = new Set(manifest.items.map((item) => item.kind));
    if (!kinds.has('vault.json') || !kinds.has('database')) problems.push({ part: 'manifest', index: null, name: null, detail: 'reason.backup.essentialsMissing' });
  } else {
    // A readable trailer still says where the (damaged) manifest starts: the items end there.
    await walkWithoutManifest(backup, report, manifestOffset ?? backup.fileSize, onProgress);
  }
  report.ok = problems.length === 0;
  return { report, manifest };
}

/**
 * The offset of the item whose descriptor authenticates as the manifest, walking the length fields
 * (reading only each item's first chunk); null when the walk cannot get there.
 */
async function locateManifest(backup: OpenedBackup): Promise<number | null> {
  const end = backup.fileSize;
  let offset = backup.firstItemOffset;
  for (let index = 0; offset < end; index++) {
    const asItem = await readItem(backup.handle, backup.items, index, offset, end, undefined, true);
    if (!asItem.ok) {
      const asManifest = await readItem(backup.handle, backup.items, MANIFEST_INDEX, offset, end, undefined, true);
      if (asManifest.ok) return asManifest.descriptor.kind === 'manifest' ? offset : null;
    }
    if (asItem.length === null) return null;
    offset += 8 + asItem.length;
  }
  return null;
}

/** Item by item through the length fields, when the manifest cannot say where items are. */
async function walkWithoutManifest(backup: OpenedBackup, report: BackupVerifyReport, stop: number, onProgress?: BackupProgress): Promise<void> {
  let offset = backup.firstItemOffset;
  for (let index = 0; offset < stop; index++) {
    let descriptor: { kind: BackupItemKind; name: string } | null = null;
    // The manifest is its own kind of item, with its own index: try an item as the manifest only if it does not read as item `index`.
    const result = await readItem(backup.handle, backup.items, index, offset, stop,
      (chunk) => {
        report.checkedBytes += chunk.length;
        onProgress?.(report.checkedBytes, 0);
      });
    if (result.ok) {
      descriptor = result.descriptor;
      report.items++;
      report.verifiedItems++;
    } else {
      if (result.length === null) {
        report.problems.push({ part: 'unknown', index, name: null, detail: 'reason.backup.restUnlocatable' });
        return;
      }
      const asManifest = await readManifestAt(backup, offset);
      if (!isDamage(asManifest)) return;
      report.items++;
      report.problems.push({ part: 'unknown', index, name: null, detail: result.detail, ...(result.values === undefined ? {} : { values: result.values }) });
    }
    if (descriptor?.kind === 'manifest') return;
    offset += 8 + (result.length ?? 0);
  }
}

/** Verifies a backup file end to end (opens, checks, closes). */
export async function verifyBackupFile(path: string, secret: BackupSecret, onProgress?: BackupProgress): Promise<BackupVerifyReport> {
  let backup: OpenedBackup;
  try {
    backup = await openBackupFile(path, secret);
  } catch (error) {
    // A damaged header is a finding, not a failure to verify: report it like any other damaged part.
    if (error instanceof AppError && error.code === 'BACKUP_DAMAGED' && error.params.part === 'header') {
      return {
        ok: false, backupId: null, vaultId: null, createdAt: null, formatVersion: BACKUP_FORMAT_VERSION, items: 0, verifiedItems: 0, checkedBytes: 0,
        problems: [{ part: 'header', index: null, name: null, detail: String(error.params.detail ?? 'reason.backup.headerUnreadable') }],
      };
    }
    throw error;
  }
  try {
    return (await verifyOpenedBackup(backup, onProgress)).report;
  } finally {
    await closeBackupFile(backup);
  }
}
