import type { FolderListing } from './folderListing.ts';

/** The file kinds a picker may list by name: only backups (`.cvbackup`); never other files (their names are what the vault protects). */
export const listableFileKinds = ['cvbackup'] as const;
export type ListableFileKind = (typeof listableFileKinds)[number];

/** One file of the allowed kind inside the folder being browsed. */
export interface ListedFile {
  name: string;
  path: string;
  bytes: number;
  /** ISO 8601 time of the last change. */
  modifiedAt: string;
}

/** What `fs.listFiles` answers: the folder listing plus the files of the one kind asked for. */
export interface FileListing extends FolderListing {
  files: ListedFile[];
}
