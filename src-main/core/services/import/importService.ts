import { basename } from 'node:path';
import pLimit from 'p-limit';
import { AppError, isAppError } from '../../../../src-shared/api/appError.ts';
import type { FileRole } from '../../../../src-shared/model/contractFile.ts';
import type { ImportOutcome } from '../../../../src-shared/model/importResult.ts';
import { findVersionByContentMac } from '../../db/repositories/fileVersionRepository.ts';
import { createContentMac } from '../../crypto/contentMac.ts';
import { requireContract } from '../contractService.ts';
import { resolveCustomer } from '../customerService.ts';
import { maxFileBytes, ocrEnabled } from '../importLimits.ts';
import { checkInputBytes, expandInputPaths, readInputFile } from '../inputFiles.ts';
import type { ServiceContext } from '../serviceContext.ts';
import { customerFromEmail } from './customerLinking.ts';
import type { ImportItem, ImportTarget } from './importItem.ts';
import { storeVersion, titleFromFileName } from './storeVersion.ts';
import { enrichContract } from './contractEnrichment.ts';
import { runInStages } from './importStages.ts';
import { extractContractMetadata, metadataValues } from '../../../../src-shared/rules/metadata/contractMetadata.ts';
import { createClassifier, type Classifier } from '../../../../src-shared/rules/classification/classify.ts';
import { listClassificationRules } from '../../db/repositories/classificationRuleRepository.ts';
import { listCustomerSummaries } from '../../db/repositories/customerRepository.ts';
import { listMainDocumentSignatures } from '../../db/repositories/fileVersionRepository.ts';
import { signatureSimilarity } from '../../../../src-shared/rules/similarity/textSignature.ts';
import type { ReasonKey } from '../../../../src-shared/api/errorReasons.ts';

/** A file handed over as bytes in memory (a browser drop has no path); never written anywhere in plaintext. */
export interface InputBytes {
  name: string;
  bytes: Uint8Array;
}

/** Options of one import batch: files by path, files by bytes, or both. */
export interface ImportRequest {
  paths: string[];
  files?: InputBytes[] | undefined;
  customer?: string | undefined;
  contractId?: string | undefined;
  role?: FileRole | undefined;
  /** How the files arrived; a watched folder's files are recorded as such. */
  sourceKind?: 'file' | 'watch';
}

/** Turns an error for one file into its outcome, translated by the door's describer. */
export type DescribeError = (error: AppError) => { code: AppError['code']; message: string; params: Record<string, string | number> };

/** How a batch reports progress and learns it was cancelled. */
export interface ImportControl {
  describe: DescribeError;
  progress?: (event: { done: number; total: number; item: string | null; phase?: 'reading' | 'extracting' | 'storing'; outcomes?: ImportOutcome[] }) => void;
  signal?: AbortSignal | undefined;
}

/** Deepest e-mail nesting followed (a mail attached to a mail attached to a mail). */
const maxEmailDepth = 3;

/** State shared by the files of one batch: identical files in one batch are stored once. */
interface Batch {
  inFlight: Map<string, Promise<ImportOutcome[]>>;
  /** The vault's classification rules, compiled once per batch. */
  classifier: Classifier;
  /** Whether scans and images are read with OCR (a vault setting). */
  ocr: boolean;
  /** Text signatures of the vault's main documents (loaded on first need, extended as the batch stores more). */
  signatures: { contractId: string; fileId: string; signature: Uint32Array }[] | null;
  ctx: ServiceContext;
  control: ImportControl;
  /** Files finished and in this batch, for progress events. */
  counts: { done: number; total: number };
}

/** Reports that an item of the batch entered a phase. */
function reportPhase(batch: Batch, item: string, phase: 'reading' | 'extracting' | 'storing'): void {
  batch.control.progress?.({ done: batch.counts.done, total: batch.counts.total, item, phase });
}

/**
 * Imports files (and folders of files) into the vault. Each file is its own unit: its blobs are written
 * and fsynced, then its rows and audit event commit in one transaction; a failure leaves nothing of it
 * behind and does not stop the others. The same bytes again are a duplicate; a changed file with the
 * name of one already filed for the same customer becomes that file's next version. An e-mail is kept
 * as the record its attachments came in, and each attachment in a supported format becomes a file of
 * the same contract. Files are parsed in worker threads, several at a time; cancelling stops files not
 * yet committed and keeps those that were.
 */
export async function importFiles(ctx: ServiceContext, request: ImportRequest, control: ImportControl): Promise<ImportOutcome[]> {
  // Resolve the target first: an unknown customer or contract refuses the whole batch before any work.
  const customer = request.customer === undefined ? null : resolveCustomer(ctx, request.customer);
  const targetContract = request.contractId === undefined ? null : requireContract(ctx, request.contractId);
  const target: ImportTarget = {
    customerId: targetContract ? targetContract.customerId : (customer?.id ?? null),
    targetContract,
    role: request.role,
    limit: maxFileBytes(ctx.session.db),
  };
  const expanded = await expandInputPaths(request.paths);
  // One list whatever the origin: a path is read when its turn comes, bytes are only checked.
  const inputs: { label: string; fileName: string; sourcePath: string | null; read: () => Promise<Uint8Array> }[] = [
    ...expanded.map((path) => ({ label: path, fileName: basename(path), sourcePath: path, read: () => readInputFile(path, target.limit) })),
    ...(request.files ?? []).map((file) => ({ label: file.name, fileName: file.name, sourcePath: null, read: async () => checkInputBytes(file.name, file.bytes, target.limit) })),
  ];
  const results: ImportOutcome[][] = inputs.map(() => []);
  const classifier = createClassifier(listClassificationRules(ctx.session.db), listCustomerSummaries(ctx.session.db).map((c) => ({ id: c.id, name: c.name })));
  const batch: Batch = { inFlight: new Map(), classifier, ocr: ocrEnabled(ctx.session.db), signatures: null, ctx, control, counts: { done: 0, total: inputs.length } };
  // Four files per worker being parsed: one parsing, two waiting inside the worker (extractionPool.ts),
  // one being read here. As many again being stored: their fsyncs wait on the disk, not on a core, and
  // must not keep the workers from their next files (importStages.ts).
  const slots = ctx.session.extractionPool().concurrency * 4;
  const parsing = pLimit(slots);
  const storing = pLimit(slots);
  control.progress?.({ done: 0, total: inputs.length, item: null });
  await Promise.all(inputs.map((input, index) => runInStages(parsing, storing, async (gate) => {
    results[index] = await guarded(batch, input.label, async () => {
      reportPhase(batch, input.label, 'reading');
      const bytes = await input.read();
      return importItem(batch, { label: input.label, fileName: input.fileName, bytes, sourcePath: input.sourcePath, sourceKind: request.sourceKind ?? 'file', parentVersionId: null, depth: 0, gate }, target);
    });
    batch.counts.done += 1;
    control.progress?.({ done: batch.counts.done, total: inputs.length, item: input.label, outcomes: results[index] });
  })));
  return results.flat();
}

/** Runs one item's import, turning any failure into that item's outcome. */
async function guarded(batch: Batch, label: string, work: () => Promise<ImportOutcome[]>): Promise<ImportOutcome[]> {
  try {
    if (batch.control.signal?.aborted) throw new AppError('IMPORT_CANCELLED');
    return await work();
  } catch (error) {
    const appError = isAppError(error) ? error : new AppError('INTERNAL', { detail: (error as Error).message ?? String(error) }, { cause: error });
    return [{ file: label, status: 'failed', error: batch.control.describe(appError) }];
  }
}

/** Recognises duplicates (in the vault, or earlier in this batch) before any parsing. */
async function importItem(batch: Batch, item: ImportItem, target: ImportTarget): Promise<ImportOutcome[]> {
  const mac = await createContentMac(batch.ctx.session.keys.contentMac);
  mac.update(item.bytes);
  const contentMac = mac.digestHex();
  const twin = batch.inFlight.get(contentMac);
  if (twin) {
    const earlier = (await twin.catch(() => []))[0];
    if (earlier && (earlier.status === 'imported' || earlier.status === 'new-version' || earlier.status === 'duplicate')) {
      return [{ file: item.label, status: 'duplicate', contractId: earlier.contractId, fileId: earlier.fileId, versionId: earlier.versionId }];
    }
  }
  const stored = storeNew(batch, item, contentMac, target);
  batch.inFlight.set(contentMac, stored);
  return stored;
}

async function storeNew(batch: Batch, item: ImportItem, contentMac: string, target: ImportTarget): Promise<ImportOutcome[]> {
  const { ctx, control } = batch;
  const existing = findVersionByContentMac(ctx.session.db, contentMac);
  if (existing) return [{ file: item.label, status: 'duplicate', contractId: existing.contractId, fileId: existing.fileId, versionId: existing.id }];

  reportPhase(batch, item.label, 'extracting');
  const today = new Date().toISOString().slice(0, 10);
  // A file that can be the main document has its metadata read in the worker (an e-mail never has).
  const mayBeMain = !target.targetContract || (item.sourceKind === 'email' && target.role === 'main');
  const document = await ctx.session.extractionPool().extract(item.bytes, item.fileName, { ocr: batch.ocr, ...(mayBeMain ? { contractMetadataToday: today } : {}) });
  // Checked after the slow step: a cancelled batch commits nothing more.
  if (control.signal?.aborted) throw new AppError('IMPORT_CANCELLED');
  const email = document.email;
  if (email && item.depth >= maxEmailDepth) throw new AppError('ARCHIVE_LIMIT_EXCEEDED', { file: item.fileName, detail: 'reason.email.nestedTooDeep' satisfies ReasonKey, limit: maxEmailDepth });

  const attachments = email?.attachments ?? [];
  const firstAttachment = attachments[0];
  const newContractTitle = firstAttachment ? titleFromFileName(firstAttachment.fileName) : (email?.subject || titleFromFileName(item.fileName));
  // The main document speaks for the contract: a new contract's file, or the first attachment of a mail.
  // A mail's covering letter and annexes added later do not.
  const isMainDocument = !email && (!target.targetContract || (item.sourceKind === 'email' && target.role === 'main'));
  const metadata = isMainDocument ? (document.contractMetadata ?? extractContractMetadata(document.text.pages, { today })) : null;
  // Rules decide type and tags of a contract from its main document (or from a mail that carries no files);
  // a customer only when neither the user nor the mail's addresses did.
  const classified = isMainDocument || (email !== undefined && attachments.length === 0 && !target.targetContract);
  const classification = classified ? batch.classifier.classify({ title: email ? newContractTitle : titleFromFileName(item.fileName), pages: document.text.pages }) : null;
  const customerId = target.customerId ?? (email ? customerFromEmail(ctx.session.db, email) : null) ?? classification?.customer?.value ?? null;
  await item.gate?.enterStoring();
  // Checked again after the wait for a storing slot: a cancelled batch commits nothing more.
  if (control.signal?.aborted) throw new AppError('IMPORT_CANCELLED');
  reportPhase(batch, item.label, 'storing');
  const stored = await storeVersion(ctx, item, document.text, contentMac, {
    customerId,
    contractId: target.targetContract?.id ?? null,
    newContractTitle,
    role: email ? 'email' : (target.role ?? (target.targetContract ? 'annex' : 'main')),
    enrich: (contract, versionId) => enrichContract(ctx.session.db, contract, { classification, metadata, versionId }),
    enrichExisting: isMainDocument,
    signal: control.signal,
  }, document.signature);
  const similarTo = stored.createdContract && stored.role === 'main' ? nearIdentical(batch, stored, document.signature) : undefined;
  const outcome: ImportOutcome = {
    file: item.label, status: stored.versionNo === 1 ? 'imported' : 'new-version', contractId: stored.contractId,
    fileId: stored.fileId, versionId: stored.versionId, versionNo: stored.versionNo,
    pageCount: document.text.pageCount ?? document.text.pages.length, textChars: document.text.pages.reduce((n, p) => n + p.length, 0),
    ...(metadata ? { metadata: metadataValues(metadata) } : {}),
    ...(document.text.ocrPages ? { ocrPages: document.text.ocrPages } : {}),
    ...(classification?.type ? { classifiedType: classification.type.value } : {}),
    ...(similarTo ? { similarTo } : {}),
  };
  if (!email) return [outcome];

  // Every attachment joins the mail's contract: the first supported one as the main document.
  const contract = requireContract(ctx, stored.contractId);
  const attachmentTarget: ImportTarget = { ...target, customerId, targetContract: contract, role: undefined };
  const outcomes: ImportOutcome[] = [outcome];
  let mainTaken = false;
  for (const attachment of attachments) {
    const label = `${item.label} › ${attachment.fileName}`;
    const results = await guarded(batch, label, () => importItem(batch, {
      label, fileName: attachment.fileName, bytes: attachment.bytes, sourcePath: item.sourcePath, sourceKind: 'email',
      parentVersionId: stored.versionId, depth: item.depth + 1,
    }, { ...attachmentTarget, role: mainTaken ? 'annex' : 'main' }));
    if (results.some((r) => r.status === 'imported')) mainTaken = true;
    outcomes.push(...results.map((r): ImportOutcome => (r.status === 'failed' && r.error.code === 'UNSUPPORTED_FORMAT' ? { file: r.file, status: 'skipped', reason: r.error } : r)));
  }
  return outcomes;
}

/** Texts this similar (estimated Jaccard of 5-character shingles) are offered as versions of each other. */
const nearIdenticalThreshold = 0.8;

/** The most similar main document of another contract, when it is near-identical; records the new one for the rest of the batch. */
function nearIdentical(batch: Batch, stored: { contractId: string; fileId: string }, signature: Uint32Array | null): { contractId: string; fileId: string; similarity: number } | undefined {
  if (!signature) return undefined;
  batch.signatures ??= listMainDocumentSignatures(batch.ctx.session.db).filter((s) => s.contractId !== stored.contractId);
  let best: { contractId: string; fileId: string; similarity: number } | undefined;
  for (const candidate of batch.signatures) {
    const similarity = signatureSimilarity(signature, candidate.signature);
    if (similarity >= nearIdenticalThreshold && (!best || similarity > best.similarity)) best = { contractId: candidate.contractId, fileId: candidate.fileId, similarity };
  }
  batch.signatures.push({ contractId: stored.contractId, fileId: stored.fileId, signature });
  return best;
}
