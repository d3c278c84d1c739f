import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { AppError, isAppError } from '../../../src-shared/api/appError.ts';
import type { DescribeError } from './import/importService.ts';
import { exportFile } from './fileExportService.ts';
import type { ServiceContext } from './serviceContext.ts';
import type { ReasonKey } from '../../../src-shared/api/errorReasons.ts';

/** What happened to each contract of a bulk export. */
export interface BulkExportResult {
  exported: { contractId: string; path: string; bytes: number }[];
  failed: { contractId: string; error: ReturnType<DescribeError> }[];
}

/**
 * Exports the main document of each contract (its latest version, byte-exact) into one existing folder,
 * named by the vault's naming template, never overwriting; each export is audited as `files.export` does.
 * One contract's failure (a name already there, say) is reported and does not stop the others.
 */
export async function exportContracts(ctx: ServiceContext, ids: readonly string[], outDir: string, describe: DescribeError): Promise<BulkExportResult> {
  const dir = resolve(outDir);
  const info = await stat(dir).catch(() => null);
  if (!info?.isDirectory()) throw new AppError('OUTPUT_UNWRITABLE', { file: dir, detail: 'reason.notFolder' satisfies ReasonKey });
  const result: BulkExportResult = { exported: [], failed: [] };
  for (const contractId of new Set(ids)) {
    try {
      const done = await exportFile(ctx, { contractId, outPath: dir });
      result.exported.push({ contractId, path: done.path, bytes: done.bytes });
    } catch (error) {
      const appError = isAppError(error) ? error : new AppError('INTERNAL', { detail: (error as Error).message ?? String(error) }, { cause: error });
      result.failed.push({ contractId, error: describe(appError) });
    }
  }
  return result;
}
