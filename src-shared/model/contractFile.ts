/** What a file is to its contract. */
/** `email` is the mail a contract's files arrived in, kept as the record of where they came from. */
export const fileRoles = ['main', 'annex', 'signed', 'email'] as const;
export type FileRole = (typeof fileRoles)[number];

/** One document attached to a contract; its bytes live in versions. */
export interface ContractFile {
  id: string;
  contractId: string;
  role: FileRole;
  name: string;
  createdAt: string;
}

/** One stored state of a file: the original bytes (encrypted blob) and the text extracted from them. */
export interface FileVersion {
  id: string;
  fileId: string;
  versionNo: number;
  size: number;
  format: string;
  mime: string;
  pageCount: number;
  textChars: number;
  sourcePath: string | null;
  createdAt: string;
}

export interface ContractFileWithVersions extends ContractFile {
  versions: FileVersion[];
}
