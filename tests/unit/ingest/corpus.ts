import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root, found from this file so tests run from any working directory. */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/**
 * The shared pdf.js PDF corpus, which lives beside the repository (and beside CI's clone) and is never
 * copied in. CVAULT_CORPUS_DIR points elsewhere, e.g. from a git worktree that does not sit beside it.
 */
export const pdfCorpusDir = process.env['CVAULT_CORPUS_DIR'] ?? path.resolve(repoRoot, '..', 'shared', 'corpus', 'pdfjs');

/** Bytes of one corpus PDF. */
export function readCorpusPdf(name: string): Buffer {
  return readFileSync(path.join(pdfCorpusDir, name));
}
