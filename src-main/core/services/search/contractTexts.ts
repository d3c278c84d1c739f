import type { ContractRecord } from '../../../../src-shared/model/contract.ts';
import { listFilesOfContract } from '../../db/repositories/contractFileRepository.ts';
import { listVersionsOfFile } from '../../db/repositories/fileVersionRepository.ts';
import type { VaultSession } from '../../session/vaultSession.ts';
import type { IndexedContract } from '../../search/searchIndex.ts';
import { readVersionText } from '../versionContent.ts';

/** One version's decrypted text, with what a search result says about where it came from. */
export interface VersionText {
  fileId: string;
  fileName: string;
  versionId: string;
  versionNo: number;
  format: string;
  /** False for formats without pages (DOCX, e-mail, text): their single entry is no "page 1". */
  paged: boolean;
  pages: string[];
}

const pagedFormats: ReadonlySet<string> = new Set(['pdf', 'image']);

/**
 * The texts of every version of a contract's files, decrypted: each file's latest version first
 * (in file order), then the older versions, so search ranks and quotes current text first.
 */
export async function loadContractTexts(session: VaultSession, contractId: string): Promise<VersionText[]> {
  const latest: VersionText[] = [];
  const older: VersionText[] = [];
  for (const file of listFilesOfContract(session.db, contractId)) {
    const versions = listVersionsOfFile(session.db, file.id);
    for (const [position, version] of versions.entries()) {
      const pages = await readVersionText(session, { ...version, contractId });
      const text: VersionText = {
        fileId: file.id, fileName: file.name, versionId: version.id, versionNo: version.versionNo, format: version.format,
        paged: pagedFormats.has(version.format), pages,
      };
      (position === 0 ? latest : older).push(text);
    }
  }
  return [...latest, ...older];
}

/** What the index needs of a contract: its fields, its texts (latest first) and its facets. */
export function toIndexedContract(contract: ContractRecord, texts: readonly VersionText[]): IndexedContract {
  return {
    contractId: contract.id,
    title: contract.title,
    number: contract.number,
    customerName: contract.customerName,
    tags: contract.tags,
    notes: contract.notes ?? '',
    texts: texts.map((t) => t.pages.join('\n')),
    facets: {
      customerId: contract.customerId,
      type: contract.type,
      status: contract.status,
      tags: contract.tags,
      signingDate: contract.signingDate,
      endDate: contract.endDate,
      amount: contract.amount,
      formats: [...new Set(texts.map((t) => t.format))],
    },
  };
}
